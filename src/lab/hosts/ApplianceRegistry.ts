// The lab's gateway appliances: durable records, activation keys, their loopback activation pages and simulated addresses.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { LabRuntime } from '../LabRuntime';
import type { JournalOp } from '../state/journalFormat';
import { isVersionOneDocument, readLegacyDocument } from '../state/legacyDocument';
import { StateStore } from '../state/StateStore';
import type { Table } from '../state/Table';
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

interface LegacyRegistryDocument {
  version: 1;
  nextHost: number;
  appliances: Record<string, ApplianceRecord>;
}

/** The first host number handed out: addresses start at 10.0.2.14. */
const FIRST_HOST = 10;

/** The whole-document appliances.json of older labs, imported the first time. */
async function legacyAppliances(path: string): Promise<JournalOp[] | undefined> {
  const document = await readLegacyDocument<LegacyRegistryDocument>(path, isVersionOneDocument('appliances'));
  if (!document) return undefined;
  const ops: JournalOp[] = Object.entries(document.appliances).map(([instanceId, record]): JournalOp => ['appliances', instanceId, record]);
  ops.push(['counters', 'nextHost', typeof document.nextHost === 'number' ? document.nextHost : FIRST_HOST]);
  return ops;
}

export type KeyProblem = 'notFound' | 'expired';

export class ApplianceRegistry {
  private readonly servers = new Map<string, ActivationPageServer>();

  private constructor(
    private readonly runtime: LabRuntime,
    private readonly store: StateStore,
    private readonly appliances: Table<ApplianceRecord>,
    private readonly counters: Table<number>,
  ) {}

  /** Opens <stateDir>/appliances.journal, importing the whole-document appliances.json of older labs the first time. */
  static async open(runtime: LabRuntime): Promise<ApplianceRegistry> {
    const legacy = join(runtime.config.stateDir, 'appliances.json');
    const store = new StateStore(join(runtime.config.stateDir, 'appliances.journal'), { log: runtime.log, importWhenMissing: () => legacyAppliances(legacy) });
    const appliances = store.table<ApplianceRecord>('appliances', {
      indexes: {
        gatewayArn: (record) => record.gatewayArn,
        ip: (record) => record.privateIp,
        dnsName: (record) => record.privateDnsName.toLowerCase(),
      },
    });
    const counters = store.table<number>('counters');
    await store.open();
    // The journal now holds what the older file held.
    await rm(legacy, { force: true });
    const registry = new ApplianceRegistry(runtime, store, appliances, counters);
    for (const record of appliances.values()) if (!record.gatewayArn && record.stoppedAt === undefined) await registry.openPort80(record);
    return registry;
  }

  async create(options: CreateApplianceOptions = {}): Promise<ApplianceInfo> {
    const region = options.region ?? this.runtime.config.region;
    const host = this.counters.get('nextHost') ?? FIRST_HOST;
    this.counters.put('nextHost', host + 1);
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
    this.appliances.put(record.instanceId, record);
    await this.store.durable();
    await this.openPort80(record);
    return this.info(record);
  }

