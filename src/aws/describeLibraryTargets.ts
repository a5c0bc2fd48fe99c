// DescribeVTLDevices (all pages) mapped to the library's iSCSI targets.
import type { StorageGatewayClient } from '@aws-sdk/client-storage-gateway';
import { toLibraryTargets, type LibraryTargets, type VtlDeviceRecord } from '../tape/libraryTargets';

/** `toFailure` turns an SDK error into the caller's failure type (e.g. toAwsFailure with the connection's labels). */
export async function describeLibraryTargets(client: StorageGatewayClient, gatewayArn: string, toFailure: (error: unknown, operation: string) => unknown = (error) => error): Promise<LibraryTargets> {
  const { DescribeVTLDevicesCommand } = await import('@aws-sdk/client-storage-gateway');
  const records: VtlDeviceRecord[] = [];
  let marker: string | undefined;
  try {
    do {
      const page = await client.send(new DescribeVTLDevicesCommand({ GatewayARN: gatewayArn, Marker: marker }));
      for (const device of page.VTLDevices ?? []) {
        const attributes = device.DeviceiSCSIAttributes;
        if (!attributes?.TargetARN || !attributes.NetworkInterfaceId) continue;
        records.push({ deviceType: device.VTLDeviceType ?? '', targetArn: attributes.TargetARN, address: attributes.NetworkInterfaceId, port: attributes.NetworkInterfacePort ?? 3260 });
      }
      marker = page.Marker;
    } while (marker);
  } catch (error) {
    throw toFailure(error, 'DescribeVTLDevices');
  }
  const targets = toLibraryTargets(gatewayArn, records);
  if (!targets) throw new Error(`The gateway ${gatewayArn} reports no medium changer. Activate it as a Tape Gateway (VTL) first.`);
  return targets;
}
