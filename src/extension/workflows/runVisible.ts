// Runs one command visibly in a session's shell and captures its output and exit status with the markers of tape/shellMarker.
import { MarkerCapture, markedCommandLine, type MarkedResult } from '../../tape/shellMarker';
import type { ShellChannel } from './ShellChannel';

interface RunVisibleOptions {
  /** Default 120 s; tar on a large file may need more. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

class CommandTimeoutError extends Error {}

/** The session ended before the command's exit status arrived. */
class SessionEndedError extends Error {
  override name = 'SessionEndedError';
}

let nextMarkerId = Math.floor(Math.random() * 1_000_000);
/** One queue per channel: a second command is typed only after the first one's end marker. */
const queues = new WeakMap<ShellChannel, Promise<unknown>>();

/** Types `command` into the channel's shell so the user sees it; resolves with its exit status and output. */
export function runVisible(channel: ShellChannel, command: string, options: RunVisibleOptions = {}): Promise<MarkedResult> {
  const previous = queues.get(channel) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => runNow(channel, command, options));
  queues.set(channel, run);
  return run;
}

function runNow(channel: ShellChannel, command: string, options: RunVisibleOptions): Promise<MarkedResult> {
  nextMarkerId = (nextMarkerId + 1) % 1_000_000_000;
  const capture = new MarkerCapture(nextMarkerId);
  const timeoutMs = options.timeoutMs ?? 120_000;
  return new Promise<MarkedResult>((resolve, reject) => {
    const subscription = channel.onOutput((text) => {
      const result = capture.push(text);
      if (result) finish(() => resolve(result));
    });
    const timer = setTimeout(
      () => finish(() => reject(new CommandTimeoutError(`\`${command}\` did not finish within ${Math.round(timeoutMs / 1000)} s. Look at the terminal, press Ctrl-C there if it is stuck, and try again.`))),
      timeoutMs,
    );
    const onAbort = () => finish(() => reject(new Error(`\`${command}\` was cancelled.`)));
    options.signal?.addEventListener('abort', onAbort);
    const ended = channel.onEnd((sentence) => finish(() => reject(new SessionEndedError(`\`${command}\` was interrupted: ${sentence} Run the command again when the terminal is back.`))));
    function finish(settle: () => void): void {
      clearTimeout(timer);
      subscription.dispose();
      ended.dispose();
      options.signal?.removeEventListener('abort', onAbort);
      settle();
    }
    try {
      channel.sendText(`${markedCommandLine(command, capture.id)}\r`);
    } catch (error) {
      finish(() => reject(new SessionEndedError((error as Error).message)));
    }
  });
}
