// The lab's EC2 instances: boots them (user data, SSM registration), stops and starts them, and calls the gateway/client-host hooks.
import { AwsError } from '../../http/AwsError';
import type { ClientHost } from '../../hosts/ClientHost';
import type { LabRuntime } from '../../LabRuntime';
import { ATTACH_DEVICE_PATTERN, EbsVolumes, type VolumeRecord } from './EbsVolumes';
import type { InstancePowerStore, PowerRecord } from './InstancePowerStore';
import type { InstanceHooks, SimulatedInstance } from './SimulatedInstance';
import { simulateUserData } from './userDataBootstrap';

/** Time from "running" until the SSM agent has run user data and registered (simulated, scaled by --time-scale). */
export const CLIENT_BOOT_MS = 60_000;
/** How long an instance shows "stopping" / "pending" after StopInstances / StartInstances (simulated, scaled). */
export const POWER_TRANSITION_MS = 20_000;
/** EC2 keeps listing a terminated instance for about an hour (lab clock; not kept across a lab restart). */
export const TERMINATED_VISIBLE_MS = 60 * 60 * 1000;

/** An instance whose SSM agent has registered: Online in DescribeInstanceInformation. */
export interface ManagedNode {
  readonly instance: SimulatedInstance;
  readonly host: ClientHost;
  readonly registeredAt: Date;
  readonly installedPackages: readonly string[];
}

/** What DescribeInstances shows: EC2's state name and code (pending 0, running 16, terminated 48, stopping 64, stopped 80). */
export interface InstanceStateView {
  readonly name: 'pending' | 'running' | 'stopping' | 'stopped' | 'terminated';
  readonly code: number;
  readonly reason: string;
}

export class InstanceRegistry {
  private readonly instances = new Map<string, SimulatedInstance>();
  private readonly nodes = new Map<string, ManagedNode>();
  private readonly boots = new Map<string, Promise<void>>();
  private readonly terminated = new Map<string, { readonly instance: SimulatedInstance; readonly at: number }>();
  readonly volumes = new EbsVolumes();

  constructor(
    private readonly runtime: LabRuntime,
    private readonly hooks: InstanceHooks,
    private readonly power?: InstancePowerStore,
  ) {}

  /** A new instance reached "running" (or was restored after a lab restart): start what it runs. */
  async launch(instance: SimulatedInstance): Promise<void> {
    this.instances.set(instance.instanceId, instance);
    if (instance.image.gatewayKind === 'VTL') await this.hooks.onGatewayInstance?.(instance);
    if (this.power?.get(instance.instanceId)?.state === 'stopped') {
      await this.hooks.onInstanceStopped?.(instance);
      return;
    }
    this.startBoot(instance);
  }

  async terminate(instanceId: string): Promise<void> {
    const instance = this.instances.get(instanceId);
    this.instances.delete(instanceId);
    this.nodes.delete(instanceId);
    this.boots.delete(instanceId);
    for (const volume of this.volumes.attachmentsOf(instanceId)) this.volumes.detach(volume.volumeId);
    await this.power?.forget(instanceId);
    if (instance) {
      this.terminated.set(instanceId, { instance, at: this.runtime.now().getTime() });
      await this.hooks.onInstanceTerminated?.(instance);
    }
  }

  get(instanceId: string): SimulatedInstance | undefined {
    return this.instances.get(instanceId);
  }

  all(): SimulatedInstance[] {
    return [...this.instances.values()];
  }

  /** Instances terminated within the last hour: DescribeInstances still lists them, as "terminated". */
  recentlyTerminated(): SimulatedInstance[] {
    const now = this.runtime.now().getTime();
    for (const [id, entry] of this.terminated) if (now - entry.at > TERMINATED_VISIBLE_MS || this.instances.has(id)) this.terminated.delete(id);
    return [...this.terminated.values()].map((entry) => entry.instance);
  }

  managedNode(instanceId: string): ManagedNode | undefined {
    return this.nodes.get(instanceId);
  }

  managedNodes(): ManagedNode[] {
    return [...this.nodes.values()];
  }

  /** Resolves once the instance's boot (if any) has finished; for tests and orderly shutdown. */
  async settled(instanceId: string): Promise<void> {
    await this.boots.get(instanceId);
  }

  /** The instance's state on the lab clock: a transition shows for POWER_TRANSITION_MS (scaled) after it was asked for. */
  stateOf(instanceId: string): InstanceStateView {
    if (!this.instances.has(instanceId) && this.terminated.has(instanceId)) return { name: 'terminated', code: 48, reason: 'User initiated' };
    const record = this.power?.get(instanceId);
    if (!record) return { name: 'running', code: 16, reason: '' };
    const settled = this.runtime.now().getTime() - record.changedAt >= POWER_TRANSITION_MS * this.runtime.config.timeScale;
    if (record.state === 'stopped') return settled ? { name: 'stopped', code: 80, reason: record.reason ?? '' } : { name: 'stopping', code: 64, reason: record.reason ?? '' };
    return settled ? { name: 'running', code: 16, reason: '' } : { name: 'pending', code: 0, reason: '' };
  }

