// A terminal the cases are typed into: output collected since the last line typed, and a wait for a condition on it.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { StartSessionCommand, TerminateSessionCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { SessionChannel } from '../../../../src/session';

export abstract class TypingTerminal {
  private text = '';
  private waiter: (() => void) | undefined;
  private gone = false;

  protected received(chunk: Uint8Array): void {
    this.text += Buffer.from(chunk).toString('utf8');
    this.waiter?.();
  }

  /** The shell behind the terminal has ended (e.g. `exit` typed at the prompt); waits end at once. */
  protected ended(): void {
    this.gone = true;
    this.waiter?.();
  }

  get hasEnded(): boolean {
    return this.gone;
  }

  protected abstract send(input: string): void;
  abstract close(): Promise<void>;

  /** Types `input` (LF as Enter), first forgetting the output so far unless `keepOutput`. */
  type(input: string, options: { keepOutput?: boolean } = {}): void {
    if (!options.keepOutput) this.text = '';
    this.send(input.replace(/\n/g, '\r'));
  }

  /** Waits until `check` holds on the output since the last `type`; false after `timeoutMs`. */
  until(check: (text: string) => boolean, timeoutMs: number): Promise<boolean> {
    if (check(this.text)) return Promise.resolve(true);
    if (this.gone) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve(false);
      }, timeoutMs);
      this.waiter = () => {
        const holds = check(this.text);
        if (!holds && !this.gone) return;
        clearTimeout(timer);
        this.waiter = undefined;
        resolve(holds);
      };
    });
  }

  output(): string {
    return this.text;
  }
}

/** A Session Manager session on a lab instance (StartSession and the project's data-channel client). */
export class SessionTerminal extends TypingTerminal {
  private constructor(private readonly channel: SessionChannel) {
    super();
    channel.onData((chunk) => this.received(chunk));
    channel.onEnd(() => this.ended());
  }

  static async open(ssm: SSMClient, instanceId: string): Promise<SessionTerminal> {
    const started = await ssm.send(new StartSessionCommand({ Target: instanceId }));
    const sessionId = started.SessionId ?? '';
    const channel = new SessionChannel({
      sessionId,
      streamUrl: started.StreamUrl ?? '',
      tokenValue: started.TokenValue ?? '',
      terminate: async () => {
        await ssm.send(new TerminateSessionCommand({ SessionId: sessionId }));
      },
      initialSize: { columns: 500, rows: 50 },
    });
    const terminal = new SessionTerminal(channel);
    await channel.open();
    return terminal;
  }

  protected send(input: string): void {
    this.channel.sendInput(input);
  }

  close(): Promise<void> {
    return this.channel.close();
  }
}

/**
 * This machine's `bash -i` on a pseudo-terminal (util-linux `script` makes it), with the prompt given and no startup files:
 * the reference for what typing a case at a prompt does.
 */
export class BashTerminal extends TypingTerminal {
  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    super();
    child.stdout.on('data', (chunk: Buffer) => this.received(chunk));
    child.on('close', () => this.ended());
    child.on('error', (error) => {
      this.received(Buffer.from(`could not start util-linux \`script\` for a pseudo-terminal (${error.message}); install util-linux (bsdutils on Debian)\n`));
      this.ended();
    });
  }

  static open(prompt: string, home: string): BashTerminal {
    const env = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: home, TZ: 'UTC', TERM: 'dumb', PS1: prompt, PS2: '> ' };
    const terminal = new BashTerminal(spawn('script', ['-qfc', 'bash --norc --noprofile -i', '/dev/null'], { cwd: home, env, stdio: ['pipe', 'pipe', 'pipe'] }));
    // The prompt again (bash may set its own) and no bracketed paste, so typed text reads back as plain echo.
    terminal.send(`PS1='${prompt}'; bind 'set enable-bracketed-paste off' 2>/dev/null\r`);
    return terminal;
  }

  protected send(input: string): void {
    this.child.stdin.write(input);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.hasEnded || this.child.exitCode !== null) return resolve();
      this.child.once('close', () => resolve());
      this.child.kill();
    });
  }
}
