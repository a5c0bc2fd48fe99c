// What every emulated command gets: argv, stdin bytes, output sinks, the user, and the host it runs on.

import { TapeDeviceRegistry } from '../library/TapeDeviceRegistry';
import { LibraryDirectory } from '../library/VirtualLibrary';
import { SimulatedNetwork } from '../hosts/ClientHost';
import { IscsiInitiator } from './IscsiInitiator';
import { VirtualFileSystem } from './VirtualFileSystem';

export interface OutputSink {
  write(chunk: string | Uint8Array): void;
  /**
   * Present when the sink streams to a terminal session: resolves once the session has room for more (or the command
   * was interrupted). A command printing a lot awaits it between chunks, as a real process blocks on a full pty.
   */
  whenWritable?(): Promise<void>;
}

/** A terminal a line's output reaches as it is written: a session's screen and its flow control. */
export interface TerminalStream {
  write(chunk: Uint8Array): void;
  /** Resolves at once while the session has room; otherwise once it drains, the session ends, or the line is interrupted. */
  whenWritable(): Promise<void>;
  /** Called once a command starts streaming: shows what earlier commands of the line printed, so it comes first. */
  beforeStreaming?(): void;
}

export type ShellUser = 'root' | 'ssm-user';

export type ClientOs = 'al2' | 'al2023';

export interface InstalledPackage {
  readonly name: string;
  readonly arch: string;
  readonly version: string;
  /** e.g. "@amzn2-core" or "installed". */
  readonly repo: string;
}

export interface HostEnvironment {
  readonly os: ClientOs;
  readonly instanceId: string;
  readonly hostname: string;
  readonly privateIp: string;
  readonly fs: VirtualFileSystem;
  readonly now: () => Date;
  readonly packages: readonly InstalledPackage[];
  /** yum/dnf install: records the packages, puts their commands in place and keeps them with the instance. */
  installPackages(names: readonly string[]): readonly InstalledPackage[];
  readonly libraries: LibraryDirectory;
  readonly devices: TapeDeviceRegistry;
  readonly network: SimulatedNetwork;
  readonly iscsi: IscsiInitiator;
  /** systemd units started on this host, with the time they became active. */
  readonly activeUnits: Map<string, Date>;
}

/** stdin that a streaming pipeline stage feeds as it runs (read(2) on a pipe). */
export interface StreamInput {
  /** Up to `max` bytes as soon as any arrive; empty at the end. */
  read(max?: number): Promise<Buffer>;
  /** `size` bytes, fewer only at the end (a whole record, as dd's iflag=fullblock reads it). */
  readFull(size: number): Promise<Buffer>;
}

export interface CommandContext {
  /** argv[0] is the command name as typed. */
  readonly argv: readonly string[];
  /** stdin whole; empty when `input` is there. */
  readonly stdin: Buffer;
  /** stdin as a pipe from a stage that streams into this one: read it as it comes instead of `stdin`. */
  readonly input?: StreamInput;
  readonly stdout: OutputSink;
  readonly stderr: OutputSink;
  readonly user: ShellUser;
  readonly cwd: string;
  readonly env: ReadonlyMap<string, string>;
  readonly host: HostEnvironment;
  readonly signal?: AbortSignal;
  /** Changes the calling shell's working directory (cd). */
  chdir(path: string): void;
  /** Sets a variable in the calling shell (export). */
  setEnv(name: string, value: string): void;
}

/** A command returns its exit status. */
export type ShellCommand = (context: CommandContext) => Promise<number> | number;

export function homeOf(user: ShellUser): string {
  return user === 'root' ? '/root' : '/home/ssm-user';
}

/** Writes a line (adds the newline). */
export function writeLine(sink: OutputSink, line: string): void {
  sink.write(`${line}\n`);
}