  /** StopInstances for one instance: its SSM agent goes offline and a gateway appliance stops answering at once. */
  async stop(instanceId: string): Promise<void> {
    const instance = this.instances.get(instanceId);
    if (!instance || this.power?.get(instanceId)?.state === 'stopped') return;
    const now = this.runtime.now();
    const record: PowerRecord = { state: 'stopped', changedAt: now.getTime(), reason: `User initiated (${now.toISOString().replace(/\.\d{3}Z$/, '').replace('T', ' ')} GMT)` };
    await this.power?.set(instanceId, record);
    this.nodes.delete(instanceId);
    this.boots.delete(instanceId);
    await this.hooks.onInstanceStopped?.(instance);
  }

  /** StartInstances for one instance: it boots again (the SSM agent registers after the boot time; user data runs only on first boot). */
  async start(instanceId: string): Promise<void> {
    const instance = this.instances.get(instanceId);
    if (!instance || this.power?.get(instanceId)?.state !== 'stopped') return;
    await this.power?.set(instanceId, { state: 'running', changedAt: this.runtime.now().getTime() });
    await this.hooks.onInstanceStarted?.(instance);
    this.startBoot(instance);
  }

  /** RebootInstances: the guest restarts (the gateway software and the SSM agent come back after the boot time); the state stays running. */
  async reboot(instanceId: string): Promise<void> {
    const instance = this.instances.get(instanceId);
    if (!instance || this.power?.get(instanceId)?.state === 'stopped') return;
    this.nodes.delete(instanceId);
    this.boots.delete(instanceId);
    await this.hooks.onInstanceStopped?.(instance);
    await this.hooks.onInstanceStarted?.(instance);
    this.startBoot(instance);
  }

  /** AttachVolume's checks and effect: the volume joins the instance's NVMe bus after the devices it already has. */
  async attachVolume(volumeId: string, instanceId: string, device: string): Promise<VolumeRecord> {
    const volume = this.volumes.get(volumeId);
    if (!volume) throw new AwsError('InvalidVolume.NotFound', `The volume '${volumeId}' does not exist.`);
    const instance = this.instances.get(instanceId);
    if (!instance) throw new AwsError('InvalidInstanceID.NotFound', `The instance ID '${instanceId}' does not exist`);
    if (volume.attachment && volume.attachment.instanceId !== instanceId) throw new AwsError('VolumeInUse', `${volumeId} is already attached to an instance`);
    if (volume.availabilityZone !== instance.availabilityZone) {
      throw new AwsError('InvalidVolume.ZoneMismatch', `The volume '${volumeId}' is not in the same availability zone as instance '${instanceId}'`);
    }
    if (!ATTACH_DEVICE_PATTERN.test(device)) throw new AwsError('InvalidParameterValue', `Value (${device}) for parameter device is invalid. ${device} is not a valid EBS device name.`);
    const taken = [...instance.volumes.map((v) => ({ device: v.deviceName, index: v.nvmeIndex })), ...this.volumes.attachmentsOf(instanceId).filter((v) => v.volumeId !== volumeId).map((v) => ({ device: v.attachment?.device ?? '', index: v.attachment?.nvmeIndex ?? 0 }))];
    if (taken.some((t) => t.device === device)) throw new AwsError('InvalidParameterValue', `Invalid value '${device}' for unixDevice. Attachment point ${device} is already in use`);
    const index = Math.max(0, ...taken.map((t) => t.index)) + 1;
    volume.attachment = { instanceId, device, nvmeIndex: index, attachTime: this.runtime.now().toISOString() };
    await this.hooks.onVolumeAttached?.(instance, { nvmeIndex: index, deviceName: device, sizeGiB: volume.sizeGiB });
    return volume;
  }

  async detachVolume(volumeId: string): Promise<void> {
    const volume = this.volumes.get(volumeId);
    const attachment = volume?.attachment;
    if (!volume || !attachment) return;
    this.volumes.detach(volumeId);
    const instance = this.instances.get(attachment.instanceId);
    if (instance) await this.hooks.onVolumeDetached?.(instance, attachment.device);
  }

  private startBoot(instance: SimulatedInstance): void {
    if (instance.ssmInstanceProfile === undefined) return;
    const boot = this.boot(instance).catch((error: unknown) => {
      this.runtime.log(`lab: instance ${instance.instanceId} did not register with SSM: ${error instanceof Error ? error.message : String(error)}`);
    });
    this.boots.set(instance.instanceId, boot);
  }

  private async boot(instance: SimulatedInstance): Promise<void> {
    await this.runtime.delay(CLIENT_BOOT_MS);
    if (!this.instances.has(instance.instanceId) || this.power?.get(instance.instanceId)?.state === 'stopped') return;
    const bootstrap = simulateUserData(instance.userData, instance.image.family, this.runtime.now());
    if (!this.hooks.createClientHost) {
      this.runtime.log(`lab: instance ${instance.instanceId} has an SSM instance profile but no client host factory is wired; it stays offline.`);
      return;
    }
    const host = await this.hooks.createClientHost(instance, bootstrap.installedPackages, bootstrap.files);
    if (!this.instances.has(instance.instanceId) || this.power?.get(instance.instanceId)?.state === 'stopped') return;
    this.nodes.set(instance.instanceId, { instance, host, registeredAt: this.runtime.now(), installedPackages: bootstrap.installedPackages });
  }
}
