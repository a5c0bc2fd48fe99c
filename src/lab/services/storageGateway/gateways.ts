// Gateway lifecycle operations: ActivateGateway, ListGateways, DescribeGatewayInformation, Update/Shutdown/Start/Delete/DisableGateway.
import { randomBytes } from 'node:crypto';
import type { RequestContext } from '../../http/types';
import { gatewayArn as buildGatewayArn } from '../../../tape/arns';
import { MEDIUM_CHANGER_TYPES, TAPE_DRIVE_TYPES } from '../../../tape/devices';
import { invalidGatewayRequest, invalidParameters, notValidForGateway, SG_MESSAGES } from './errors';
import { paginateSorted } from './pagination';
import { connectedGateway, findGateway, mutate, read, recordsOf, tapesOfGateway, type SgContext } from './SgContext';
import { ACTIVATION_KEY_PATTERN } from '../../hosts/GatewayAppliance';
import { GATEWAY_ARN, LIMIT, MARKER, NAME_PATTERN, TAGS, TIMEZONE_RULE, type PageInput, type TagInput } from './shapes';
import { softwareUpdateFields } from './gatewaySettings';
import { checkTagKeys, sortedTags } from './tagRules';
import { optional, required, str, validateInput } from './validation';

export const GATEWAY_TYPES = ['STORED', 'CACHED', 'VTL', 'VTL_SNOW', 'FILE_S3', 'FILE_FSX_SMB'] as const;
/** Undocumented default when ActivateGateway omits MediumChangerType; the console preselects AWS-Gateway-VTL. */
export const DEFAULT_MEDIUM_CHANGER_TYPE = 'AWS-Gateway-VTL';
const TIMEZONE_PATTERN = /^GMT[+-][0-9]{1,2}:[0-9]{2}$|^GMT$/;

interface ActivateInput {
  ActivationKey: string;
  GatewayName: string;
  GatewayTimezone: string;
  GatewayRegion: string;
  GatewayType?: string;
  TapeDriveType?: string;
  MediumChangerType?: string;
  Tags?: TagInput[];
}

const ACTIVATE_SHAPE = {
  ActivationKey: required(str({ min: 1, max: 50 })),
  GatewayName: required(str({ min: 2, max: 255, pattern: NAME_PATTERN })),
  GatewayTimezone: required(TIMEZONE_RULE),
  GatewayRegion: required(str({ min: 1, max: 25 })),
  GatewayType: optional(str({ min: 2, max: 20 })),
  TapeDriveType: optional(str({ min: 2, max: 50 })),
  MediumChangerType: optional(str({ min: 2, max: 50 })),
  Tags: TAGS,
};

function checkTimezone(timezone: string): void {
  if (!TIMEZONE_PATTERN.test(timezone)) throw invalidParameters(`GatewayTimezone "${timezone}" is not valid; use GMT, or GMT+h:mm / GMT-h:mm such as GMT-8:00.`);
}

