// Test fixture: a Session Manager terminal on a client host (StartSession + the project's data-channel client) that types lines at the prompt.
import { StartSessionCommand, TerminateSessionCommand } from '@aws-sdk/client-ssm';
import { SessionChannel } from '../../../src/session';
import type { StackLab } from './stackLab';

export const AL2_PROMPT = 'sh-4.2$ ';

export interface ClientTerminal {
  /** Types a line, waits for the next prompt and returns what the line printed (CRLF as sent). */
  type(line: string, timeoutMs?: number): Promise<string>;
  /** Types a line whose output may be too large to keep (e.g. a tape read to stdout); returns how many bytes it printed. */
  typeCounting(line: string, timeoutMs?: number): Promise<number>;
  close(): Promise<void>;
}

interface Pending {
  readonly check: () => boolean;
  readonly resolve: () => void;
}

/** Opens a terminal on `instanceId` and waits for its first prompt. Output is watched as it arrives (no polling), so timings are not rounded up. */
export async function openClientTerminal(t: StackLab, instanceId: string, prompt = AL2_PROMPT): Promise<ClientTerminal> {
  const started = await t.ssm.send(new StartSessionCommand({ Target: instanceId }));
  const sessionId = started.SessionId ?? '';
  const channel = new SessionChannel({
    sessionId,
    streamUrl: started.StreamUrl ?? '',
    tokenValue: started.TokenValue ?? '',
    terminate: async () => {
      await t.ssm.send(new TerminateSessionCommand({ SessionId: sessionId }));
    },
    initialSize: { columns: 200, rows: 50 },
  });
  const promptBytes = Buffer.from(prompt);
  const decoder = new TextDecoder();
  /** Text since the current line was typed; kept only while `keepText` (a counting line would not fit in a string). */
  let text = '';
  let keepText = true;
  let counted = 0;
  let tail = Buffer.alloc(0);
  let pending: Pending | undefined;
  channel.onData((chunk) => {
    counted += chunk.length;
    tail = Buffer.concat([tail, chunk]).subarray(-promptBytes.length);
    if (keepText) text += decoder.decode(chunk, { stream: true });
    if (pending?.check()) {
      const { resolve } = pending;
      pending = undefined;
      resolve();
    }
  });
  const until = (what: string, check: () => boolean, timeoutMs: number): Promise<void> => {
    if (check()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending = undefined;
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`));
      }, timeoutMs);
      pending = { check, resolve: () => (clearTimeout(timer), resolve()) };
    });
  };
  await channel.open();
  await until('the first prompt', () => text.endsWith(prompt), 20_000);
  return {
    async type(line, timeoutMs = 20_000) {
      text = '';
      keepText = true;
      channel.sendInput(`${line}\r`);
      const echoed = `${line}\r\n`;
      await until(`"${line}" to finish`, () => text.startsWith(echoed) && text.endsWith(prompt), timeoutMs);
      return text.slice(echoed.length, text.length - prompt.length);
    },
    async typeCounting(line, timeoutMs = 600_000) {
      text = '';
      keepText = false;
      const from = counted;
      const echoedBytes = Buffer.byteLength(`${line}\r\n`);
      channel.sendInput(`${line}\r`);
      await until(`"${line}" to finish`, () => counted - from > echoedBytes && tail.equals(promptBytes), timeoutMs);
      keepText = true;
      return counted - from - echoedBytes - promptBytes.length;
    },
    close: () => channel.close(),
  };
}