  /**
   * Makes a simulated EC2 instance of the VTL AMI a gateway appliance (CloudFormation's instances).
   * Idempotent per instance id: the lab calls it again after a restart.
   */
  async adoptInstance(instance: AdoptedInstance): Promise<ApplianceInfo> {
    const existing = this.appliances.get(instance.instanceId);
    if (existing) {
      if (existing.vpcId === undefined && instance.vpcId !== undefined) {
        // Recorded before appliances knew their VPC.
        existing.vpcId = instance.vpcId;
        await this.saved(existing);
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
    this.appliances.put(record.instanceId, record);
    await this.store.durable();
    await this.openPort80(record);
    return this.info(record);
  }

  /** The instance was terminated: an appliance never activated disappears; an activated gateway stays registered, as on AWS. */
  async retireInstance(instanceId: string): Promise<void> {
    const record = this.appliances.get(instanceId);
    if (!record) return;
    if (record.gatewayArn) {
      record.terminatedAt = this.runtime.now().getTime();
      await this.saved(record);
      return;
    }
    this.appliances.delete(instanceId);
    await this.store.durable();
    await this.servers.get(instanceId)?.close();
    this.servers.delete(instanceId);
  }

  /**
   * An EBS volume attached to the appliance's instance becomes a local disk: DiskPath and DiskId the NVMe name a Nitro guest
   * gives it, DiskNode the device name it was attached as. Attaching the same device again changes nothing.
   */
  async attachDisk(instanceId: string, disk: { readonly nvmeIndex: number; readonly deviceName: string; readonly sizeGiB: number }): Promise<void> {
    const record = this.appliances.get(instanceId);
    if (!record || record.disks.some((d) => d.diskNode === disk.deviceName)) return;
    const path = `/dev/nvme${disk.nvmeIndex}n1`;
    record.disks.push({ diskId: path, diskPath: path, diskNode: disk.deviceName, sizeInBytes: disk.sizeGiB * GIB });
    await this.saved(record);
  }

  async detachDisk(instanceId: string, deviceName: string): Promise<void> {
    const record = this.appliances.get(instanceId);
    if (!record || !record.disks.some((d) => d.diskNode === deviceName)) return;
    record.disks = record.disks.filter((d) => d.diskNode !== deviceName);
    await this.saved(record);
  }

  /** Its instance stopped or started: a stopped appliance answers nothing (activation page, iSCSI) until it runs again. */
  async setInstanceStopped(instanceId: string, stopped: boolean): Promise<void> {
    const record = this.appliances.get(instanceId);
    if (!record || (record.stoppedAt !== undefined) === stopped) return;
    if (stopped) record.stoppedAt = this.runtime.now().getTime();
    else delete record.stoppedAt;
    await this.saved(record);
    if (stopped) {
      await this.servers.get(instanceId)?.close();
      this.servers.delete(instanceId);
    } else if (!record.gatewayArn) await this.openPort80(record);
  }

  list(): ApplianceInfo[] {
    return [...this.appliances.values()].map((record) => this.info(record));
  }

  byInstanceId(instanceId: string): ApplianceRecord | undefined {
    return this.appliances.get(instanceId);
  }

  /**
   * The running appliance at a simulated private IP or DNS name (case-insensitive, as DNS is), as seen from a client in
   * `fromVpcId` (undefined: from anywhere). A terminated instance's address answers nothing; a redeployed stack's new
   * gateway instance may have the same address in its new VPC, and another VPC's appliance is out of reach.
   */
  byAddress(address: string, fromVpcId?: string): ApplianceRecord | undefined {
    const wanted = address.toLowerCase();
    for (const instanceId of [...this.appliances.lookup('ip', wanted), ...this.appliances.lookup('dnsName', wanted)]) {
      const a = this.appliances.get(instanceId);
      if (a && a.terminatedAt === undefined && a.stoppedAt === undefined && (a.vpcId === undefined || fromVpcId === undefined || a.vpcId === fromVpcId)) return a;
    }
    return undefined;
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
    if (issued) await this.saved(record);
    return page;
  }

  /** Finds the appliance that issued `key` for this account and region; checks the 30-minute lifetime. */
  findKey(key: string, accountId: string, region: string): { record: ApplianceRecord } | { problem: KeyProblem } {
    for (const record of this.appliances.values()) {
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
    await this.saved(record);
    await this.servers.get(record.instanceId)?.close();
    this.servers.delete(record.instanceId);
  }

  /** DeleteGateway: a running appliance may be activated again, as a fresh gateway VM would be; a terminated one is forgotten. */
  async release(gatewayArn: string): Promise<void> {
    const [instanceId] = this.appliances.lookup('gatewayArn', gatewayArn);
    const record = instanceId === undefined ? undefined : this.appliances.get(instanceId);
    if (!record) return;
    if (record.terminatedAt !== undefined) {
      // Its instance is gone: nothing is left to activate again.
      this.appliances.delete(record.instanceId);
      await this.store.durable();
      return;
    }
    delete record.gatewayArn;
    await this.saved(record);
    await this.openPort80(record);
  }

  async close(): Promise<void> {
    await Promise.all([...this.servers.values()].map((server) => server.close()));
    this.servers.clear();
    await this.store.close();
  }

  /** A record changed in place: re-index and journal it; resolves once it is on disk. */
  private saved(record: ApplianceRecord): Promise<void> {
    this.appliances.touch(record.instanceId);
    return this.store.durable();
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