export function gatewayOperations(sg: SgContext) {
  async function ActivateGateway(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<ActivateInput>(ACTIVATE_SHAPE, raw);
    if (!ACTIVATION_KEY_PATTERN.test(input.ActivationKey)) throw invalidGatewayRequest('ActivationKeyInvalid', SG_MESSAGES.ActivationKeyInvalid);
    if (input.GatewayRegion !== ctx.region) {
      throw invalidGatewayRequest('RegionInvalid', `GatewayRegion "${input.GatewayRegion}" must be the Region the request is sent to (${ctx.region}).`);
    }
    const type = input.GatewayType ?? 'CACHED';
    if (!(GATEWAY_TYPES as readonly string[]).includes(type)) throw invalidParameters(`GatewayType must be one of ${GATEWAY_TYPES.join(', ')}; use VTL for a Tape Gateway.`);
    const tapeDriveType = input.TapeDriveType ?? TAPE_DRIVE_TYPES[0];
    if (!(TAPE_DRIVE_TYPES as readonly string[]).includes(tapeDriveType)) throw invalidParameters(`TapeDriveType must be ${TAPE_DRIVE_TYPES.join(' or ')}.`);
    const mediumChangerType = input.MediumChangerType ?? DEFAULT_MEDIUM_CHANGER_TYPE;
    if (!(MEDIUM_CHANGER_TYPES as readonly string[]).includes(mediumChangerType)) throw invalidParameters(`MediumChangerType must be one of ${MEDIUM_CHANGER_TYPES.join(', ')}.`);
    checkTimezone(input.GatewayTimezone);
    checkTagKeys(input.Tags);
    const found = sg.appliances.findKey(input.ActivationKey, ctx.accountId, ctx.region);
    if ('problem' in found) {
      throw found.problem === 'expired'
        ? invalidGatewayRequest('ActivationKeyExpired', SG_MESSAGES.ActivationKeyExpired)
        : invalidGatewayRequest('ActivationKeyNotFound', SG_MESSAGES.ActivationKeyNotFound);
    }
    const appliance = found.record;
    const arn = await mutate(sg, ctx, (state, now) => {
      // Checked again inside the synchronous change, so two concurrent activations cannot both spend one key.
      if (appliance.gatewayArn) throw invalidGatewayRequest('ActivationKeyNotFound', SG_MESSAGES.ActivationKeyNotFound);
      let gatewayId: string;
      do gatewayId = `sgw-${randomBytes(4).toString('hex').toUpperCase()}`;
      while (Object.values(state.gateways).some((g) => g.gatewayId === gatewayId));
      const gatewayArn = buildGatewayArn(ctx.region, ctx.accountId, gatewayId);
      state.gateways[gatewayArn] = {
        gatewayId,
        gatewayArn,
        name: input.GatewayName,
        timezone: input.GatewayTimezone,
        type,
        state: 'STATE_RUNNING',
        operationalState: 'ACTIVE',
        instanceId: appliance.instanceId,
        ipv4Address: appliance.privateIp,
        tapeDriveType,
        mediumChangerType,
        allocations: {},
        tags: (input.Tags ?? []).map(({ Key, Value }) => ({ Key, Value })),
        activatedAt: now,
      };
      appliance.gatewayArn = gatewayArn;
      return gatewayArn;
    });
    await sg.appliances.markActivated(appliance, arn);
    return { GatewayARN: arn };
  }

  async function ListGateways(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<PageInput>({ Marker: MARKER, Limit: LIMIT }, raw);
    return read(sg, ctx, (state) => {
      // Gateways are keyed by ARN in the account and region's own store, kept in ARN order: a page reads only its gateways.
      const page = paginateSorted(state.lookups.allGateways(), input.Marker, input.Limit);
      return {
        Gateways: recordsOf(state.gateways, page.items).map((g) => ({
          GatewayId: g.gatewayId,
          GatewayARN: g.gatewayArn,
          GatewayType: g.type,
          GatewayOperationalState: g.operationalState,
          GatewayName: g.name,
          Ec2InstanceId: g.instanceId,
          Ec2InstanceRegion: ctx.region,
          HostEnvironment: 'EC2',
        })),
        Marker: page.marker,
      };
    });
  }

  async function DescribeGatewayInformation(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<{ GatewayARN: string }>({ GatewayARN: GATEWAY_ARN }, raw);
    return read(sg, ctx, (state, now) => {
      const g = findGateway(state, input.GatewayARN);
      return {
        GatewayARN: g.gatewayArn,
        GatewayId: g.gatewayId,
        GatewayName: g.name,
        GatewayTimezone: g.timezone,
        GatewayState: g.state,
        GatewayNetworkInterfaces: [{ Ipv4Address: g.ipv4Address }],
        GatewayType: g.type,
        ...softwareUpdateFields(g, now),
        Ec2InstanceId: g.instanceId,
        Ec2InstanceRegion: ctx.region,
        Tags: sortedTags(g.tags).slice(0, 10),
        CloudWatchLogGroupARN: g.cloudWatchLogGroupArn,
        HostEnvironment: 'EC2',
        EndpointType: 'STANDARD',
        GatewayCapacity: g.gatewayCapacity,
      };
    });
  }

  async function UpdateGatewayInformation(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<{ GatewayARN: string; GatewayName?: string; GatewayTimezone?: string; CloudWatchLogGroupARN?: string; GatewayCapacity?: string }>(
      {
        GatewayARN: GATEWAY_ARN,
        GatewayName: optional(str({ min: 2, max: 255, pattern: NAME_PATTERN })),
        GatewayTimezone: optional(TIMEZONE_RULE),
        CloudWatchLogGroupARN: optional(str({ max: 562 })),
        GatewayCapacity: optional(str({ enum: ['Small', 'Medium', 'Large'] })),
      },
      raw,
    );
    if (input.GatewayTimezone !== undefined) checkTimezone(input.GatewayTimezone);
    return mutate(sg, ctx, (state) => {
      const g = connectedGateway(state, input.GatewayARN);
      if (input.GatewayName !== undefined) g.name = input.GatewayName;
      if (input.GatewayTimezone !== undefined) g.timezone = input.GatewayTimezone;
      if (input.CloudWatchLogGroupARN !== undefined) g.cloudWatchLogGroupArn = input.CloudWatchLogGroupARN;
      if (input.GatewayCapacity !== undefined) g.gatewayCapacity = input.GatewayCapacity;
      return { GatewayARN: g.gatewayArn, GatewayName: g.name };
    });
  }

  async function ShutdownGateway(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<{ GatewayARN: string }>({ GatewayARN: GATEWAY_ARN }, raw);
    return mutate(sg, ctx, (state) => {
      const g = connectedGateway(state, input.GatewayARN);
      g.state = 'STATE_SHUTDOWN';
      return { GatewayARN: g.gatewayArn };
    });
  }

  async function StartGateway(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<{ GatewayARN: string }>({ GatewayARN: GATEWAY_ARN }, raw);
    return mutate(sg, ctx, (state) => {
      const g = findGateway(state, input.GatewayARN);
      if (g.operationalState === 'DISABLED') throw invalidGatewayRequest('GatewayNotConnected', SG_MESSAGES.GatewayNotConnected);
      if (g.instanceStopped) throw invalidGatewayRequest('GatewayNotConnected', `${SG_MESSAGES.GatewayNotConnected} Its EC2 instance ${g.instanceId} is stopped; start the instance (aws ec2 start-instances) and the gateway comes back.`);
      g.state = 'STATE_RUNNING';
      return { GatewayARN: g.gatewayArn };
    });
  }

  async function DeleteGateway(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<{ GatewayARN: string }>({ GatewayARN: GATEWAY_ARN }, raw);
    const deletedBarcodes: string[] = [];
    const arn = await mutate(sg, ctx, (state) => {
      const g = findGateway(state, input.GatewayARN);
      // A shut-down gateway cannot be reached to delete it; a disabled one can always be deleted (user guide).
      if (g.state !== 'STATE_RUNNING' && g.operationalState !== 'DISABLED') {
        throw invalidGatewayRequest('GatewayNotConnected', `${SG_MESSAGES.GatewayNotConnected} Start it with StartGateway (or disable it with DisableGateway) before deleting it.`);
      }
      for (const tape of tapesOfGateway(state, g.gatewayArn)) {
        if (tape.archive) {
          delete tape.vtl;
          tape.archive.status = 'ARCHIVED';
          delete tape.archive.retrievedTo;
        } else {
          delete state.tapes[tape.barcode];
          deletedBarcodes.push(tape.barcode);
        }
      }
      delete state.gateways[g.gatewayArn];
      return g.gatewayArn;
    });
    await Promise.all(deletedBarcodes.map((barcode) => sg.onTapeDeleted(barcode)));
    await sg.appliances.release(arn);
    return { GatewayARN: arn };
  }

  async function DisableGateway(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<{ GatewayARN: string }>({ GatewayARN: GATEWAY_ARN }, raw);
    return mutate(sg, ctx, (state, now) => {
      const g = findGateway(state, input.GatewayARN);
      if (g.type !== 'VTL') throw notValidForGateway();
      if (g.operationalState !== 'DISABLED') {
        g.operationalState = 'DISABLED';
        g.disabledAt = now;
        for (const tape of tapesOfGateway(state, g.gatewayArn)) tape.recoveryPointTime = now;
      }
      return { GatewayARN: g.gatewayArn };
    });
  }

  return { ActivateGateway, ListGateways, DescribeGatewayInformation, UpdateGatewayInformation, ShutdownGateway, StartGateway, DeleteGateway, DisableGateway };
}
