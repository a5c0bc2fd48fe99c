// One sh process: runs lines (pipelines, &&/||/;, redirections, sudo) against the host's commands and filesystem.

import { CommandContext, HostEnvironment, OutputSink, ShellUser, homeOf } from './CommandContext';
import { COMMANDS, CommandSpec } from './commandTable';
import { ListItem, ShellSyntaxError, SimpleCommand, Word, parseShellLine } from './shellSyntax';
import { FsError, FsNode, absolutePath } from './VirtualFileSystem';

export interface ShellIo {
  readonly stdout: OutputSink;
  readonly stderr: OutputSink;
  readonly signal?: AbortSignal;
}

/** Thrown by `sudo -i`, `sudo -s` and `sudo su`: the terminal starts a root shell on top of this one. */
export class SubshellRequest extends Error {
  constructor(
    readonly user: ShellUser,
    /** A login shell starts in the user's home. */
    readonly login: boolean,
  ) {
    super(`subshell for ${user}`);
  }
}

/** Thrown by the `exit` builtin to end the shell. */
export class ShellExit extends Error {
  /** undefined = the last command's status. */
  constructor(readonly status: number | undefined) {
    super(`exit ${status ?? ''}`);
  }
}

class Collector implements OutputSink {
  readonly chunks: Buffer[] = [];
  write(chunk: string | Uint8Array): void {
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  bytes(): Buffer {
    return this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
  }
}

/** May `user` write into this node (a file to overwrite, or a directory to create in)? */
export function canWrite(user: ShellUser, node: FsNode): boolean {
  if (user === 'root') return true;
  return node.meta.owner === user ? (node.meta.mode & 0o200) !== 0 : (node.meta.mode & 0o002) !== 0;
}

export function canRead(user: ShellUser, node: FsNode): boolean {
  if (user === 'root') return true;
  return node.meta.owner === user ? (node.meta.mode & 0o400) !== 0 : (node.meta.mode & 0o004) !== 0;
}

export class ShellSession {
  lastStatus = 0;
  cwd: string;
  readonly env = new Map<string, string>();
  /** The name sh prints before its own errors (`sh: X: command not found`). */
  readonly name: string;

  constructor(
    readonly host: HostEnvironment,
    readonly user: ShellUser,
    options: { cwd?: string; name?: string } = {},
  ) {
    this.cwd = options.cwd ?? homeOf(user);
    this.name = options.name ?? 'sh';
    this.env.set('HOME', homeOf(user));
    this.env.set('USER', user);
    this.env.set('PATH', '/usr/local/bin:/usr/bin:/usr/local/sbin:/usr/sbin');
  }

  /** Runs one line; returns its exit status (also kept as $?). Throws ShellExit for `exit`. */
  async executeLine(line: string, io: ShellIo): Promise<number> {
    let items: ListItem[];
    try {
      items = parseShellLine(line);
    } catch (error) {
      if (!(error instanceof ShellSyntaxError)) throw error;
      io.stderr.write(`${this.name}: ${error.message}\n`);
      this.lastStatus = 2;
      return 2;
    }
    let previous: ListItem['next'] = ';';
    for (const item of items) {
      const skip = (previous === '&&' && this.lastStatus !== 0) || (previous === '||' && this.lastStatus === 0);
      previous = item.next;
      if (skip) continue;
      if (io.signal?.aborted) break;
      this.lastStatus = await this.runPipeline(item.pipeline, io);
    }
    return this.lastStatus;
  }

  private async runPipeline(pipeline: SimpleCommand[], io: ShellIo): Promise<number> {
    let stdin: Buffer = Buffer.alloc(0);
    let status = 0;
    for (let i = 0; i < pipeline.length; i += 1) {
      const last = i === pipeline.length - 1;
      const collector = last ? undefined : new Collector();
      status = await this.runCommand(pipeline[i], stdin, collector ?? io.stdout, io);
      if (collector) stdin = collector.bytes();
    }
    return status;
  }

  private async runCommand(command: SimpleCommand, stdin: Buffer, stdout: OutputSink, io: ShellIo): Promise<number> {
    let argv = command.words.flatMap((word) => this.expand(word));
    // Leading NAME=value words: the command's environment, or the shell's when no command follows.
    const assignments = new Map<string, string>();
    while (argv.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[0])) {
      const at = argv[0].indexOf('=');
      assignments.set(argv[0].slice(0, at), argv[0].slice(at + 1));
      argv = argv.slice(1);
    }
    if (argv.length === 0) for (const [name, value] of assignments) this.env.set(name, value);
    let out = stdout;
    let err = io.stderr;
    const files: { path: string; collector: Collector; append: boolean }[] = [];
    for (const redirect of command.redirects) {
      const target = this.expand(redirect.target)[0] ?? '';
      if (redirect.op === '>&') {
        if (redirect.fd === 2 && target === '1') err = out;
        else if (redirect.fd === 1 && target === '2') out = err;
        continue;
      }
      if (redirect.op === '<') {
        const found = this.host.fs.tryResolve(target, this.cwd);
        if (found?.node.kind !== 'file') {
          io.stderr.write(`${this.name}: ${target}: ${found ? 'Is a directory' : 'No such file or directory'}\n`);
          return 1;
        }
        stdin = found.node.data;
        continue;
      }
      const problem = this.openForWrite(target, redirect.op === '>>');
      if (problem) {
        io.stderr.write(`${this.name}: ${target}: ${problem}\n`);
        return 1;
      }
      const collector = new Collector();
      files.push({ path: target, collector, append: redirect.op === '>>' });
      if (redirect.fd === 2) err = collector;
      else out = collector;
    }
    let status = 0;
    try {
      status = argv.length === 0 ? 0 : await this.invoke(argv, stdin, out, err, io.signal, assignments);
    } finally {
      for (const file of files) this.host.fs.writeFile(file.path, this.cwd, file.collector.bytes(), this.user, { append: true });
    }
    return status;
  }

