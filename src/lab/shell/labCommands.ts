// The lab's own commands (tape and device tools, sudo/su, systemctl, yum, curl, ls) as just-bash commands: where each lives and which package installs it.
import { type Command, type ExecResult, bytesOutput, defineCommand, latin1FromBytes, unsafeBytesFromLatin1 } from 'just-bash';
import { COREUTILS_COMMANDS } from './coreutils/coreutilsCommands';
import { CommandContext, HostEnvironment, OutputSink, ShellCommand, ShellUser, TerminalStream } from './CommandContext';
import { curl } from './commands/curl';
import { dd } from './commands/dd';
import { df, lsblk } from './commands/df';
import { id, whoami } from './commands/id';
import { iscsiadm } from './commands/iscsiadm';
import { ls } from './commands/ls';
import { dmesg, lsscsi } from './commands/lsscsi';
import { mt } from './commands/mt';
import { mtx } from './commands/mtx';
import { kill, less, ps } from './commands/ps';
import { stat } from './commands/stat';
import { su } from './commands/su';
import { systemctl } from './commands/systemctl';
import { tar } from './commands/tar';
import { hostname, uname } from './commands/uname';
import { yum } from './commands/yum';
import { StreamingStdout } from './StreamingStdout';
import { TERMINAL_STDOUT_VARIABLE, TERMINAL_STREAMING_COMMANDS } from './terminalStdout';

export interface LabCommandSpec {
  readonly run: ShellCommand;
  /** Executable path on Amazon Linux; the command answers only while that file exists. */
  readonly path: string;
  /** The package that installs it; absent = part of the base image. */
  readonly package?: string;
  /** Only on this OS (yum on AL2, dnf on AL2023). */
  readonly os?: 'al2' | 'al2023';
}

export const LAB_COMMANDS: ReadonlyMap<string, LabCommandSpec> = new Map<string, LabCommandSpec>([
  ['ls', { run: ls, path: '/usr/bin/ls' }],
  ['dd', { run: dd, path: '/usr/bin/dd' }],
  ['stat', { run: stat, path: '/usr/bin/stat' }],
  ['tar', { run: tar, path: '/usr/bin/tar' }],
  ['systemctl', { run: systemctl, path: '/usr/bin/systemctl' }],
  ['su', { run: su, path: '/usr/bin/su' }],
  ['id', { run: id, path: '/usr/bin/id' }],
  ['whoami', { run: whoami, path: '/usr/bin/whoami' }],
  ['uname', { run: uname, path: '/usr/bin/uname' }],
  ['hostname', { run: hostname, path: '/usr/bin/hostname' }],
  ['df', { run: df, path: '/usr/bin/df' }],
  ['lsblk', { run: lsblk, path: '/usr/bin/lsblk' }],
  ['lsscsi', { run: lsscsi, path: '/usr/bin/lsscsi' }],
  ['dmesg', { run: dmesg, path: '/usr/bin/dmesg' }],
  ['ps', { run: ps, path: '/usr/bin/ps' }],
  ['kill', { run: kill, path: '/usr/bin/kill' }],
  ['less', { run: less, path: '/usr/bin/less' }],
  ['more', { run: less, path: '/usr/bin/more' }],
  ['curl', { run: curl, path: '/usr/bin/curl' }],
  ['yum', { run: yum, path: '/usr/bin/yum' }],
  ['dnf', { run: yum, path: '/usr/bin/dnf', os: 'al2023' }],
  ['dnf-3', { run: yum, path: '/usr/bin/dnf-3', os: 'al2023' }],
  ['iscsiadm', { run: iscsiadm, path: '/usr/sbin/iscsiadm', package: 'iscsi-initiator-utils' }],
  ['mtx', { run: mtx, path: '/usr/sbin/mtx', package: 'mtx' }],
  ['mt', { run: mt, path: '/usr/bin/mt', package: 'mt-st' }],
]);

/** Base-image commands that just-bash implements, given an executable file so PATH lookups and `ls /usr/bin` find them. */
export const IMAGE_COMMANDS = [
  'awk', 'base64', 'basename', 'cat', 'chmod', 'clear', 'cmp', 'column', 'comm', 'cp', 'cut', 'date', 'diff', 'dirname', 'du', 'echo', 'egrep', 'env',
  'expand', 'expr', 'false', 'fgrep', 'file', 'find', 'fold', 'grep', 'gunzip', 'gzip', 'head', 'join', 'ln', 'md5sum', 'mkdir', 'mktemp', 'mv',
  'nl', 'od', 'paste', 'printenv', 'printf', 'pwd', 'readlink', 'realpath', 'rev', 'rm', 'rmdir', 'sed', 'seq', 'sha1sum', 'sha256sum', 'sleep', 'sort',
  'split', 'strings', 'tac', 'tail', 'tee', 'timeout', 'touch', 'tr', 'true', 'unexpand', 'uniq', 'wc', 'which', 'xargs', 'zcat',
] as const;

/** What the shell that owns these commands offers them: its user, and the doors out (sudo, a subshell). */
export interface CommandOwner {
  readonly host: HostEnvironment;
  readonly user: ShellUser;
  /** Runs argv as `user` with a fresh environment (sudo's env_reset), returning its result. */
  runAs(user: ShellUser, argv: readonly string[], env: ReadonlyMap<string, string>, cwd: string, stdin: Buffer, signal?: AbortSignal): Promise<ExecResult>;
  /** `sudo -i`, `sudo su`: the terminal opens a shell for `user` once this line ends. */
  requestSubshell(user: ShellUser, login: boolean): void;
  /** Every write of a lab command in the order it happened (just-bash keeps stdout and stderr apart). */
  readonly journal: OutputChunk[];
  /** The terminal the running line's output reaches, while a terminal line runs; commands marked `__lab_tty=1` stream to it. */
  terminalStream(): TerminalStream | undefined;
}

