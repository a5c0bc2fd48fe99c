// Resolves a device path the way open(2) would for the tape tools: existence, permission, and the gateway device behind it.
import { CommandContext } from '../CommandContext';
import { GatewayDevices } from '../../library/TapeDeviceRegistry';
import { DeviceRef } from '../VirtualFileSystem';
import { canRead } from '../filePermissions';

export type OpenedDevice =
  | { readonly ok: true; readonly device: DeviceRef | undefined; readonly devices: GatewayDevices | undefined }
  | { readonly ok: false; readonly error: string };

/** `device` is undefined for a regular file or directory; `devices` for a device whose gateway is gone. */
export function openDevice(context: CommandContext, path: string): OpenedDevice {
  const found = context.host.fs.tryResolve(path, context.cwd);
  if (!found) return { ok: false, error: 'No such file or directory' };
  if (!canRead(context.user, found.node)) return { ok: false, error: 'Permission denied' };
  if (found.node.kind !== 'device') return { ok: true, device: undefined, devices: undefined };
  const device = found.node.device;
  if (device.kind !== 'sg' && device.kind !== 'tape') return { ok: true, device, devices: undefined };
  const library = context.host.libraries.byGatewayArn(device.gatewayArn);
  if (!library) return { ok: false, error: 'No such device or address' };
  return { ok: true, device, devices: context.host.devices.devicesFor(library) };
}
