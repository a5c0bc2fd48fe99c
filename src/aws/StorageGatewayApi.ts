// Storage Gateway calls for gateways, local disks and VTL devices, mapped from SDK shapes to tape/ domain types.
import { toLibraryTargets, type LibraryTargets, type VtlDeviceRecord } from '../tape/libraryTargets';
import type { GatewayDetails, GatewaySummary, LocalDisk, VtlDevice } from '../tape/model';
import type { AwsClients } from './AwsClients';
import { callAws } from './callAws';
import { toGatewayDetails, toGatewaySummary, toLocalDisk, toVtlDevice } from './storageGatewayShapes';

interface ActivationRequest {
  readonly activationKey: string;
  readonly name: string;
  readonly timezone: string;
  readonly region: string;
  readonly tapeDriveType: string;
  readonly mediumChangerType: string;
}

const sdk = () => import('@aws-sdk/client-storage-gateway');

export class StorageGatewayApi {
  constructor(private readonly clients: AwsClients) {}

  /** Every gateway of the account in the region, following Marker pages. */
  async listGateways(signal?: AbortSignal): Promise<GatewaySummary[]> {
    const { ListGatewaysCommand } = await sdk();
    const client = await this.clients.storageGateway();
    return callAws(this.clients, 'ListGateways', async () => {
      const gateways: GatewaySummary[] = [];
      let marker: string | undefined;
      do {
        const page = await client.send(new ListGatewaysCommand({ Marker: marker }), { abortSignal: signal });
        gateways.push(...(page.Gateways ?? []).map(toGatewaySummary));
        marker = page.Marker;
      } while (marker);
      return gateways;
    });
  }

  async describeGateway(gatewayArn: string, signal?: AbortSignal): Promise<GatewayDetails> {
    const { DescribeGatewayInformationCommand } = await sdk();
    const client = await this.clients.storageGateway();
    return callAws(this.clients, 'DescribeGatewayInformation', async () => toGatewayDetails(await client.send(new DescribeGatewayInformationCommand({ GatewayARN: gatewayArn }), { abortSignal: signal })));
  }

  /** ActivateGateway as a Tape Gateway (GatewayType VTL); returns the new gateway's ARN. */
  async activateGateway(request: ActivationRequest): Promise<string> {
    const { ActivateGatewayCommand } = await sdk();
    const client = await this.clients.storageGateway();
    return callAws(this.clients, 'ActivateGateway', async () => {
      const out = await client.send(
        new ActivateGatewayCommand({
          ActivationKey: request.activationKey,
          GatewayName: request.name,
          GatewayTimezone: request.timezone,
          GatewayRegion: request.region,
          GatewayType: 'VTL',
          TapeDriveType: request.tapeDriveType,
          MediumChangerType: request.mediumChangerType,
        }),
      );
      return out.GatewayARN ?? '';
    });
  }

  async shutdownGateway(gatewayArn: string): Promise<void> {
    const { ShutdownGatewayCommand } = await sdk();
    const client = await this.clients.storageGateway();
    await callAws(this.clients, 'ShutdownGateway', () => client.send(new ShutdownGatewayCommand({ GatewayARN: gatewayArn })));
  }

  async startGateway(gatewayArn: string): Promise<void> {
    const { StartGatewayCommand } = await sdk();
    const client = await this.clients.storageGateway();
    await callAws(this.clients, 'StartGateway', () => client.send(new StartGatewayCommand({ GatewayARN: gatewayArn })));
  }

  async deleteGateway(gatewayArn: string): Promise<void> {
    const { DeleteGatewayCommand } = await sdk();
    const client = await this.clients.storageGateway();
    await callAws(this.clients, 'DeleteGateway', () => client.send(new DeleteGatewayCommand({ GatewayARN: gatewayArn })));
  }

  async listLocalDisks(gatewayArn: string, signal?: AbortSignal): Promise<LocalDisk[]> {
    const { ListLocalDisksCommand } = await sdk();
    const client = await this.clients.storageGateway();
    return callAws(this.clients, 'ListLocalDisks', async () => ((await client.send(new ListLocalDisksCommand({ GatewayARN: gatewayArn }), { abortSignal: signal })).Disks ?? []).map(toLocalDisk));
  }

  async addCache(gatewayArn: string, diskIds: readonly string[]): Promise<void> {
    const { AddCacheCommand } = await sdk();
    const client = await this.clients.storageGateway();
    await callAws(this.clients, 'AddCache', () => client.send(new AddCacheCommand({ GatewayARN: gatewayArn, DiskIds: [...diskIds] })));
  }

  async addUploadBuffer(gatewayArn: string, diskIds: readonly string[]): Promise<void> {
    const { AddUploadBufferCommand } = await sdk();
    const client = await this.clients.storageGateway();
    await callAws(this.clients, 'AddUploadBuffer', () => client.send(new AddUploadBufferCommand({ GatewayARN: gatewayArn, DiskIds: [...diskIds] })));
  }

  /** The medium changer and the 10 drives, following Marker pages. */
  async describeVtlDevices(gatewayArn: string, signal?: AbortSignal): Promise<VtlDevice[]> {
    const { DescribeVTLDevicesCommand } = await sdk();
    const client = await this.clients.storageGateway();
    return callAws(this.clients, 'DescribeVTLDevices', async () => {
      const devices: VtlDevice[] = [];
      let marker: string | undefined;
      do {
        const page = await client.send(new DescribeVTLDevicesCommand({ GatewayARN: gatewayArn, Marker: marker }), { abortSignal: signal });
        devices.push(...(page.VTLDevices ?? []).map(toVtlDevice));
        marker = page.Marker;
      } while (marker);
      return devices;
    });
  }

  /** The medium changer's and drives' iSCSI targets (IQN, portal), from DescribeVTLDevices. */
  async describeLibraryTargets(gatewayArn: string, signal?: AbortSignal): Promise<LibraryTargets> {
    const { DescribeVTLDevicesCommand } = await sdk();
    const client = await this.clients.storageGateway();
    const records = await callAws(this.clients, 'DescribeVTLDevices', async () => {
      const found: VtlDeviceRecord[] = [];
      let marker: string | undefined;
      do {
        const page = await client.send(new DescribeVTLDevicesCommand({ GatewayARN: gatewayArn, Marker: marker }), { abortSignal: signal });
        for (const device of page.VTLDevices ?? []) {
          const attributes = device.DeviceiSCSIAttributes;
          if (!attributes?.TargetARN || !attributes.NetworkInterfaceId) continue;
          found.push({ deviceType: device.VTLDeviceType ?? '', targetArn: attributes.TargetARN, address: attributes.NetworkInterfaceId, port: attributes.NetworkInterfacePort ?? 3260 });
        }
        marker = page.Marker;
      } while (marker);
      return found;
    });
    const targets = toLibraryTargets(gatewayArn, records);
    if (!targets) throw new Error(`The gateway ${gatewayArn} reports no medium changer. Activate it as a Tape Gateway (VTL) first.`);
    return targets;
  }
}
