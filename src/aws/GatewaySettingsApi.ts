// Storage Gateway settings calls: bandwidth limits and schedule, maintenance window, software update, name and time zone.
import type { AwsClients } from './AwsClients';
import { callAws } from './callAws';

const sdk = () => import('@aws-sdk/client-storage-gateway');

export interface BandwidthLimits {
  /** Bits per second; undefined = no limit. */
  readonly uploadBitsPerSecond?: number;
  readonly downloadBitsPerSecond?: number;
}

export interface BandwidthInterval {
  readonly startHour: number;
  readonly startMinute: number;
  readonly endHour: number;
  readonly endMinute: number;
  /** 0 = Sunday … 6 = Saturday. */
  readonly days: readonly number[];
  readonly uploadBitsPerSecond?: number;
  readonly downloadBitsPerSecond?: number;
}

export interface MaintenanceWindow {
  readonly hour: number;
  readonly minute: number;
  readonly dayOfWeek?: number;
  readonly dayOfMonth?: number;
  readonly timezone?: string;
}

export interface SoftwareStatus {
  readonly lastSoftwareUpdate?: string;
  readonly nextUpdateAvailabilityDate?: string;
  readonly softwareUpdatesEndDate?: string;
}

export class GatewaySettingsApi {
  constructor(private readonly clients: AwsClients) {}

  async bandwidthLimits(gatewayArn: string): Promise<BandwidthLimits> {
    const { DescribeBandwidthRateLimitCommand } = await sdk();
    const client = await this.clients.storageGateway();
    const out = await callAws(this.clients, 'DescribeBandwidthRateLimit', () => client.send(new DescribeBandwidthRateLimitCommand({ GatewayARN: gatewayArn })));
    return { uploadBitsPerSecond: out.AverageUploadRateLimitInBitsPerSec, downloadBitsPerSecond: out.AverageDownloadRateLimitInBitsPerSec };
  }

  /** Sets the given limits; a limit given as undefined is removed (DeleteBandwidthRateLimit). */
  async setBandwidthLimits(gatewayArn: string, limits: BandwidthLimits): Promise<void> {
    const { UpdateBandwidthRateLimitCommand, DeleteBandwidthRateLimitCommand } = await sdk();
    const client = await this.clients.storageGateway();
    const { uploadBitsPerSecond: up, downloadBitsPerSecond: down } = limits;
    if (up !== undefined || down !== undefined) {
      await callAws(this.clients, 'UpdateBandwidthRateLimit', () => client.send(new UpdateBandwidthRateLimitCommand({ GatewayARN: gatewayArn, AverageUploadRateLimitInBitsPerSec: up, AverageDownloadRateLimitInBitsPerSec: down })));
    }
    const remove = up === undefined && down === undefined ? 'ALL' : up === undefined ? 'UPLOAD' : down === undefined ? 'DOWNLOAD' : undefined;
    if (remove) await callAws(this.clients, 'DeleteBandwidthRateLimit', () => client.send(new DeleteBandwidthRateLimitCommand({ GatewayARN: gatewayArn, BandwidthType: remove })));
  }

  async bandwidthSchedule(gatewayArn: string): Promise<BandwidthInterval[]> {
    const { DescribeBandwidthRateLimitScheduleCommand } = await sdk();
    const client = await this.clients.storageGateway();
    const out = await callAws(this.clients, 'DescribeBandwidthRateLimitSchedule', () => client.send(new DescribeBandwidthRateLimitScheduleCommand({ GatewayARN: gatewayArn })));
    return (out.BandwidthRateLimitIntervals ?? []).map((i) => ({
      startHour: i.StartHourOfDay ?? 0,
      startMinute: i.StartMinuteOfHour ?? 0,
      endHour: i.EndHourOfDay ?? 0,
      endMinute: i.EndMinuteOfHour ?? 0,
      days: i.DaysOfWeek ?? [],
      uploadBitsPerSecond: i.AverageUploadRateLimitInBitsPerSec,
      downloadBitsPerSecond: i.AverageDownloadRateLimitInBitsPerSec,
    }));
  }

  async setBandwidthSchedule(gatewayArn: string, intervals: readonly BandwidthInterval[]): Promise<void> {
    const { UpdateBandwidthRateLimitScheduleCommand } = await sdk();
    const client = await this.clients.storageGateway();
    await callAws(this.clients, 'UpdateBandwidthRateLimitSchedule', () =>
      client.send(
        new UpdateBandwidthRateLimitScheduleCommand({
          GatewayARN: gatewayArn,
          BandwidthRateLimitIntervals: intervals.map((i) => ({
            StartHourOfDay: i.startHour,
            StartMinuteOfHour: i.startMinute,
            EndHourOfDay: i.endHour,
            EndMinuteOfHour: i.endMinute,
            DaysOfWeek: [...i.days],
            AverageUploadRateLimitInBitsPerSec: i.uploadBitsPerSecond,
            AverageDownloadRateLimitInBitsPerSec: i.downloadBitsPerSecond,
          })),
        }),
      ),
    );
  }

  async maintenanceWindow(gatewayArn: string): Promise<MaintenanceWindow> {
    const { DescribeMaintenanceStartTimeCommand } = await sdk();
    const client = await this.clients.storageGateway();
    const out = await callAws(this.clients, 'DescribeMaintenanceStartTime', () => client.send(new DescribeMaintenanceStartTimeCommand({ GatewayARN: gatewayArn })));
    return { hour: out.HourOfDay ?? 0, minute: out.MinuteOfHour ?? 0, dayOfWeek: out.DayOfWeek, dayOfMonth: out.DayOfMonth, timezone: out.Timezone };
  }

  async setMaintenanceWindow(gatewayArn: string, window: MaintenanceWindow): Promise<void> {
    const { UpdateMaintenanceStartTimeCommand } = await sdk();
    const client = await this.clients.storageGateway();
    await callAws(this.clients, 'UpdateMaintenanceStartTime', () =>
      client.send(new UpdateMaintenanceStartTimeCommand({ GatewayARN: gatewayArn, HourOfDay: window.hour, MinuteOfHour: window.minute, DayOfWeek: window.dayOfWeek, DayOfMonth: window.dayOfMonth })),
    );
  }

  async softwareStatus(gatewayArn: string): Promise<SoftwareStatus> {
    const { DescribeGatewayInformationCommand } = await sdk();
    const client = await this.clients.storageGateway();
    const out = await callAws(this.clients, 'DescribeGatewayInformation', () => client.send(new DescribeGatewayInformationCommand({ GatewayARN: gatewayArn })));
    return { lastSoftwareUpdate: out.LastSoftwareUpdate, nextUpdateAvailabilityDate: out.NextUpdateAvailabilityDate, softwareUpdatesEndDate: out.SoftwareUpdatesEndDate };
  }

  async updateSoftwareNow(gatewayArn: string): Promise<void> {
    const { UpdateGatewaySoftwareNowCommand } = await sdk();
    const client = await this.clients.storageGateway();
    await callAws(this.clients, 'UpdateGatewaySoftwareNow', () => client.send(new UpdateGatewaySoftwareNowCommand({ GatewayARN: gatewayArn })));
  }

  async updateNameAndTimezone(gatewayArn: string, name: string | undefined, timezone: string | undefined): Promise<void> {
    const { UpdateGatewayInformationCommand } = await sdk();
    const client = await this.clients.storageGateway();
    await callAws(this.clients, 'UpdateGatewayInformation', () => client.send(new UpdateGatewayInformationCommand({ GatewayARN: gatewayArn, GatewayName: name, GatewayTimezone: timezone })));
  }
}
