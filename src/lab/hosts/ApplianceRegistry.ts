// The lab's gateway appliances: durable records, activation keys, their loopback activation pages and simulated addresses.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { LabRuntime } from '../LabRuntime';
import { DurableDocument } from '../state/DurableDocument';
import { startActivationPageServer, type ActivationPageServer } from './activationPageServer';
import type { SimulatedHttpResponse } from './ClientHost';
import { ACTIVATION_KEY_LIFETIME_MS, answerActivationPage, generateActivationKey, type ApplianceRecord } from './GatewayAppliance';

const GIB = 1024 ** 3;

export interface CreateApplianceOptions {
  /** Defaults to the lab's account and region. */
  readonly accountId?: string;
  readonly region?: string;
  /** Local disks; defaults to two 150 GiB EBS volumes (/dev/sdf, /dev/sdg). */
  readonly diskSizesInBytes?: readonly number[];
}

/** A simulated EC2 instance that runs the gateway AMI (volumes other than the root one become local disks). */
export interface AdoptedInstance {
  readonly instanceId: string;
  readonly accountId?: string;
  readonly region: string;
  readonly privateIp: string;
  readonly privateDnsName: string;
  /** Only clients in this VPC reach the appliance. */
  readonly vpcId?: string;
  readonly disks: readonly { readonly nvmeIndex: number; readonly deviceName: string; readonly sizeGiB: number }[];
}

export interface ApplianceInfo {
  readonly instanceId: string;
  readonly accountId: string;
  readonly region: string;
  readonly privateIp: string;
  readonly privateDnsName: string;
  /** http://127.0.0.1:<port>/ while the appliance awaits activation; undefined once activated (port 80 closes). */
  readonly activationUrl?: string;
  readonly gatewayArn?: string;
}

interface RegistryDocument {
  version: 1;
  nextHost: number;
  appliances: Record<string, ApplianceRecord>;
}

export type KeyProblem = 'notFound' | 'expired';

export class ApplianceRegistry {
  private readonly servers = new Map<string, ActivationPageServer>();

  private constructor(
    private readonly runtime: LabRuntime,
    private readonly document: DurableDocument<RegistryDocument>,
  ) {}

  static async open(runtime: LabRuntime): Promise<ApplianceRegistry> {
    const document = await DurableDocument.open<RegistryDocument>(
      join(runtime.config.stateDir, 'appliances.json'),
      () => ({ version: 1, nextHost: 10, appliances: {} }),
      (raw): raw is RegistryDocument => typeof raw === 'object' && raw !== null && (raw as RegistryDocument).version === 1 && typeof (raw as RegistryDocument).appliances === 'object',
    );
    const registry = new ApplianceRegistry(runtime, document);
    for (const record of Object.values(document.value.appliances)) if (!record.gatewayArn && record.stoppedAt === undefined) await registry.openPort80(record);
    return registry;
  }

