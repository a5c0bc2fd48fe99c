// The Storage Gateway wrapper: gateways and their settings, local disks, VTL devices, tapes, the archive (VTS) and tape pools, mapped to tape/ domain types.
import { toLibraryTargets, type LibraryTargets, type VtlDeviceRecord } from '../tape/libraryTargets';
import { randomUUID } from 'node:crypto';
import type { ArchivedTape, BandwidthInterval, BandwidthLimits, GatewayDetails, GatewaySummary, LocalDisk, MaintenanceWindow, SoftwareStatus, TapePool, TapeSummary, VtlDevice } from '../tape/model';
import type { AwsClients } from './AwsClients';
import { callAws } from './callAws';
import { fromBandwidthInterval, toArchivedTape, toBandwidthInterval, toGatewayDetails, toGatewaySummary, toLocalDisk, toTapePool, toTapeSummary, toVtlDevice } from './storageGatewayShapes';

interface ActivationRequest {
  readonly activationKey: string;
  readonly name: string;
  readonly timezone: string;
  readonly region: string;
  readonly tapeDriveType: string;
  readonly mediumChangerType: string;
}

interface TapePage {
  readonly tapes: TapeSummary[];
  /** Marker for the next page; undefined on the last one. */
  readonly marker: string | undefined;
}

export interface NewTapes {
  readonly gatewayArn: string;
  readonly sizeInBytes: number;
  readonly poolId: string | undefined;
  readonly worm: boolean;
  /** Either generated barcodes (prefix + count) or one explicit barcode. */
  readonly barcode: { readonly prefix: string; readonly count: number } | { readonly explicit: string };
}

export interface NewTapePool {
  readonly name: string;
  readonly storageClass: 'GLACIER' | 'DEEP_ARCHIVE';
  readonly retentionLockType: 'NONE' | 'GOVERNANCE' | 'COMPLIANCE';
  readonly retentionLockTimeInDays: number | undefined;
}

/** A tape as ListTapes reports it, by barcode, whether in a library or archived. */
export interface TapeStateInfo {
  readonly barcode: string;
  readonly tapeArn: string;
  /** AVAILABLE, ARCHIVED, RETRIEVING, RETRIEVED… */
  readonly status: string;
  /** The gateway whose library holds it; absent for an archived tape. */
  readonly gatewayArn?: string;
}

