// The client's open-iscsi state: discovered node records, sessions, and the /dev nodes and udev links each login creates.

import { GatewayTarget, ISCSI_PORT, discoveryTargets } from '../../tape/gatewayTargets';
import { IscsiNodeRecord, IscsiSessionRecord } from '../../tape/iscsiadmOutput';
import { changerByIdName, changerByPathName, driveByIdNames, driveByPathNames } from '../../tape/tapeDeviceLinks';
import { LibraryDirectory, VirtualLibrary } from '../library/VirtualLibrary';
import { VirtualFileSystem } from './VirtualFileSystem';

export interface NodeEntry extends IscsiNodeRecord {
  readonly gatewayArn: string;
  readonly gatewayId: string;
  readonly target: GatewayTarget;
}

export interface IscsiSession extends IscsiSessionRecord {
  readonly entry: NodeEntry;
  /** Device nodes this session created (/dev/sg0, /dev/st0, /dev/nst0). */
  readonly nodes: readonly string[];
}

const BY_PATH = '/dev/tape/by-path';
const BY_ID = '/dev/tape/by-id';

/** The IP a portal name stands for: the library's own, an IPv4 literal, or the one in an EC2 private DNS name. */
export function portalIp(library: VirtualLibrary, host: string): string {
  if (library.portalIp) return library.portalIp;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return host;
  const ec2 = /^ip-(\d+)-(\d+)-(\d+)-(\d+)(\.|$)/.exec(host);
  return ec2 ? ec2.slice(1, 5).join('.') : host;
}

export class IscsiInitiator {
  private readonly records = new Map<string, NodeEntry>();
  private readonly active: IscsiSession[] = [];
  private nextSid = 1;

  constructor(
    private readonly fs: VirtualFileSystem,
    private readonly libraries: LibraryDirectory,
  ) {}

  /** SendTargets discovery; undefined when nothing answers on the portal. Records are stored for login. */
  discover(host: string, port: number): NodeEntry[] | undefined {
    const library = this.libraries.byPortal(host);
    if (!library || port !== ISCSI_PORT) return undefined;
    const address = portalIp(library, host);
    const entries = discoveryTargets(library.gatewayId).map((target) => ({
      address,
      port,
      tpgt: 1,
      iqn: target.iqn,
      target,
      gatewayArn: library.gatewayArn,
      gatewayId: library.gatewayId,
    }));
    for (const entry of entries) this.records.set(`${entry.iqn} ${entry.address}:${entry.port}`, entry);
    return entries;
  }

  nodeRecords(): NodeEntry[] {
    return [...this.records.values()];
  }

  sessions(): readonly IscsiSession[] {
    return this.active;
  }

  sessionFor(entry: NodeEntry): IscsiSession | undefined {
    return this.active.find((s) => s.iqn === entry.iqn && s.address === entry.address && s.port === entry.port);
  }

  /** Logs in and lets "udev" create the device nodes and /dev/tape links. */
  login(entry: NodeEntry): IscsiSession {
    const sg = this.lowestFree('sg');
    const nodes = [`/dev/sg${sg}`];
    this.fs.mknod(`/dev/sg${sg}`, { kind: 'sg', minor: sg, gatewayArn: entry.gatewayArn, ...(entry.target.kind === 'drive' ? { drive: entry.target.driveNumber - 1 } : {}) }, 0o660, 'disk');
    this.fs.mkdir(BY_PATH, '/', 'root', 0o755, true);
    this.fs.mkdir(BY_ID, '/', 'root', 0o755, true);
    if (entry.target.kind === 'changer') {
      this.fs.symlink(`${BY_PATH}/${changerByPathName(entry.address, entry.port, entry.iqn)}`, `../../sg${sg}`);
      this.fs.symlink(`${BY_ID}/${changerByIdName(entry.gatewayId)}`, `../../sg${sg}`);
    } else {
      const drive = entry.target.driveNumber - 1;
      const st = this.lowestFree('st');
      this.fs.mknod(`/dev/st${st}`, { kind: 'tape', minor: st, gatewayArn: entry.gatewayArn, drive, rewindOnClose: true }, 0o660, 'tape');
      this.fs.mknod(`/dev/nst${st}`, { kind: 'tape', minor: st + 128, gatewayArn: entry.gatewayArn, drive, rewindOnClose: false }, 0o660, 'tape');
      nodes.push(`/dev/st${st}`, `/dev/nst${st}`);
      const byPath = driveByPathNames(entry.address, entry.port, entry.iqn);
      const byId = driveByIdNames(entry.gatewayId, entry.target.driveNumber);
      this.fs.symlink(`${BY_PATH}/${byPath.rewinding}`, `../../st${st}`);
      this.fs.symlink(`${BY_PATH}/${byPath.nonRewinding}`, `../../nst${st}`);
      // Same ID_SERIAL on several devices: the last device to write the link wins (systemd PR #7411).
      this.fs.symlink(`${BY_ID}/${byId.rewinding}`, `../../st${st}`);
      this.fs.symlink(`${BY_ID}/${byId.nonRewinding}`, `../../nst${st}`);
    }
    const session: IscsiSession = { sid: this.nextSid, address: entry.address, port: entry.port, tpgt: entry.tpgt, iqn: entry.iqn, entry, nodes };
    this.nextSid += 1;
    this.active.push(session);
    return session;
  }

  /** Logs out; the device nodes and every link pointing at them disappear. */
  logout(session: IscsiSession): void {
    const index = this.active.indexOf(session);
    if (index >= 0) this.active.splice(index, 1);
    const names = new Set(session.nodes.map((node) => node.slice('/dev/'.length)));
    for (const node of session.nodes) if (this.fs.tryResolve(node, '/', false)) this.fs.remove(node, '/');
    for (const dir of [BY_PATH, BY_ID]) {
      const found = this.fs.tryResolve(dir, '/');
      if (found?.node.kind !== 'dir') continue;
      for (const [name, child] of [...found.node.children]) {
        if (child.kind === 'symlink' && names.has(child.target.replace('../../', ''))) found.node.children.delete(name);
      }
      this.fs.pruneEmpty(dir, '/dev');
    }
  }

  private lowestFree(prefix: 'sg' | 'st'): number {
    const used = new Set(this.active.flatMap((s) => s.nodes).filter((n) => n.startsWith(`/dev/${prefix}`)).map((n) => Number(n.slice(`/dev/${prefix}`.length))));
    let n = 0;
    while (used.has(n)) n += 1;
    return n;
  }
}
