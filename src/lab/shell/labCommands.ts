// The lab's own commands (tape and device tools, sudo/su, systemctl, yum, curl, ls) as just-bash commands: where each lives and which package installs it.
import { type Command, type ExecResult, defineCommand, latin1FromBytes, stdoutAsBytes } from 'just-bash';
import { COREUTILS_COMMANDS } from './coreutils/coreutilsCommands';
import { HostEnvironment, ShellCommand, ShellUser, TerminalStream } from './CommandContext';
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
import type { OutputChunk } from './OutputCollector';
import { runLabStage } from './pipes/labStage';
import type { PipeRegistry } from './pipes/PipeRegistry';
import { PIPE_IN_VARIABLE, PIPE_OUT_VARIABLE, newPipeId } from './pipes/markPipelines';
import { hasPipeMark, runStage } from './pipes/runStage';
import { streamToolCommands } from './pipes/streamTools';
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
  /** Pipes between pipeline stages that stream, shared with the sudo shells this one starts. */
  readonly pipes: PipeRegistry;
  /**
   * The running script's interrupt (Ctrl-C, a Run Command's cancel). A stage that runs on after its just-bash call
   * returned uses it: just-bash aborts the signal it gave a command once the command returns.
   */
  signal(): AbortSignal | undefined;
}

export type { OutputChunk } from './OutputCollector';

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
    return runLabStage(owner, name, args, ctx, async (context) => {
      try {
        return await spec.run(context);
      } catch (error) {
        if (!(error instanceof SubshellRequest)) throw error;
        owner.requestSubshell(error.user, error.login);
        return 0;
      }
    });
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
    const stdin = Buffer.from(latin1FromBytes(ctx.stdin), 'latin1');
    const notFound = (result: ExecResult): ExecResult =>
      result.exitCode === 127 && result.stderr === `bash: ${args[0]}: command not found\n` ? { stdout: '', stderr: `sudo: ${args[0]}: command not found\n`, exitCode: 1 } : result;
    if (!hasPipeMark(ctx.env)) return notFound(await owner.runAs(user, args, env, ctx.cwd, stdin, ctx.signal));
    const cwd = ctx.cwd;
    // In a streaming pipeline the command sudo runs takes sudo's pipe ends over.
    const signal = env.has(PIPE_OUT_VARIABLE) || ctx.env.get(PIPE_OUT_VARIABLE) ? owner.signal() : ctx.signal;
    return runStage(owner.pipes, ctx.env, signal, 'sudo', async ({ input, output }) => {
      const inId = input ? newPipeId() : undefined;
      const outId = output ? newPipeId() : undefined;
      if (input && inId) {
        owner.pipes.offer(inId, input, Promise.resolve({ statuses: [], stderr: '' }));
        env.set(PIPE_IN_VARIABLE, inId);
      }
      if (output && outId) {
        owner.pipes.provide(outId, output);
        env.set(PIPE_OUT_VARIABLE, outId);
      }
      const result = notFound(await owner.runAs(user, args, env, cwd, input ? Buffer.alloc(0) : stdin, signal));
      if (inId) owner.pipes.claim(inId);
      const child = outId ? owner.pipes.claim(outId) : undefined;
      if (outId) owner.pipes.takeProvided(outId);
      if (child) {
        const done = await child.done;
        return { exitCode: done.statuses[done.statuses.length - 1] ?? 0, stdout: Buffer.alloc(0), stderr: result.stderr + done.stderr };
      }
      const bytes = Buffer.from(latin1FromBytes(stdoutAsBytes(result)), 'latin1');
      if (!output) return { exitCode: result.exitCode, stdout: bytes, stderr: result.stderr };
      output.write(bytes);
      return { exitCode: result.exitCode, stdout: Buffer.alloc(0), stderr: result.stderr };
    });
  });
}

/** Every lab command for one shell; they take precedence over just-bash's own with the same name. */
export function labCommands(owner: CommandOwner): Command[] {
  const commands = [...LAB_COMMANDS].filter(([, spec]) => !spec.os || spec.os === owner.host.os).map(([name, spec]) => bridge(name, spec, owner));
  return [...COREUTILS_COMMANDS, ...commands, ...streamToolCommands(owner), sudoCommand(owner)];
}