const sdk = () => import('@aws-sdk/client-storage-gateway');
type Sdk = Awaited<ReturnType<typeof sdk>>;

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

  // Gateway settings: bandwidth limits and schedule, maintenance window, software update, name and time zone.
  async bandwidthLimits(gatewayArn: string): Promise<BandwidthLimits> {
    const out = await this.call('DescribeBandwidthRateLimit', (client, s) => client.send(new s.DescribeBandwidthRateLimitCommand({ GatewayARN: gatewayArn })));
    return { uploadBitsPerSecond: out.AverageUploadRateLimitInBitsPerSec, downloadBitsPerSecond: out.AverageDownloadRateLimitInBitsPerSec };
  }

  /** Sets the given limits; a limit given as undefined is removed (DeleteBandwidthRateLimit). */
  async setBandwidthLimits(gatewayArn: string, limits: BandwidthLimits): Promise<void> {
    const { uploadBitsPerSecond: up, downloadBitsPerSecond: down } = limits;
    if (up !== undefined || down !== undefined) {
      await this.call('UpdateBandwidthRateLimit', (client, s) => client.send(new s.UpdateBandwidthRateLimitCommand({ GatewayARN: gatewayArn, AverageUploadRateLimitInBitsPerSec: up, AverageDownloadRateLimitInBitsPerSec: down })));
    }
    const remove = up === undefined && down === undefined ? 'ALL' : up === undefined ? 'UPLOAD' : down === undefined ? 'DOWNLOAD' : undefined;
    if (remove) await this.call('DeleteBandwidthRateLimit', (client, s) => client.send(new s.DeleteBandwidthRateLimitCommand({ GatewayARN: gatewayArn, BandwidthType: remove })));
  }

  async bandwidthSchedule(gatewayArn: string): Promise<BandwidthInterval[]> {
    const out = await this.call('DescribeBandwidthRateLimitSchedule', (client, s) => client.send(new s.DescribeBandwidthRateLimitScheduleCommand({ GatewayARN: gatewayArn })));
    return (out.BandwidthRateLimitIntervals ?? []).map(toBandwidthInterval);
  }

  async setBandwidthSchedule(gatewayArn: string, intervals: readonly BandwidthInterval[]): Promise<void> {
    await this.call('UpdateBandwidthRateLimitSchedule', (client, s) => client.send(new s.UpdateBandwidthRateLimitScheduleCommand({ GatewayARN: gatewayArn, BandwidthRateLimitIntervals: intervals.map(fromBandwidthInterval) })));
  }

  async maintenanceWindow(gatewayArn: string): Promise<MaintenanceWindow> {
    const out = await this.call('DescribeMaintenanceStartTime', (client, s) => client.send(new s.DescribeMaintenanceStartTimeCommand({ GatewayARN: gatewayArn })));
    return { hour: out.HourOfDay ?? 0, minute: out.MinuteOfHour ?? 0, dayOfWeek: out.DayOfWeek, dayOfMonth: out.DayOfMonth, timezone: out.Timezone };
  }

  async setMaintenanceWindow(gatewayArn: string, window: MaintenanceWindow): Promise<void> {
    const { hour: HourOfDay, minute: MinuteOfHour, dayOfWeek: DayOfWeek, dayOfMonth: DayOfMonth } = window;
    await this.call('UpdateMaintenanceStartTime', (client, s) => client.send(new s.UpdateMaintenanceStartTimeCommand({ GatewayARN: gatewayArn, HourOfDay, MinuteOfHour, DayOfWeek, DayOfMonth })));
  }

  async softwareStatus(gatewayArn: string): Promise<SoftwareStatus> {
    const out = await this.call('DescribeGatewayInformation', (client, s) => client.send(new s.DescribeGatewayInformationCommand({ GatewayARN: gatewayArn })));
    return { lastSoftwareUpdate: out.LastSoftwareUpdate, nextUpdateAvailabilityDate: out.NextUpdateAvailabilityDate, softwareUpdatesEndDate: out.SoftwareUpdatesEndDate };
  }

  async updateSoftwareNow(gatewayArn: string): Promise<void> {
    await this.call('UpdateGatewaySoftwareNow', (client, s) => client.send(new s.UpdateGatewaySoftwareNowCommand({ GatewayARN: gatewayArn })));
  }

  /** Changes what is given; undefined leaves the name or time zone as it is. */
  async updateNameAndTimezone(gatewayArn: string, name: string | undefined, timezone: string | undefined): Promise<void> {
    await this.call('UpdateGatewayInformation', (client, s) => client.send(new s.UpdateGatewayInformationCommand({ GatewayARN: gatewayArn, GatewayName: name, GatewayTimezone: timezone })));
  }

  // Tapes, the archive (VTS) and tape pools.
  /** One page of DescribeTapes for a gateway. */
  async describeTapesPage(gatewayArn: string, marker: string | undefined, limit: number, signal?: AbortSignal): Promise<TapePage> {
    const { DescribeTapesCommand } = await sdk();
    const client = await this.clients.storageGateway();
    return callAws(this.clients, 'DescribeTapes', async () => {
      const page = await client.send(new DescribeTapesCommand({ GatewayARN: gatewayArn, Marker: marker, Limit: limit }), { abortSignal: signal });
      return { tapes: (page.Tapes ?? []).map(toTapeSummary), marker: page.Marker || undefined };
    });
  }

  async describeAllTapes(gatewayArn: string, signal?: AbortSignal): Promise<TapeSummary[]> {
    const tapes: TapeSummary[] = [];
    let marker: string | undefined;
    do {
      const page = await this.describeTapesPage(gatewayArn, marker, 1000, signal);
      tapes.push(...page.tapes);
      marker = page.marker;
    } while (marker);
    return tapes;
  }

  /** ListTapes (all pages): every tape of the account and region, in a library or archived, by barcode. */
  async listTapeStates(signal?: AbortSignal): Promise<Map<string, TapeStateInfo>> {
    const { ListTapesCommand } = await sdk();
    const client = await this.clients.storageGateway();
    return callAws(this.clients, 'ListTapes', async () => {
      const tapes = new Map<string, TapeStateInfo>();
      let marker: string | undefined;
      do {
        const page = await client.send(new ListTapesCommand({ Marker: marker }), { abortSignal: signal });
        for (const tape of page.TapeInfos ?? []) {
          const barcode = tape.TapeBarcode ?? '';
          // A retrieved copy and its archive share a barcode: the copy in a library is what a restore uses.
          if (tapes.get(barcode)?.gatewayArn && !tape.GatewayARN) continue;
          tapes.set(barcode, { barcode, tapeArn: tape.TapeARN ?? '', status: tape.TapeStatus ?? 'UNKNOWN', gatewayArn: tape.GatewayARN });
        }
        marker = page.Marker;
      } while (marker);
      return tapes;
    });
  }

  /** CreateTapes or CreateTapeWithBarcode; returns the new tapes' ARNs. Input must already be validated. */
  async createTapes(request: NewTapes): Promise<string[]> {
    const { CreateTapesCommand, CreateTapeWithBarcodeCommand } = await sdk();
    const client = await this.clients.storageGateway();
    const common = { GatewayARN: request.gatewayArn, TapeSizeInBytes: request.sizeInBytes, PoolId: request.poolId, Worm: request.worm || undefined };
    if ('explicit' in request.barcode) {
      const barcode = request.barcode.explicit;
      return callAws(this.clients, 'CreateTapeWithBarcode', async () => [(await client.send(new CreateTapeWithBarcodeCommand({ ...common, TapeBarcode: barcode }))).TapeARN ?? '']);
    }
    const { prefix, count } = request.barcode;
    return callAws(this.clients, 'CreateTapes', async () => (await client.send(new CreateTapesCommand({ ...common, TapeBarcodePrefix: prefix, NumTapesToCreate: count, ClientToken: randomUUID() }))).TapeARNs ?? []);
  }

  async deleteTape(gatewayArn: string, tapeArn: string, bypassGovernanceRetention = false): Promise<void> {
    const { DeleteTapeCommand } = await sdk();
    const client = await this.clients.storageGateway();
    await callAws(this.clients, 'DeleteTape', () => client.send(new DeleteTapeCommand({ GatewayARN: gatewayArn, TapeARN: tapeArn, BypassGovernanceRetention: bypassGovernanceRetention || undefined })));
  }

  async cancelArchival(gatewayArn: string, tapeArn: string): Promise<void> {
    const { CancelArchivalCommand } = await sdk();
    const client = await this.clients.storageGateway();
    await callAws(this.clients, 'CancelArchival', () => client.send(new CancelArchivalCommand({ GatewayARN: gatewayArn, TapeARN: tapeArn })));
  }

  async cancelRetrieval(gatewayArn: string, tapeArn: string): Promise<void> {
    const { CancelRetrievalCommand } = await sdk();
    const client = await this.clients.storageGateway();
    await callAws(this.clients, 'CancelRetrieval', () => client.send(new CancelRetrievalCommand({ GatewayARN: gatewayArn, TapeARN: tapeArn })));
  }

  async retrieveTapeArchive(tapeArn: string, gatewayArn: string): Promise<void> {
    const { RetrieveTapeArchiveCommand } = await sdk();
    const client = await this.clients.storageGateway();
    await callAws(this.clients, 'RetrieveTapeArchive', () => client.send(new RetrieveTapeArchiveCommand({ GatewayARN: gatewayArn, TapeARN: tapeArn })));
  }

  /** Every archived tape of the account in the region. */
  async describeTapeArchives(signal?: AbortSignal): Promise<ArchivedTape[]> {
    const { DescribeTapeArchivesCommand } = await sdk();
    const client = await this.clients.storageGateway();
    return callAws(this.clients, 'DescribeTapeArchives', async () => {
      const tapes: ArchivedTape[] = [];
      let marker: string | undefined;
      do {
        const page = await client.send(new DescribeTapeArchivesCommand({ Marker: marker, Limit: 1000 }), { abortSignal: signal });
        tapes.push(...(page.TapeArchives ?? []).map(toArchivedTape));
        marker = page.Marker || undefined;
      } while (marker);
      return tapes;
    });
  }

  async deleteTapeArchive(tapeArn: string, bypassGovernanceRetention = false): Promise<void> {
    const { DeleteTapeArchiveCommand } = await sdk();
    const client = await this.clients.storageGateway();
    await callAws(this.clients, 'DeleteTapeArchive', () => client.send(new DeleteTapeArchiveCommand({ TapeARN: tapeArn, BypassGovernanceRetention: bypassGovernanceRetention || undefined })));
  }

  async listTapePools(signal?: AbortSignal): Promise<TapePool[]> {
    const { ListTapePoolsCommand } = await sdk();
    const client = await this.clients.storageGateway();
    return callAws(this.clients, 'ListTapePools', async () => {
      const pools: TapePool[] = [];
      let marker: string | undefined;
      do {
        const page = await client.send(new ListTapePoolsCommand({ Marker: marker }), { abortSignal: signal });
        pools.push(...(page.PoolInfos ?? []).map(toTapePool));
        marker = page.Marker || undefined;
      } while (marker);
      return pools;
    });
  }

  async createTapePool(pool: NewTapePool): Promise<string> {
    const { CreateTapePoolCommand } = await sdk();
    const client = await this.clients.storageGateway();
    return callAws(this.clients, 'CreateTapePool', async () => {
      const out = await client.send(new CreateTapePoolCommand({ PoolName: pool.name, StorageClass: pool.storageClass, RetentionLockType: pool.retentionLockType, RetentionLockTimeInDays: pool.retentionLockType === 'NONE' ? undefined : pool.retentionLockTimeInDays }));
      return out.PoolARN ?? '';
    });
  }

  async deleteTapePool(poolArn: string): Promise<void> {
    const { DeleteTapePoolCommand } = await sdk();
    const client = await this.clients.storageGateway();
    await callAws(this.clients, 'DeleteTapePool', () => client.send(new DeleteTapePoolCommand({ PoolARN: poolArn })));
  }

  /** One call with the client and the SDK module (both loaded on first use); failures become AwsFailure sentences. */
  private async call<T>(operation: string, send: (client: Awaited<ReturnType<AwsClients['storageGateway']>>, commands: Sdk) => Promise<T>): Promise<T> {
    const [commands, client] = await Promise.all([sdk(), this.clients.storageGateway()]);
    return callAws(this.clients, operation, () => send(client, commands));
  }
}
