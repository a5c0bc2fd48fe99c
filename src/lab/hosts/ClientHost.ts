// Contract for a simulated client instance: how SSM Run Command and Session Manager reach its shell.

export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export interface RunOptions {
  /** Working directory; defaults to the user's home. */
  readonly cwd?: string;
  readonly signal?: AbortSignal;
}

/** Runs a whole script (SSM AWS-RunShellScript style) as root and reports its output and exit code. */
export interface ShellCommandRunner {
  run(script: string, options?: RunOptions): Promise<CommandResult>;
}

export interface Disposable {
  dispose(): void;
}

/**
 * Backpressure from whoever consumes a shell's output (the session data channel) to the shell producing it. The
 * consumer buffers at most a few MiB; a producer that honours the flow awaits `whenWritable()` before each chunk it
 * emits, so a command printing 1 GiB (dd from tape to the terminal) is paused while the client is behind, as the real
 * agent's pty read loop pauses the process writing to the terminal.
 */
export interface OutputFlow {
  /** Resolves at once while the consumer has room; otherwise once it has drained to its low-water mark or the session has ended. */
  whenWritable(): Promise<void>;
  /** True while a producer should wait (the same condition whenWritable() waits on), for producers that check before awaiting. */
  readonly paused: boolean;
}

/** An interactive terminal session on the host: bytes in, bytes out, resize (Session Manager's shell). */
export interface InteractiveShell {
  write(data: Uint8Array): void;
  resize(columns: number, rows: number): void;
  onOutput(listener: (data: Uint8Array) => void): Disposable;
  onExit(listener: (exitCode: number) => void): Disposable;
  close(): void;
  /**
   * Optional: the data channel hands the shell its output flow right after subscribing with onOutput. Output emitted
   * while paused is still delivered (nothing is dropped); only a shell that awaits the flow keeps the lab's memory bounded.
   */
  useOutputFlow?(flow: OutputFlow): void;
}

export interface ClientHost {
  readonly instanceId: string;
  readonly privateIp: string;
  readonly hostname: string;
  readonly runner: ShellCommandRunner;
  openSession(size: { columns: number; rows: number }): InteractiveShell;
}

/** An HTTP answer from a simulated host (what `curl` on the client sees). */
export interface SimulatedHttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The simulated VPC as seen from a client: names and private IPs resolve to simulated hosts only. */
export interface SimulatedNetwork {
  /** Resolves an IP or DNS name inside the simulation; undefined if nothing answers there. */
  httpGet(url: string): Promise<SimulatedHttpResponse | undefined>;
}
