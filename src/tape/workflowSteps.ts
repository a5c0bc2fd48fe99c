// The shell lines of each tape workflow step (typed visibly into the client's session) and how to read what they printed.
import { iscsiadmDiscoveryArgs, iscsiadmLoginArgs, iscsiadmLogoutArgs } from './iscsiadmCommand';
import { mtArgs, type MtOperation } from './mtCommand';
import { mtxLoadArgs, mtxStatusArgs, mtxTransferArgs, mtxUnloadArgs } from './mtxCommand';
import { toShellLine } from './shellQuote';
import { changerByPathName, driveByPathNames } from './tapeDeviceLinks';
import { tarCreateArgs, tarExtractArgs, tarListArgs } from './tarCommand';

export const TAPE_BY_PATH_DIR = '/dev/tape/by-path';
export const BOOTSTRAP_STATUS_FILE = '/var/log/tapegw-bootstrap.status';

/** iscsiadm's exit status when the session already exists (ISCSI_ERR_SESS_EXISTS): logging in twice is harmless. */
export const ISCSI_ERR_SESS_EXISTS = 15;
/** iscsiadm's exit status for "No matching sessions found" / "No records found". */
export const ISCSI_ERR_NO_OBJS_FOUND = 21;

export interface IscsiPortal {
  /** The gateway's private address as DescribeVTLDevices reports it (NetworkInterfaceId). */
  readonly address: string;
  readonly port: number;
}

function sudo(argv: readonly string[]): string {
  return toShellLine(['sudo', ...argv]);
}

export function startIscsidLine(): string {
  return sudo(['systemctl', 'start', 'iscsid']);
}

export function discoveryLine(portal: IscsiPortal): string {
  return sudo(['/sbin/iscsiadm', ...iscsiadmDiscoveryArgs(portal.address, portal.port).slice(1)]);
}

export function loginLine(iqn: string, portal: IscsiPortal): string {
  return sudo(['/sbin/iscsiadm', ...iscsiadmLoginArgs(iqn, portal.address, portal.port).slice(1)]);
}

export function logoutLine(iqn: string, portal: IscsiPortal): string {
  return sudo(['/sbin/iscsiadm', ...iscsiadmLogoutArgs(iqn, portal.address, portal.port).slice(1)]);
}

/** The changer's stable udev name. */
export function changerDevice(iqn: string, portal: IscsiPortal): string {
  return `${TAPE_BY_PATH_DIR}/${changerByPathName(portal.address, portal.port, iqn)}`;
}

/** The drive's stable udev names: rewinding (st) and non-rewinding (nst). */
export function driveDevices(iqn: string, portal: IscsiPortal): { rewinding: string; nonRewinding: string } {
  const names = driveByPathNames(portal.address, portal.port, iqn);
  return { rewinding: `${TAPE_BY_PATH_DIR}/${names.rewinding}`, nonRewinding: `${TAPE_BY_PATH_DIR}/${names.nonRewinding}` };
}

export function mtxStatusLine(changer: string): string {
  return sudo(mtxStatusArgs(changer));
}

export function mtxLoadLine(changer: string, slot: number, drive: number): string {
  return sudo(mtxLoadArgs(changer, slot, drive));
}

export function mtxUnloadLine(changer: string, drive: number, slot?: number): string {
  return sudo(mtxUnloadArgs(changer, drive, slot));
}

export function mtxTransferLine(changer: string, fromSlot: number, toSlot: number): string {
  return sudo(mtxTransferArgs(changer, fromSlot, toSlot));
}

export function mtLine(device: string, operation: MtOperation, count?: number): string {
  return sudo(mtArgs(device, operation, count));
}

/** Write on the non-rewinding device so the tape stays after the new archive's filemark. */
export function tarWriteLine(nonRewindingDevice: string, recordSize: number, paths: readonly string[]): string {
  return sudo(tarCreateArgs({ device: nonRewindingDevice, recordSize, paths, verbose: true }));
}

export function tarListLine(nonRewindingDevice: string, recordSize: number): string {
  return sudo(tarListArgs(nonRewindingDevice, recordSize));
}

export function tarReadLine(nonRewindingDevice: string, recordSize: number, directory: string): string {
  return sudo(tarExtractArgs(nonRewindingDevice, directory, recordSize));
}

/** `ls -1Ap DIR`: one name per line, directories end in `/`. */
export function listDirectoryLine(directory: string): string {
  return toShellLine(['ls', '-1Ap', directory]);
}

export function parseDirectoryListing(output: string): { name: string; directory: boolean }[] {
  return output
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => (line.endsWith('/') ? { name: line.slice(0, -1), directory: true } : { name: line, directory: false }));
}

export function sha256Line(path: string): string {
  return toShellLine(['sha256sum', path]);
}

export function parseSha256(output: string): string | undefined {
  return /^([0-9a-f]{64})\s/m.exec(output)?.[1];
}

export type TapeTool = 'iscsiadm' | 'mt' | 'mtx';

/** The package that provides each tool on Amazon Linux (the template's user data installs them). */
const TOOL_PACKAGES: Readonly<Record<TapeTool, string>> = { iscsiadm: 'iscsi-initiator-utils', mt: 'mt-st', mtx: 'mtx' };

/** Tools the bootstrap status file (`tool=missing` lines) reports as missing. */
export function missingToolsInStatus(statusFile: string): TapeTool[] {
  return (Object.keys(TOOL_PACKAGES) as TapeTool[]).filter((tool) => new RegExp(`^${tool}=missing$`, 'm').test(statusFile));
}

/** The tool a shell said it could not find (`sh: mtx: command not found`, `sudo: mt: command not found`). */
export function missingToolInOutput(output: string): TapeTool | undefined {
  const match = /(?:^|[\s:])(?:\/sbin\/|\/usr\/sbin\/|\/usr\/bin\/)?(iscsiadm|mtx|mt): command not found/m.exec(output);
  return match ? (match[1] as TapeTool) : undefined;
}

/** The sentence a user meets when a tool is missing. */
export function missingToolAdvice(tool: TapeTool): string {
  const pkg = TOOL_PACKAGES[tool];
  return (
    `The client instance has no ${tool}. Install the package ${pkg} on it (for example \`sudo yum install -y ${pkg}\`), ` +
    `or recreate the stack with ClientOperatingSystem=AL2, whose repositories have all the tape tools.`
  );
}
