// open-iscsi iscsiadm output lines: formatters and parsers (FROM SOURCE idbm.c:1379, session_mgmt.c, session_info.c:92).

export interface IscsiNodeRecord {
  readonly address: string;
  readonly port: number;
  readonly tpgt: number;
  readonly iqn: string;
}

export interface IscsiSessionRecord extends IscsiNodeRecord {
  readonly sid: number;
}

/** Discovery and `-m node` listing: `IP:port,tpgt IQN`. */
export function formatNodeRecord(record: IscsiNodeRecord): string {
  return `${record.address}:${record.port},${record.tpgt} ${record.iqn}`;
}

const NODE = /^(\S+):(\d+),(\d+) (\S+)$/;

export function parseNodeRecords(text: string): IscsiNodeRecord[] {
  return text.split(/\r?\n/).flatMap((line) => {
    const match = NODE.exec(line.trim());
    return match ? [{ address: match[1], port: Number(match[2]), tpgt: Number(match[3]), iqn: match[4] }] : [];
  });
}

function loginTarget(iqn: string, address: string, port: number): string {
  return `[iface: default, target: ${iqn}, portal: ${address},${port}]`;
}

/** open-iscsi 2.0.874 (Amazon Linux 2) always marks logins ` (multiple)`; 2.1.x does not. */
export function formatLoggingIn(record: IscsiNodeRecord, multiple: boolean): string {
  return `Logging in to ${loginTarget(record.iqn, record.address, record.port)}${multiple ? ' (multiple)' : ''}`;
}

export function formatLoginSuccessful(record: IscsiNodeRecord): string {
  return `Login to ${loginTarget(record.iqn, record.address, record.port)} successful.`;
}

export function formatLoggingOut(session: IscsiSessionRecord): string {
  return `Logging out of session [sid: ${session.sid}, target: ${session.iqn}, portal: ${session.address},${session.port}]`;
}

export function formatLogoutSuccessful(session: IscsiSessionRecord): string {
  return `Logout of [sid: ${session.sid}, target: ${session.iqn}, portal: ${session.address},${session.port}] successful.`;
}

/** `iscsiadm -m session`: `tcp: [sid] IP:port,tpgt IQN (non-flash)`. */
export function formatSessionRecord(session: IscsiSessionRecord): string {
  return `tcp: [${session.sid}] ${formatNodeRecord(session)} (non-flash)`;
}

const SESSION = /^tcp: \[(\d+)\] (\S+):(\d+),(\d+) (\S+)(?: \(non-flash\))?$/;

export function parseSessionRecords(text: string): IscsiSessionRecord[] {
  return text.split(/\r?\n/).flatMap((line) => {
    const match = SESSION.exec(line.trim());
    return match ? [{ sid: Number(match[1]), address: match[2], port: Number(match[3]), tpgt: Number(match[4]), iqn: match[5] }] : [];
  });
}

/** Which targets a login output reports as logged in. */
export function parseLoginSuccesses(text: string): string[] {
  return [...text.matchAll(/^Login to \[iface: \S+, target: (\S+), portal: [^\]]+\] successful\.$/gm)].map((match) => match[1]);
}
