// Maintenance and software operations: Update/DescribeMaintenanceStartTime and UpdateGatewaySoftwareNow.
import type { RequestContext } from '../../http/types';
import { invalidParameters } from './errors';
import { defaultSettings, settingsOf, SOFTWARE_RELEASE_INTERVAL_MS } from './gatewaySettings';
import { connectedGateway, mutate, read, type SgContext } from './SgContext';
import { GATEWAY_ARN } from './shapes';
import { integer, optional, required, validateInput } from './validation';

interface MaintenanceInput {
  GatewayARN: string;
  HourOfDay: number;
  MinuteOfHour: number;
  DayOfWeek?: number;
  DayOfMonth?: number;
}

export function maintenanceOperations(sg: SgContext) {
  async function UpdateMaintenanceStartTime(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<MaintenanceInput>(
      {
        GatewayARN: GATEWAY_ARN,
        HourOfDay: required(integer({ min: 0, max: 23 })),
        MinuteOfHour: required(integer({ min: 0, max: 59 })),
        DayOfWeek: optional(integer({ min: 0, max: 6 })),
        DayOfMonth: optional(integer({ min: 1, max: 28 })),
      },
      raw,
    );
    if ((input.DayOfWeek === undefined) === (input.DayOfMonth === undefined)) {
      throw invalidParameters('Give either DayOfWeek (0-6, a weekly window) or DayOfMonth (1-28, a monthly window), not both and not neither.');
    }
    return mutate(sg, ctx, (state) => {
      const gateway = connectedGateway(state, input.GatewayARN);
      settingsOf(gateway).maintenance = { hourOfDay: input.HourOfDay, minuteOfHour: input.MinuteOfHour, dayOfWeek: input.DayOfWeek, dayOfMonth: input.DayOfMonth };
      return { GatewayARN: gateway.gatewayArn };
    });
  }

  async function DescribeMaintenanceStartTime(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<{ GatewayARN: string }>({ GatewayARN: GATEWAY_ARN }, raw);
    return read(sg, ctx, (state) => {
      const gateway = connectedGateway(state, input.GatewayARN);
      // The default window follows from the gateway id, so it reads the same before anything is stored.
      const { maintenance } = gateway.settings ?? defaultSettings(gateway.gatewayId, gateway.activatedAt);
      return {
        GatewayARN: gateway.gatewayArn,
        HourOfDay: maintenance.hourOfDay,
        MinuteOfHour: maintenance.minuteOfHour,
        DayOfWeek: maintenance.dayOfWeek,
        DayOfMonth: maintenance.dayOfMonth,
        Timezone: gateway.timezone,
      };
    });
  }

  /** Installs the newest software at once; the next release appears SOFTWARE_RELEASE_INTERVAL_MS later on the lab clock. */
  async function UpdateGatewaySoftwareNow(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<{ GatewayARN: string }>({ GatewayARN: GATEWAY_ARN }, raw);
    return mutate(sg, ctx, (state, now) => {
      const gateway = connectedGateway(state, input.GatewayARN);
      const settings = settingsOf(gateway);
      if (settings.nextUpdateAvailable !== undefined && settings.nextUpdateAvailable <= now) {
        settings.lastSoftwareUpdate = now;
        settings.nextUpdateAvailable = now + SOFTWARE_RELEASE_INTERVAL_MS;
      }
      return { GatewayARN: gateway.gatewayArn };
    });
  }

  return { UpdateMaintenanceStartTime, DescribeMaintenanceStartTime, UpdateGatewaySoftwareNow };
}
