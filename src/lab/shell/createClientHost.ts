// Builds a simulated Amazon Linux client: its filesystem, packages, iSCSI initiator, SSM runner and interactive shells.
import { ClientHost, CommandResult, InteractiveShell, RunOptions, ShellCommandRunner, SimulatedNetwork } from '../hosts/ClientHost';
import { TapeDeviceRegistry } from '../library/TapeDeviceRegistry';
import { LibraryDirectory } from '../library/VirtualLibrary';
import { ClientOs, HostEnvironment, InstalledPackage, OutputSink, ShellUser } from './CommandContext';
import { IMAGE_BYTES, ROOT_VOLUME_BYTES } from './commands/df';
import { IMAGE_COMMANDS, LAB_COMMANDS } from './labCommands';
import { TAPE_CLIENT_PACKAGES, packageRecord, packageRecords } from './clientPackages';
import { IscsiInitiator } from './IscsiInitiator';
import { ShellSession } from './ShellSession';
import { TerminalShell } from './TerminalShell';
import { VirtualFileSystem } from './VirtualFileSystem';
import { clientFilesFolder } from './ClientFiles';
import { FileBlobs } from './FileBlobs';
import { join } from 'node:path';

export interface ClientHostOptions {
  readonly instanceId: string;
  readonly hostname: string;
  readonly privateIp: string;
  readonly os: ClientOs;
  /** "x86_64" (default) or "aarch64". */
  readonly arch?: string;
  /** Package names (or full records); default: the tape tools (iscsi-initiator-utils, mt-st, mtx). */
  readonly installedPackages?: readonly (string | InstalledPackage)[];
  readonly stateDir: string;
  readonly libraries: LibraryDirectory;
  readonly network: SimulatedNetwork;
  /** One registry per lab, shared by every client, so all hosts see the same drives. Default: a private one. */
  readonly tapeDevices?: TapeDeviceRegistry;
  /** Size of the root EBS volume; default 8 GiB as in the Amazon Linux AMIs. Writes past it fail with ENOSPC. */
  readonly rootVolumeBytes?: number;
  /** The host clock (UTC is the host's time zone); defaults to the real clock. */
  readonly now?: () => Date;
  /** Called with the names `yum/dnf install` added, so the lab can keep them with the instance across restarts. */
  readonly onPackagesInstalled?: (names: readonly string[]) => void;
}

export interface EmulatedClientHost extends ClientHost {
  readonly environment: HostEnvironment;
  /** A line-oriented shell for tests and tools: `executeLine(line, {stdout, stderr})`. */
  newShell(user?: ShellUser): ShellSession;
  /** The interactive prompt, `sh-4.2$ ` on Amazon Linux 2. */
  readonly prompt: string;
  /** Closes the media files of a private device registry. */
  close(): void;
}

/** Puts the lab commands of the installed packages in place: all of them, or only those of the packages in `only`. */
function addCommands(fs: VirtualFileSystem, os: ClientOs, packages: readonly InstalledPackage[], only: ReadonlySet<string> | undefined): void {
  const installed = new Set(packages.map((p) => p.name));
  for (const [, spec] of LAB_COMMANDS) {
    if ((spec.os && spec.os !== os) || (spec.package && !installed.has(spec.package))) continue;
    if (only && (!spec.package || !only.has(spec.package))) continue;
    // The shell runs a registered command from its stub in /usr/bin, /bin, /usr/sbin or /sbin; each sits where Amazon Linux has it.
    fs.putImageFile(spec.path, Buffer.alloc(0), 'root', 0o755);
  }
}

