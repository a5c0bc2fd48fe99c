// Starts a lab with one TestShell client host and gives an SSM client plus a SessionChannel factory wired to it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResumeSessionCommand, SSMClient, StartSessionCommand, TerminateSessionCommand } from '@aws-sdk/client-ssm';
import { startLab, type RunningLab, type StartLabOptions } from '../../../../src/lab';
import { SessionChannel, type SessionChannelOptions } from '../../../../src/session';
import { testHost } from './TestShell';

export const INSTANCE_ID = 'i-0123456789abcdef0';

export interface SessionLab {
  readonly lab: RunningLab;
  readonly ssm: SSMClient;
  readonly host: ReturnType<typeof testHost>;
  readonly logs: string[];
  /** StartSession, then a SessionChannel whose resume/terminate call the lab; `streamUrl` may be replaced (e.g. by a proxy). */
  openChannel(overrides?: Partial<SessionChannelOptions> & { mapStreamUrl?: (url: string) => string }): Promise<{ channel: SessionChannel; sessionId: string; streamUrl: string; tokenValue: string }>;
  stop(): Promise<void>;
}

export async function startSessionLab(options: Partial<StartLabOptions> = {}): Promise<SessionLab> {
  const stateDir = await mkdtemp(join(tmpdir(), 'session-lab-'));
  const host = testHost(INSTANCE_ID);
  const logs: string[] = [];
  const lab = await startLab({ port: 0, stateDir, timeScale: 0, log: (line) => logs.push(line), resolveClientHost: (id) => (id === INSTANCE_ID ? host : undefined), ...options });
  const ssm = new SSMClient({ endpoint: lab.endpoint, region: lab.region, credentials: { accessKeyId: lab.accessKeyId, secretAccessKey: lab.secretAccessKey } });
  return {
    lab,
    ssm,
    host,
    logs,
    async openChannel(overrides = {}) {
      const started = await ssm.send(new StartSessionCommand({ Target: INSTANCE_ID }));
      const sessionId = started.SessionId ?? '';
      const streamUrl = started.StreamUrl ?? '';
      const tokenValue = started.TokenValue ?? '';
      const { mapStreamUrl, ...rest } = overrides;
      const channel = new SessionChannel({
        sessionId,
        streamUrl: mapStreamUrl ? mapStreamUrl(streamUrl) : streamUrl,
        tokenValue,
        resume: async () => (await ssm.send(new ResumeSessionCommand({ SessionId: sessionId }))).TokenValue,
        terminate: async () => {
          await ssm.send(new TerminateSessionCommand({ SessionId: sessionId }));
        },
        ...rest,
      });
      return { channel, sessionId, streamUrl, tokenValue };
    },
    async stop() {
      ssm.destroy();
      await lab.stop();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** Collects a channel's output; waitFor resolves when the text matches and rejects after `timeoutMs` (never hangs). */
export function collectOutput(channel: SessionChannel): { text: () => string; bytes: () => Buffer; byteCount: () => number; waitFor: (pattern: RegExp | ((text: string) => boolean), timeoutMs?: number) => Promise<string> } {
  const chunks: Buffer[] = [];
  let text = '';
  const waiters = new Set<() => void>();
  let byteCount = 0;
  channel.onData((data) => {
    chunks.push(Buffer.from(data));
    byteCount += data.length;
    for (const waiter of [...waiters]) waiter();
  });
  channel.onOutput((value) => {
    text += value;
    for (const waiter of [...waiters]) waiter();
  });
  return {
    text: () => text,
    bytes: () => Buffer.concat(chunks),
    byteCount: () => byteCount,
    waitFor: (pattern, timeoutMs = 10_000) => new Promise((resolve, reject) => {
      const test = typeof pattern === 'function' ? pattern : (value: string) => pattern.test(value);
      const check = () => {
        if (test(text)) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(text);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`Timed out waiting for ${String(pattern)}; output so far: ${JSON.stringify(text.slice(-300))}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    }),
  };
}
