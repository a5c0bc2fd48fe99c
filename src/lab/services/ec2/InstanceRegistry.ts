// The lab's running EC2 instances: boots them (user data, SSM registration) and calls the gateway/client-host hooks.
import type { ClientHost } from '../../hosts/ClientHost';
import type { LabRuntime } from '../../LabRuntime';
import type { InstanceHooks, SimulatedInstance } from './SimulatedInstance';
import { simulateUserData } from './userDataBootstrap';

/** Time from "running" until the SSM agent has run user data and registered (simulated, scaled by --time-scale). */
export const CLIENT_BOOT_MS = 60_000;

/** An instance whose SSM agent has registered: Online in DescribeInstanceInformation. */
export interface ManagedNode {
  readonly instance: SimulatedInstance;
  readonly host: ClientHost;
  readonly registeredAt: Date;
  readonly installedPackages: readonly string[];
}

export class InstanceRegistry {
  private readonly instances = new Map<string, SimulatedInstance>();
  private readonly nodes = new Map<string, ManagedNode>();
  private readonly boots = new Map<string, Promise<void>>();

  constructor(
    private readonly runtime: LabRuntime,
    private readonly hooks: InstanceHooks,
  ) {}

  /** A new instance reached "running" (or was restored after a lab restart): start what it runs. */
  async launch(instance: SimulatedInstance): Promise<void> {
    this.instances.set(instance.instanceId, instance);
    if (instance.image.gatewayKind === 'VTL') await this.hooks.onGatewayInstance?.(instance);
    if (instance.ssmInstanceProfile !== undefined) {
      const boot = this.boot(instance).catch((error: unknown) => {
        this.runtime.log(`lab: instance ${instance.instanceId} did not register with SSM: ${error instanceof Error ? error.message : String(error)}`);
      });
      this.boots.set(instance.instanceId, boot);
    }
  }

  async terminate(instanceId: string): Promise<void> {
    const instance = this.instances.get(instanceId);
    this.instances.delete(instanceId);
    this.nodes.delete(instanceId);
    this.boots.delete(instanceId);
    if (instance) await this.hooks.onInstanceTerminated?.(instance);
  }

  get(instanceId: string): SimulatedInstance | undefined {
    return this.instances.get(instanceId);
  }

  all(): SimulatedInstance[] {
    return [...this.instances.values()];
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

  private async boot(instance: SimulatedInstance): Promise<void> {
    await this.runtime.delay(CLIENT_BOOT_MS);
    if (!this.instances.has(instance.instanceId)) return;
    const bootstrap = simulateUserData(instance.userData, instance.image.family, this.runtime.now());
    if (!this.hooks.createClientHost) {
      this.runtime.log(`lab: instance ${instance.instanceId} has an SSM instance profile but no client host factory is wired; it stays offline.`);
      return;
    }
    const host = await this.hooks.createClientHost(instance, bootstrap.installedPackages, bootstrap.files);
    if (!this.instances.has(instance.instanceId)) return;
    this.nodes.set(instance.instanceId, { instance, host, registeredAt: this.runtime.now(), installedPackages: bootstrap.installedPackages });
  }
}