  /** Creates/truncates the redirect target as sh does before running the command; returns an error text. */
  private openForWrite(path: string, append: boolean): string | undefined {
    try {
      const existing = this.host.fs.tryResolve(path, this.cwd);
      if (existing) {
        if (existing.node.kind === 'dir') return 'Is a directory';
        if (!canWrite(this.user, existing.node)) return 'Permission denied';
        if (!append && existing.node.kind === 'file') existing.node.data = Buffer.alloc(0);
        return undefined;
      }
      const parent = this.host.fs.parentOf(path, this.cwd);
      const dir = this.host.fs.resolve(absolutePath(`${parent.path}/..`, '/'), '/');
      if (!canWrite(this.user, dir.node)) return 'Permission denied';
      this.host.fs.writeFile(path, this.cwd, Buffer.alloc(0), this.user);
      return undefined;
    } catch (error) {
      if (error instanceof FsError) return error.message;
      throw error;
    }
  }

  private async invoke(argv: string[], stdin: Buffer, stdout: OutputSink, stderr: OutputSink, signal: AbortSignal | undefined, assignments: ReadonlyMap<string, string>): Promise<number> {
    let user = this.user;
    let args = argv;
    let via = this.name;
    let env: Map<string, string> = assignments.size > 0 ? new Map([...this.env, ...assignments]) : this.env;
    if (args[0] === 'sudo') {
      args = args.slice(1);
      user = 'root';
      let shellOption: string | undefined;
      while (args[0]?.startsWith('-') && args[0] !== '--') {
        const option = args[0];
        args = args.slice(1);
        if (option === '-i' || option === '-s') shellOption = option;
        if (option === '-u' || option === '-g') {
          const target = args[0] ?? '';
          args = args.slice(1);
          if (option === '-g') continue;
          if (target !== 'root' && target !== 'ssm-user') {
            stderr.write(`sudo: unknown user: ${target}\nsudo: unable to initialize policy plugin\n`);
            return 1;
          }
          user = target;
        }
      }
      if (args[0] === '--') args = args.slice(1);
      if (args.length === 0 && shellOption) throw new SubshellRequest(user, shellOption === '-i');
      if (args.length === 0) {
        stderr.write('usage: sudo -h | -K | -k | -V\n');
        return 1;
      }
      via = 'sudo';
      // sudoers env_reset: the command gets a fresh environment plus any NAME=value given to sudo itself.
      env = new Map([['HOME', homeOf(user)], ['USER', user], ['PATH', '/sbin:/bin:/usr/sbin:/usr/bin']]);
      while (args.length > 1 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[0])) {
        const at = args[0].indexOf('=');
        env.set(args[0].slice(0, at), args[0].slice(at + 1));
        args = args.slice(1);
      }
    }
    const spec = this.lookup(args[0], env);
    if (!spec) {
      stderr.write(args[0].includes('/') && via === this.name ? `${via}: ${args[0]}: No such file or directory\n` : `${via}: ${args[0]}: command not found\n`);
      return via === 'sudo' ? 1 : 127;
    }
    const context: CommandContext = {
      argv: args,
      stdin,
      stdout,
      stderr,
      user,
      cwd: this.cwd,
      env,
      setEnv: (name, value) => {
        this.env.set(name, value);
      },
      host: this.host,
      ...(signal ? { signal } : {}),
      chdir: (path) => {
        this.cwd = path;
      },
    };
    return spec.run(context);
  }

  private lookup(name: string, env: ReadonlyMap<string, string>): CommandSpec | undefined {
    const base = name.slice(name.lastIndexOf('/') + 1);
    const spec = COMMANDS.get(base);
    if (!spec) return undefined;
    if (spec.builtin && !name.includes('/')) return spec;
    const candidates = name.includes('/') ? [name] : (env.get('PATH') ?? '').split(':').map((dir) => `${dir}/${name}`);
    for (const candidate of candidates) {
      const found = this.host.fs.tryResolve(candidate, this.cwd);
      if (found?.node.kind === 'file' && found.node.meta.mode & 0o111 && found.path.endsWith(`/${base}`)) return spec;
    }
    return undefined;
  }

  /** Expands $?, $VAR, ~ and a trailing-component glob; one word can become several (glob) or none (empty unquoted). */
  private expand(word: Word): string[] {
    let text = '';
    let glob = false;
    let quoted = false;
    for (const part of word) {
      if (part.kind === 'var') text += part.name === '?' ? String(this.lastStatus) : (this.env.get(part.name) ?? '');
      else {
        text += part.text;
        quoted ||= part.quoted;
        if (!part.quoted && /[*?]/.test(part.text)) glob = true;
      }
    }
    if (glob) {
      const matches = this.glob(text);
      if (matches.length > 0) return matches;
    }
    return text === '' && !quoted ? [] : [text];
  }

  private glob(pattern: string): string[] {
    const at = pattern.lastIndexOf('/');
    const dirPart = at >= 0 ? pattern.slice(0, at + 1) : '';
    const namePattern = pattern.slice(at + 1);
    const dir = this.host.fs.tryResolve(dirPart || '.', this.cwd);
    if (dir?.node.kind !== 'dir' || /[*?]/.test(dirPart)) return [];
    const regex = new RegExp(`^${namePattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    return [...dir.node.children.keys()]
      .filter((name) => regex.test(name) && (!name.startsWith('.') || namePattern.startsWith('.')))
      .sort()
      .map((name) => `${dirPart}${name}`);
  }
}