export interface OutputChunk {
  readonly fd: 1 | 2;
  readonly text: string;
}

/** An output sink that also notes each write in the owner's journal. */
class Collector implements OutputSink {
  readonly chunks: Buffer[] = [];
  constructor(
    private readonly fd: 1 | 2,
    private readonly journal: OutputChunk[],
  ) {}
  write(chunk: string | Uint8Array): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.chunks.push(bytes);
    this.journal.push({ fd: this.fd, text: bytes.toString('utf8') });
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

function isInstalled(owner: CommandOwner, spec: LabCommandSpec): boolean {
  const found = owner.host.fs.tryResolve(spec.path, '/');
  return found?.node.kind === 'file' && (found.node.meta.mode & 0o111) !== 0;
}

/** The thrown value a command uses to ask for a subshell (su as root). */
export class SubshellRequest extends Error {
  constructor(
    readonly user: ShellUser,
    /** A login shell starts in the user's home. */
    readonly login: boolean,
  ) {
    super(`subshell for ${user}`);
  }
}

function bridge(name: string, spec: LabCommandSpec, owner: CommandOwner): Command {
  return defineCommand(name, async (args, ctx) => {
    if (!isInstalled(owner, spec)) return { stdout: '', stderr: `bash: ${name}: command not found\n`, exitCode: 127 };
    const terminal = ctx.env.get(TERMINAL_STDOUT_VARIABLE) === '1' ? owner.terminalStream() : undefined;
    const stdout = terminal ? new StreamingStdout(terminal, owner.journal) : new Collector(1, owner.journal);
    const stderr = new Collector(2, owner.journal);
    const env = new Map(ctx.env);
    env.delete(TERMINAL_STDOUT_VARIABLE);
    const context: CommandContext = {
      argv: [name, ...args],
      stdin: Buffer.from(latin1FromBytes(ctx.stdin), 'latin1'),
      stdout,
      stderr,
      user: owner.user,
      cwd: ctx.cwd,
      env,
      host: owner.host,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      chdir: () => undefined,
      setEnv: () => undefined,
    };
    let exitCode: number;
    try {
      exitCode = await spec.run(context);
    } catch (error) {
      if (!(error instanceof SubshellRequest)) throw error;
      owner.requestSubshell(error.user, error.login);
      exitCode = 0;
    }
    return { ...bytesOutput(unsafeBytesFromLatin1(stdout.bytes().toString('latin1'))), stderr: stderr.text(), exitCode };
  });
}

/** sudo [-u USER] [-i|-s] [--] [NAME=value...] COMMAND [ARG...]: runs as root (or USER) with sudoers' env_reset. */
function sudoCommand(owner: CommandOwner): Command {
  return defineCommand('sudo', async (argv, ctx) => {
    let args = [...argv];
    let user: ShellUser = 'root';
    let shellOption: string | undefined;
    while (args[0]?.startsWith('-') && args[0] !== '--') {
      const option = args.shift() ?? '';
      if (option === '-i' || option === '-s') shellOption = option;
      if (option === '-u' || option === '-g') {
        const target = args.shift() ?? '';
        if (option === '-g') continue;
        if (target !== 'root' && target !== 'ssm-user') return { stdout: '', stderr: `sudo: unknown user: ${target}\nsudo: unable to initialize policy plugin\n`, exitCode: 1 };
        user = target;
      }
    }
    if (args[0] === '--') args = args.slice(1);
    if (args.length === 0 && shellOption) {
      owner.requestSubshell(user, shellOption === '-i');
      return { stdout: '', stderr: '', exitCode: 0 };
    }
    if (args.length === 0) return { stdout: '', stderr: 'usage: sudo -h | -K | -k | -V\n', exitCode: 1 };
    const home = user === 'root' ? '/root' : '/home/ssm-user';
    const env = new Map([['HOME', home], ['USER', user], ['LOGNAME', user], ['PATH', '/sbin:/bin:/usr/sbin:/usr/bin']]);
    while (args.length > 1 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[0])) {
      const assignment = args.shift() ?? '';
      const at = assignment.indexOf('=');
      env.set(assignment.slice(0, at), assignment.slice(at + 1));
    }
    // A terminal's mark goes to the child only for a command that streams (sudo env would list it otherwise).
    if (ctx.env.get(TERMINAL_STDOUT_VARIABLE) === '1' && TERMINAL_STREAMING_COMMANDS.has(args[0] ?? '')) env.set(TERMINAL_STDOUT_VARIABLE, '1');
    const result = await owner.runAs(user, args, env, ctx.cwd, Buffer.from(latin1FromBytes(ctx.stdin), 'latin1'), ctx.signal);
    if (result.exitCode === 127 && result.stderr === `bash: ${args[0]}: command not found\n`) {
      return { stdout: '', stderr: `sudo: ${args[0]}: command not found\n`, exitCode: 1 };
    }
    return result;
  });
}

/** Every lab command for one shell; they take precedence over just-bash's own with the same name. */
export function labCommands(owner: CommandOwner): Command[] {
  const commands = [...LAB_COMMANDS].filter(([, spec]) => !spec.os || spec.os === owner.host.os).map(([name, spec]) => bridge(name, spec, owner));
  return [...COREUTILS_COMMANDS, ...commands, sudoCommand(owner)];
}
