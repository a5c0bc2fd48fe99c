// Allocates a gateway's local disks: ListLocalDisks, then cache and upload buffer picks with sizes and minimum-size warnings.
import * as vscode from 'vscode';
import type { LocalDisk } from '../../tape/model';
import { GIB } from '../../tape/limits';
import type { ExtensionServices, TapeGatewayCommand } from '../ExtensionServices';
import { formatBytes } from '../explorer/loadChildren';
import { argsOf, Cancelled, connectedApis, resolveGateway } from './commandTargets';
import { runCommand } from './runCommand';

const TITLE = 'Configure Disks';
/** AWS's minimums for a Tape Gateway: cache 150 GiB, upload buffer 150 GiB (Storage Gateway's documented minimums; 165 GiB is the safe choice). */
const MINIMUM_DISK_BYTES = { cache: 150 * GIB, uploadBuffer: 150 * GIB } as const;

async function chooseDisks(services: ExtensionServices, disks: readonly LocalDisk[], given: unknown, role: 'cache' | 'uploadBuffer'): Promise<LocalDisk[]> {
  const label = role === 'cache' ? 'cache' : 'upload buffer';
  if (Array.isArray(given)) {
    return given.map((id) => {
      const disk = disks.find((d) => d.diskId === id);
      if (!disk) throw new Error(`Disk ${String(id)} is not an unallocated disk of this gateway; run Configure Disks again and pick from the list.`);
      return disk;
    });
  }
  const picked = await services.prompts.pickMany(
    disks.map((d) => ({ label: d.path ?? d.diskId, description: `${formatBytes(d.sizeInBytes)}${d.sizeInBytes < MINIMUM_DISK_BYTES[role] ? ` · below AWS's ${formatBytes(MINIMUM_DISK_BYTES[role])} minimum` : ''}`, detail: d.diskId, value: d })),
    { title: `${TITLE}: ${label} disk(s)`, placeHolder: `Choose the disk(s) to use as ${label}` },
  );
  if (!picked || picked.length === 0) throw new Cancelled();
  return picked;
}

export const configureDisks: TapeGatewayCommand = {
  id: 'tapeGateway.configureDisks',
  run(services, target?: unknown) {
    return runCommand(services, 'Could not configure the disks', async () => {
      const apis = connectedApis(services);
      const args = argsOf(target);
      const gateway = await resolveGateway(services, apis, target, `${TITLE}: gateway`);
      const available = (await apis.storageGateway.listLocalDisks(gateway.gatewayArn)).filter((d) => d.allocationType === 'AVAILABLE');
      if (available.length < 2) throw new Error(`${gateway.name} has ${available.length} unallocated disk(s); a tape gateway needs one for cache and one for the upload buffer. Attach another EBS volume to the instance, then retry.`);
      const cache = await chooseDisks(services, available, args.cacheDiskIds, 'cache');
      const rest = available.filter((d) => !cache.includes(d));
      if (rest.length === 0) throw new Error('Leave at least one disk for the upload buffer: pick fewer cache disks.');
      const uploadBuffer = await chooseDisks(services, rest, args.uploadBufferDiskIds, 'uploadBuffer');
      const small = [...cache.map((d) => ['cache', d, MINIMUM_DISK_BYTES.cache] as const), ...uploadBuffer.map((d) => ['upload buffer', d, MINIMUM_DISK_BYTES.uploadBuffer] as const)].filter(([, d, min]) => d.sizeInBytes < min);
      if (small.length > 0) {
        const detail = small.map(([role, d, min]) => `${d.path ?? d.diskId} (${formatBytes(d.sizeInBytes)}) is below AWS's ${formatBytes(min)} minimum for ${role}.`).join('\n');
        if (args.acceptSmallDisks !== true && !(await services.prompts.confirm('Some disks are smaller than AWS recommends', `${detail}\nThe gateway may warn or stall on writes. A disk cannot be resized once allocated.`, 'Allocate anyway'))) throw new Cancelled();
      }
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Allocating disks on ${gateway.name}…` }, async () => {
        await apis.storageGateway.addCache(gateway.gatewayArn, cache.map((d) => d.diskId));
        await apis.storageGateway.addUploadBuffer(gateway.gatewayArn, uploadBuffer.map((d) => d.diskId));
      });
      services.explorer.refresh();
      void vscode.window.showInformationMessage(`${gateway.name}: cache ${formatBytes(cache.reduce((n, d) => n + d.sizeInBytes, 0))}, upload buffer ${formatBytes(uploadBuffer.reduce((n, d) => n + d.sizeInBytes, 0))}. You can now create tapes.`);
      return { cache: cache.map((d) => d.diskId), uploadBuffer: uploadBuffer.map((d) => d.diskId) };
    });
  },
};
