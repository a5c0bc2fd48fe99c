// VTL device operations: DescribeVTLDevices (1 medium changer + 10 tape drives) and UpdateVTLDeviceType.
import type { RequestContext } from '../../http/types';
import { mediumChangerDeviceArn, mediumChangerTargetName, tapeDriveDeviceArn, tapeDriveTargetName, targetArn } from '../../../tape/arns';
import { DEVICE_IDENTITIES, ISCSI_PORT, MEDIUM_CHANGER_TYPES, TAPE_DRIVE_TYPES } from '../../../tape/devices';
import { TAPE_GATEWAY_LIMITS } from '../../../tape/limits';
import { invalidParameters } from './errors';
import type { GatewayRecord } from './model';
import { byKey, paginate } from './pagination';
import { connectedTapeGateway, mutate, read, type SgContext } from './SgContext';
import { arnRule, GATEWAY_ARN, LIMIT, MARKER, type PageInput } from './shapes';
import { list, optional, required, str, validateInput } from './validation';

interface DeviceEntry {
  arn: string;
  kind: 'changer' | 'drive';
  targetName: string;
  deviceType: string;
}

export function devicesOf(gateway: GatewayRecord): DeviceEntry[] {
  const { gatewayArn, gatewayId } = gateway;
  const devices: DeviceEntry[] = [{ arn: mediumChangerDeviceArn(gatewayArn, gatewayId), kind: 'changer', targetName: mediumChangerTargetName(gatewayId), deviceType: gateway.mediumChangerType }];
  for (let drive = 1; drive <= TAPE_GATEWAY_LIMITS.tapeDrives; drive += 1) {
    devices.push({ arn: tapeDriveDeviceArn(gatewayArn, gatewayId, drive), kind: 'drive', targetName: tapeDriveTargetName(gatewayId, drive), deviceType: gateway.tapeDriveType });
  }
  return devices.sort(byKey((d: DeviceEntry) => d.arn));
}

function toVtlDevice(gateway: GatewayRecord, device: DeviceEntry) {
  const identity = DEVICE_IDENTITIES[device.deviceType];
  return {
    VTLDeviceARN: device.arn,
    VTLDeviceType: device.kind === 'changer' ? 'Medium Changer' : 'Tape Drive',
    VTLDeviceVendor: identity?.vendor,
    VTLDeviceProductIdentifier: identity?.product,
    DeviceiSCSIAttributes: {
      TargetARN: targetArn(gateway.gatewayArn, device.targetName),
      NetworkInterfaceId: gateway.ipv4Address,
      NetworkInterfacePort: ISCSI_PORT,
      ChapEnabled: false,
    },
  };
}

export function deviceOperations(sg: SgContext) {
  async function DescribeVTLDevices(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<PageInput & { GatewayARN: string; VTLDeviceARNs?: string[] }>(
      { GatewayARN: GATEWAY_ARN, VTLDeviceARNs: optional(list(arnRule)), Marker: MARKER, Limit: LIMIT },
      raw,
    );
    return read(sg, ctx, (state) => {
      const gateway = connectedTapeGateway(state, input.GatewayARN);
      const wanted = input.VTLDeviceARNs && input.VTLDeviceARNs.length > 0 ? new Set(input.VTLDeviceARNs) : undefined;
      for (const arn of wanted ?? []) {
        if (!arn.startsWith(`${gateway.gatewayArn}/device/`)) throw invalidParameters(`VTL device ${arn} does not belong to gateway ${gateway.gatewayArn}; all VTLDeviceARNs must be from the same gateway.`);
      }
      const devices = devicesOf(gateway).filter((d) => !wanted || wanted.has(d.arn));
      const page = paginate(devices, (d) => d.arn, input.Marker, input.Limit);
      return { GatewayARN: gateway.gatewayArn, VTLDevices: page.items.map((d) => toVtlDevice(gateway, d)), Marker: page.marker };
    });
  }

  async function UpdateVTLDeviceType(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<{ VTLDeviceARN: string; DeviceType: string }>({ VTLDeviceARN: required(arnRule), DeviceType: required(str({ min: 2, max: 50 })) }, raw);
    const gatewayArn = input.VTLDeviceARN.split('/device/')[0] ?? '';
    return mutate(sg, ctx, (state) => {
      const gateway = connectedTapeGateway(state, gatewayArn);
      const device = devicesOf(gateway).find((d) => d.arn === input.VTLDeviceARN);
      if (!device) throw invalidParameters(`VTL device ${input.VTLDeviceARN} does not exist; list devices with DescribeVTLDevices.`);
      const allowed: readonly string[] = device.kind === 'changer' ? MEDIUM_CHANGER_TYPES : TAPE_DRIVE_TYPES;
      if (!allowed.includes(input.DeviceType)) throw invalidParameters(`DeviceType for this ${device.kind === 'changer' ? 'medium changer' : 'tape drive'} must be one of ${allowed.join(', ')}.`);
      if (device.kind === 'changer') gateway.mediumChangerType = input.DeviceType;
      return { VTLDeviceARN: device.arn };
    });
  }

  return { DescribeVTLDevices, UpdateVTLDeviceType };
}
