// The EC2 state the lab keeps beside its stacks: which instances are stopped, and when they last changed (<stateDir>/ec2/instances.json).
import { join } from 'node:path';
import { DurableDocument } from '../../state/DurableDocument';

export type PowerState = 'running' | 'stopped';

export interface PowerRecord {
  state: PowerState;
  /** Epoch ms (lab clock) of the last StopInstances / StartInstances. */
  changedAt: number;
  /** Why it last stopped, as DescribeInstances' StateTransitionReason shows it. */
  reason?: string;
}

interface PowerDocument {
  version: 1;
  instances: Record<string, PowerRecord>;
}

/**
 * Instances themselves are saved with their stacks (the CloudFormation resource state) and relaunched from there; only what
 * the EC2 API changes afterwards lives here. An instance without a record is running.
 */
export class InstancePowerStore {
  private constructor(private readonly document: DurableDocument<PowerDocument>) {}

  static async open(stateDir: string): Promise<InstancePowerStore> {
    const document = await DurableDocument.open<PowerDocument>(
      join(stateDir, 'ec2', 'instances.json'),
      () => ({ version: 1, instances: {} }),
      (raw): raw is PowerDocument => typeof raw === 'object' && raw !== null && (raw as PowerDocument).version === 1 && typeof (raw as PowerDocument).instances === 'object',
    );
    return new InstancePowerStore(document);
  }

  get(instanceId: string): PowerRecord | undefined {
    return Object.hasOwn(this.document.value.instances, instanceId) ? this.document.value.instances[instanceId] : undefined;
  }

  /** Records the change; resolves once it is on disk. */
  set(instanceId: string, record: PowerRecord): Promise<void> {
    this.document.value.instances[instanceId] = record;
    return this.document.save();
  }

  forget(instanceId: string): Promise<void> {
    if (!Object.hasOwn(this.document.value.instances, instanceId)) return Promise.resolve();
    delete this.document.value.instances[instanceId];
    return this.document.save();
  }

  close(): Promise<void> {
    return this.document.close();
  }
}