  async create(options: CreateApplianceOptions = {}): Promise<ApplianceInfo> {
    const state = this.document.value;
    const region = options.region ?? this.runtime.config.region;
    const host = state.nextHost;
    state.nextHost += 1;
    const privateIp = `10.0.${2 + Math.floor(host / 250)}.${(host % 250) + 4}`;
    const dnsSuffix = region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`;
    const sizes = options.diskSizesInBytes ?? [150 * GIB, 150 * GIB];
    const record: ApplianceRecord = {
      instanceId: `i-0${randomBytes(8).toString('hex')}`,
      accountId: options.accountId ?? this.runtime.config.accountId,
      region,
      privateIp,
      privateDnsName: `ip-${privateIp.replace(/\./g, '-')}.${dnsSuffix}`,
      // A Nitro instance shows EBS volumes as NVMe devices; DiskNode keeps the EBS device name they were attached as.
      disks: sizes.map((sizeInBytes, i) => ({ diskId: `/dev/nvme${i + 1}n1`, diskPath: `/dev/nvme${i + 1}n1`, diskNode: `/dev/sd${String.fromCharCode(102 + i)}`, sizeInBytes })),
      activationKeys: {},
    };
    state.appliances[record.instanceId] = record;
    await this.document.save();
    await this.openPort80(record);
    return this.info(record);
  }

  /**
   * Makes a simulated EC2 instance of the VTL AMI a gateway appliance (CloudFormation's instances).
   * Idempotent per instance id: the lab calls it again after a restart.
   */
  async adoptInstance(instance: AdoptedInstance): Promise<ApplianceInfo> {
    const existing = this.document.value.appliances[instance.instanceId];
    if (existing) {
      if (existing.vpcId === undefined && instance.vpcId !== undefined) {
        // Recorded before appliances knew their VPC.
        existing.vpcId = instance.vpcId;
        await this.document.save();
      }
      if (!existing.gatewayArn && existing.stoppedAt === undefined) await this.openPort80(existing);
      return this.info(existing);
    }
    const record: ApplianceRecord = {
      instanceId: instance.instanceId,
      accountId: instance.accountId ?? this.runtime.config.accountId,
      region: instance.region,
      privateIp: instance.privateIp,
      privateDnsName: instance.privateDnsName,
      ...(instance.vpcId === undefined ? {} : { vpcId: instance.vpcId }),
      disks: instance.disks.map((disk) => ({ diskId: `/dev/nvme${disk.nvmeIndex}n1`, diskPath: `/dev/nvme${disk.nvmeIndex}n1`, diskNode: disk.deviceName, sizeInBytes: disk.sizeGiB * GIB })),
      activationKeys: {},
    };
    this.document.value.appliances[record.instanceId] = record;
    await this.document.save();
    await this.openPort80(record);
    return this.info(record);
  }

  /** The instance was terminated: an appliance never activated disappears; an activated gateway stays registered, as on AWS. */
  async retireInstance(instanceId: string): Promise<void> {
    const record = this.document.value.appliances[instanceId];
    if (!record) return;
    if (record.gatewayArn) {
      record.terminatedAt = this.runtime.now().getTime();
      await this.document.save();
      return;
    }
    delete this.document.value.appliances[instanceId];
    await this.document.save();
    await this.servers.get(instanceId)?.close();
    this.servers.delete(instanceId);
  }

  /**
   * An EBS volume attached to the appliance's instance becomes a local disk: DiskPath and DiskId the NVMe name a Nitro guest
   * gives it, DiskNode the device name it was attached as. Attaching the same device again changes nothing.
   */
  async attachDisk(instanceId: string, disk: { readonly nvmeIndex: number; readonly deviceName: string; readonly sizeGiB: number }): Promise<void> {
    const record = this.document.value.appliances[instanceId];
    if (!record || record.disks.some((d) => d.diskNode === disk.deviceName)) return;
    const path = `/dev/nvme${disk.nvmeIndex}n1`;
    record.disks.push({ diskId: path, diskPath: path, diskNode: disk.deviceName, sizeInBytes: disk.sizeGiB * GIB });
    await this.document.save();
  }

  async detachDisk(instanceId: string, deviceName: string): Promise<void> {
    const record = this.document.value.appliances[instanceId];
    if (!record || !record.disks.some((d) => d.diskNode === deviceName)) return;
    record.disks = record.disks.filter((d) => d.diskNode !== deviceName);
    await this.document.save();
  }

  /** Its instance stopped or started: a stopped appliance answers nothing (activation page, iSCSI) until it runs again. */
  async setInstanceStopped(instanceId: string, stopped: boolean): Promise<void> {
    const record = this.document.value.appliances[instanceId];
    if (!record || (record.stoppedAt !== undefined) === stopped) return;
    if (stopped) record.stoppedAt = this.runtime.now().getTime();
    else delete record.stoppedAt;
    await this.document.save();
    if (stopped) {
      await this.servers.get(instanceId)?.close();
      this.servers.delete(instanceId);
    } else if (!record.gatewayArn) await this.openPort80(record);
  }

  list(): ApplianceInfo[] {
    return Object.values(this.document.value.appliances).map((record) => this.info(record));
  }

  byInstanceId(instanceId: string): ApplianceRecord | undefined {
    return this.document.value.appliances[instanceId];
  }

  /**
   * The running appliance at a simulated private IP or DNS name (case-insensitive, as DNS is), as seen from a client in
   * `fromVpcId` (undefined: from anywhere). A terminated instance's address answers nothing; a redeployed stack's new
   * gateway instance may have the same address in its new VPC, and another VPC's appliance is out of reach.
   */
  byAddress(address: string, fromVpcId?: string): ApplianceRecord | undefined {
    const wanted = address.toLowerCase();
    return Object.values(this.document.value.appliances).find(
      (a) =>
        a.terminatedAt === undefined &&
        a.stoppedAt === undefined &&
        (a.vpcId === undefined || fromVpcId === undefined || a.vpcId === fromVpcId) &&
        (a.privateIp === wanted || a.privateDnsName.toLowerCase() === wanted),
    );
  }

  /** The activation page as the appliance answers it, or undefined once activated (port 80 is closed then). */
  async activationPage(record: ApplianceRecord, url: URL): Promise<SimulatedHttpResponse | undefined> {
    if (record.gatewayArn) return undefined;
    let issued: string | undefined;
    const page = answerActivationPage(url, (activationRegion) => {
      issued = generateActivationKey();
      record.activationKeys[issued] = { issuedAt: this.runtime.now().getTime(), activationRegion };
      return issued;
    });
    if (issued) await this.document.save();
    return page;
  }

  /** Finds the appliance that issued `key` for this account and region; checks the 30-minute lifetime. */
  findKey(key: string, accountId: string, region: string): { record: ApplianceRecord } | { problem: KeyProblem } {
    for (const record of Object.values(this.document.value.appliances)) {
      const issued = record.activationKeys[key];
      if (!issued || record.gatewayArn || record.accountId !== accountId || issued.activationRegion !== region) continue;
      if (this.runtime.now().getTime() - issued.issuedAt > ACTIVATION_KEY_LIFETIME_MS) return { problem: 'expired' };
      return { record };
    }
    return { problem: 'notFound' };
  }

  /** ActivateGateway succeeded: every key of the appliance is spent and port 80 closes. */
  async markActivated(record: ApplianceRecord, gatewayArn: string): Promise<void> {
    record.gatewayArn = gatewayArn;
    record.activationKeys = {};
    await this.document.save();
    await this.servers.get(record.instanceId)?.close();
    this.servers.delete(record.instanceId);
  }

  /** DeleteGateway: a running appliance may be activated again, as a fresh gateway VM would be; a terminated one is forgotten. */
  async release(gatewayArn: string): Promise<void> {
    const record = Object.values(this.document.value.appliances).find((a) => a.gatewayArn === gatewayArn);
    if (!record) return;
    if (record.terminatedAt !== undefined) {
      // Its instance is gone: nothing is left to activate again.
      delete this.document.value.appliances[record.instanceId];
      await this.document.save();
      return;
    }
    delete record.gatewayArn;
    await this.document.save();
    await this.openPort80(record);
  }

  async close(): Promise<void> {
    await Promise.all([...this.servers.values()].map((server) => server.close()));
    this.servers.clear();
    await this.document.close();
  }

  private async openPort80(record: ApplianceRecord): Promise<void> {
    if (this.servers.has(record.instanceId)) return;
    this.servers.set(record.instanceId, await startActivationPageServer((url) => this.activationPage(record, url), this.runtime.config.allowedHosts));
  }

  private info(record: ApplianceRecord): ApplianceInfo {
    return {
      instanceId: record.instanceId,
      accountId: record.accountId,
      region: record.region,
      privateIp: record.privateIp,
      privateDnsName: record.privateDnsName,
      activationUrl: this.servers.get(record.instanceId)?.url,
      gatewayArn: record.gatewayArn,
    };
  }
}
