// iscsiadm (open-iscsi): discovery sendtargets, node listing/login/logout, session listing.
import { CommandContext, OutputSink } from '../CommandContext';
import {
  formatLoggingIn, formatLoggingOut, formatLoginSuccessful, formatLogoutSuccessful, formatNodeRecord, formatSessionRecord,
} from '../../../tape/iscsiadmOutput';
import { IscsiSession, NodeEntry, portalIp } from '../IscsiInitiator';

const ERR_SESS_EXISTS = 15;
const ERR_NO_OBJS_FOUND = 21;

interface Options {
  mode?: string;
  type?: string;
  portal?: string;
  target?: string;
  login: boolean;
  logout: boolean;
  version: boolean;
}

const FLAGS: Readonly<Record<string, keyof Options>> = {
  '-m': 'mode', '--mode': 'mode', '-t': 'type', '--type': 'type', '-p': 'portal', '--portal': 'portal', '-T': 'target', '--targetname': 'target',
};

function parse(argv: readonly string[]): Options | string {
  const options: Options = { login: false, logout: false, version: false };
  for (let i = 1; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];
    const key = FLAGS[flag];
    if (key) (options as unknown as Record<string, string>)[key] = inline ?? argv[++i] ?? '';
    else if (flag === '-l' || flag === '--login') options.login = true;
    else if (flag === '-u' || flag === '--logout') options.logout = true;
    else if (flag === '-V' || flag === '--version') options.version = true;
    else if (flag === '-P' || flag === '--print' || flag === '-I' || flag === '--interface') i += inline === undefined ? 1 : 0;
    else return `unrecognized character '${flag}'`;
  }
  return options;
}

/** "host:port,tpgt" -> host and port (3260 by default). */
function splitPortal(portal: string): { host: string; port: number } {
  const withoutTpgt = portal.split(',')[0];
  const match = /^(.*?)(?::(\d+))?$/.exec(withoutTpgt)!;
  return { host: match[1], port: match[2] ? Number(match[2]) : 3260 };
}

function error(sink: OutputSink, text: string): void {
  sink.write(`iscsiadm: ${text}\n`);
}

export function iscsiadm(context: CommandContext): number {
  const options = parse(context.argv);
  if (typeof options === 'string') {
    error(context.stderr, options);
    return 7;
  }
  if (options.version) {
    context.stdout.write(`iscsiadm version ${context.host.os === 'al2' ? '2.0-874' : '2.1.8'}\n`);
    return 0;
  }
  const iscsi = context.host.iscsi;
  if (options.mode === 'discovery' || options.mode === 'discoverydb') {
    if (options.type !== 'sendtargets' && options.type !== 'st') {
      error(context.stderr, `Invalid discovery type ${options.type ?? ''}.`);
      return 7;
    }
    if (!options.portal) {
      error(context.stderr, 'Please specify portal as <ipaddr>[:<ipport>]');
      return 7;
    }
    const { host, port } = splitPortal(options.portal);
    const entries = iscsi.discover(host, port);
    if (!entries) {
      for (let attempt = 0; attempt <= 5; attempt += 1) error(context.stderr, `cannot make connection to ${host}: Connection refused`);
      error(context.stderr, 'connection login retries (reopen_max) 5 exceeded');
      const legacy = context.host.os === 'al2';
      error(context.stderr, `Could not perform SendTargets discovery: ${legacy ? 'encountered connection failure' : 'iSCSI PDU timed out'}`);
      return legacy ? 4 : 11;
    }
    context.stdout.write(entries.map((entry) => `${formatNodeRecord(entry)}\n`).join(''));
    return 0;
  }
  if (options.mode === 'session') {
    if (options.logout) return logout(context, [...iscsi.sessions()]);
    if (iscsi.sessions().length === 0) {
      error(context.stderr, 'No active sessions.');
      return ERR_NO_OBJS_FOUND;
    }
    context.stdout.write(iscsi.sessions().map((s) => `${formatSessionRecord(s)}\n`).join(''));
    return 0;
  }
  if (options.mode === 'node') {
    let entries = iscsi.nodeRecords();
    if (options.target !== undefined) entries = entries.filter((e) => e.iqn === options.target);
    if (options.portal !== undefined) {
      const { host, port } = splitPortal(options.portal);
      // A portal given by name matches the records of the address it resolves to.
      const library = context.host.libraries.byPortal(host);
      const address = library ? portalIp(library, host) : host;
      entries = entries.filter((e) => e.address === address && e.port === port);
    }
    if (options.logout) {
      // Match by target and portal, not by record object: a later discovery replaces the records.
      const sessions = iscsi.sessions().filter((s) => entries.some((e) => e.iqn === s.entry.iqn && e.address === s.entry.address && e.port === s.entry.port) || (options.target === undefined && options.portal === undefined));
      return logout(context, sessions);
    }
    if (entries.length === 0) {
      error(context.stderr, 'No records found');
      return ERR_NO_OBJS_FOUND;
    }
    if (options.login) return login(context, entries);
    context.stdout.write(entries.map((entry) => `${formatNodeRecord(entry)}\n`).join(''));
    return 0;
  }
  error(context.stderr, options.mode === undefined ? 'You must specify a mode' : `Invalid mode ${options.mode}`);
  return 7;
}

function login(context: CommandContext, entries: NodeEntry[]): number {
  const iscsi = context.host.iscsi;
  const fresh = entries.filter((entry) => !iscsi.sessionFor(entry));
  const present = entries.length - fresh.length;
  for (let i = 0; i < present; i += 1) error(context.stderr, 'default: 1 session requested, but 1 already present.');
  // open-iscsi 2.0.874 (Amazon Linux 2) always sets session.multiple; 2.1.x prints no suffix.
  const multiple = context.host.os === 'al2';
  for (const entry of fresh) context.stdout.write(`${formatLoggingIn(entry, multiple)}\n`);
  for (const entry of fresh) {
    iscsi.login(entry);
    context.stdout.write(`${formatLoginSuccessful(entry)}\n`);
  }
  if (fresh.length < entries.length) {
    error(context.stderr, 'Could not log into all portals');
    return ERR_SESS_EXISTS;
  }
  return 0;
}

function logout(context: CommandContext, sessions: readonly IscsiSession[]): number {
  if (sessions.length === 0) {
    error(context.stderr, 'No matching sessions found');
    return ERR_NO_OBJS_FOUND;
  }
  for (const session of sessions) context.stdout.write(`${formatLoggingOut(session)}\n`);
  for (const session of sessions) {
    context.host.iscsi.logout(session);
    context.stdout.write(`${formatLogoutSuccessful(session)}\n`);
  }
  return 0;
}