function buildFileSystem(now: () => Date, os: ClientOs, packages: readonly InstalledPackage[], volumeBytes: number, blobs: FileBlobs): VirtualFileSystem {
  // The image's own files (IMAGE_BYTES) are not stored; they count against the volume all the same.
  const fs = new VirtualFileSystem(now, blobs, volumeBytes - IMAGE_BYTES);
  fs.root.meta.mode = 0o555;
  for (const [path, mode, owner] of [
    ['/usr/bin', 0o555, 'root'], ['/usr/sbin', 0o555, 'root'], ['/etc', 0o755, 'root'], ['/dev', 0o755, 'root'], ['/tmp', 0o1777, 'root'],
    ['/root', 0o550, 'root'], ['/home', 0o755, 'root'], ['/home/ssm-user', 0o700, 'ssm-user'], ['/var/log', 0o755, 'root'],
  ] as const) fs.mkdir(path, '/', owner, mode, true);
  fs.symlink('/bin', 'usr/bin');
  fs.symlink('/sbin', 'usr/sbin');
  fs.mknod('/dev/null', { kind: 'null' }, 0o666, 'root');
  fs.mknod('/dev/zero', { kind: 'zero' }, 0o666, 'root');
  fs.mknod('/dev/urandom', { kind: 'urandom' }, 0o666, 'root');
  addCommands(fs, os, packages, undefined);
  for (const name of ['bash', 'sh', 'sudo', ...IMAGE_COMMANDS]) fs.putImageFile(`/usr/bin/${name}`, Buffer.alloc(0), 'root', 0o755);
  if (os === 'al2023') {
    // yum is dnf on Amazon Linux 2023: both names are links to dnf-3.
    fs.symlink('/usr/bin/yum', 'dnf-3');
    fs.symlink('/usr/bin/dnf', 'dnf-3');
  }
  const release = os === 'al2' ? 'NAME="Amazon Linux"\nVERSION="2"\nID="amzn"\nVERSION_ID="2"\nPRETTY_NAME="Amazon Linux 2"\n' : 'NAME="Amazon Linux"\nVERSION="2023"\nID="amzn"\nVERSION_ID="2023"\nPRETTY_NAME="Amazon Linux 2023"\n';
  fs.putImageFile('/etc/os-release', Buffer.from(release), 'root');
  return fs;
}

export function createClientHost(options: ClientHostOptions): EmulatedClientHost {
  const now = options.now ?? (() => new Date());
  const packages = packageRecords(options.os, options.arch ?? 'x86_64', options.installedPackages ?? TAPE_CLIENT_PACKAGES);
  const blobs = new FileBlobs(join(clientFilesFolder(options.stateDir, options.instanceId), 'blobs'));
  const fs = buildFileSystem(now, options.os, packages, options.rootVolumeBytes ?? ROOT_VOLUME_BYTES, blobs);
  fs.putImageFile('/etc/hostname', Buffer.from(`${options.hostname}\n`), 'root');
  const ownsDevices = options.tapeDevices === undefined;
  const devices = options.tapeDevices ?? new TapeDeviceRegistry(options.stateDir);
  const environment: HostEnvironment = {
    os: options.os,
    instanceId: options.instanceId,
    hostname: options.hostname,
    privateIp: options.privateIp,
    fs,
    now,
    packages,
    installPackages(names) {
      const added = names.filter((name) => !packages.some((p) => p.name === name)).map((name) => packageRecord(options.os, options.arch ?? 'x86_64', name));
      packages.push(...added);
      addCommands(fs, options.os, packages, new Set(added.map((p) => p.name)));
      if (added.length > 0) options.onPackagesInstalled?.(added.map((p) => p.name));
      return added;
    },
    libraries: options.libraries,
    devices,
    network: options.network,
    iscsi: new IscsiInitiator(fs, options.libraries),
    activeUnits: new Map(),
  };
  const prompt = options.os === 'al2' ? 'sh-4.2$ ' : 'sh-5.2$ ';

  const runner: ShellCommandRunner = {
    async run(script: string, runOptions: RunOptions = {}): Promise<CommandResult> {
      // The SSM agent runs the document's commands as one script with `sh` (bash on Amazon Linux), as root.
      const shell = new ShellSession(environment, 'root', runOptions.cwd ? { cwd: runOptions.cwd } : {});
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      const sink = (into: Buffer[]): OutputSink => ({ write: (chunk) => void into.push(Buffer.from(chunk)) });
      const exitCode = await shell.runScript(script, { stdout: sink(stdout), stderr: sink(stderr), ...(runOptions.signal ? { signal: runOptions.signal } : {}) });
      // What the command wrote survives a kill of the lab once its result is out, as a synced disk would.
      await fs.settle();
      return { stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), exitCode };
    },
  };

  return {
    instanceId: options.instanceId,
    privateIp: options.privateIp,
    hostname: options.hostname,
    runner,
    environment,
    prompt,
    newShell: (user: ShellUser = 'ssm-user') => new ShellSession(environment, user),
    openSession(size: { columns: number; rows: number }): InteractiveShell {
      const shortName = options.hostname.split('.')[0];
      return new TerminalShell(new ShellSession(environment, 'ssm-user'), prompt, size, (user, cwd) => {
        const shell = new ShellSession(environment, user, { cwd, name: 'bash' });
        // Amazon Linux's /etc/bashrc: PS1="[\u@\h \W]\\$ ", where \W is ~ at home.
        const dirLabel = () => (shell.cwd === shell.env.get('HOME') ? '~' : shell.cwd.slice(shell.cwd.lastIndexOf('/') + 1) || '/');
        return { shell, prompt: () => `[${user}@${shortName} ${dirLabel()}]${user === 'root' ? '#' : '$'} ` };
      });
    },
    close() {
      if (ownsDevices) devices.close();
    },
  };
}
