// EC2 instance operations: DescribeInstances, DescribeInstanceStatus, StopInstances, StartInstances, RebootInstances.
import { AwsError } from '../../http/AwsError';
import type { RequestContext } from '../../http/types';
import { applyFilters } from './ec2Filters';
import { ec2Request, paginate, requireAll, requireWellFormed, type Ec2Request } from './ec2Input';
import type { InstanceRegistry, InstanceStateView } from './InstanceRegistry';
import { instanceFilterFields, instanceItem, instanceStatusItem, reservationId, type InstanceContext } from './instanceViews';
import type { SimulatedInstance } from './SimulatedInstance';
import type { VpcInventory } from './VpcInventory';

/** DryRun=true: EC2 checks the request and answers DryRunOperation (412) instead of acting. */
export function checkDryRun(request: Ec2Request): void {
  if (request.boolean('DryRun') === true) throw new AwsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', { status: 412 });
}

export function instanceOperations(registry: InstanceRegistry, inventory: VpcInventory) {
  const context = (ctx: RequestContext): InstanceContext => ({ registry, inventory, accountId: ctx.accountId });
  const inRegion = (ctx: RequestContext) => [...registry.all(), ...registry.recentlyTerminated()].filter((instance) => instance.region === ctx.region);

  /** The instances named by InstanceId.N, all of which must exist in the request's region; every instance when none are named. */
  function selected(request: Ec2Request, ctx: RequestContext, required: boolean): SimulatedInstance[] {
    const ids = request.list('InstanceId');
    if (required && ids.length === 0) throw new AwsError('MissingParameter', 'The request must contain the parameter InstanceId');
    requireWellFormed(ids, 'i', 'InvalidInstanceID.Malformed');
    const instances = inRegion(ctx);
    requireAll(ids, (id) => instances.some((i) => i.instanceId === id), 'InvalidInstanceID.NotFound', 'instance ID');
    return ids.length === 0 ? instances : instances.filter((i) => ids.includes(i.instanceId));
  }

  function stateChange(instance: SimulatedInstance, previous: InstanceStateView) {
    const current = registry.stateOf(instance.instanceId);
    return { currentState: { code: current.code, name: current.name }, instanceId: instance.instanceId, previousState: { code: previous.code, name: previous.name } };
  }

  /** Checks every instance's state first, so a refused request changes none of them. */
  function requireStates(instances: readonly SimulatedInstance[], allowed: readonly string[], verb: string): void {
    for (const instance of instances) {
      const state = registry.stateOf(instance.instanceId).name;
      if (!allowed.includes(state)) {
        throw new AwsError('IncorrectInstanceState', `The instance '${instance.instanceId}' is not in a state from which it can be ${verb}.`);
      }
    }
  }

  return {
    DescribeInstances(form: Record<string, string>, ctx: RequestContext) {
      const request = ec2Request(form);
      const ids = request.list('InstanceId');
      const filtered = applyFilters(selected(request, ctx, false), request.filters(), instanceFilterFields(context(ctx)), (i) => i.tags);
      checkDryRun(request);
      const page = paginate(filtered, (i) => i.instanceId, request, { min: 5, max: 1000, ...(ids.length > 0 ? { idsParameter: 'instancesSet' } : {}) });
      return {
        reservationSet: page.items.map((instance) => ({
          reservationId: reservationId(instance.instanceId),
          ownerId: ctx.accountId,
          groupSet: [],
          instancesSet: [instanceItem(instance, context(ctx))],
        })),
        nextToken: page.nextToken,
      };
    },

    DescribeInstanceStatus(form: Record<string, string>, ctx: RequestContext) {
      const request = ec2Request(form);
      const ids = request.list('InstanceId');
      const includeAll = request.boolean('IncludeAllInstances') === true;
      const fields = {
        'instance-id': (i: SimulatedInstance) => [i.instanceId],
        'availability-zone': (i: SimulatedInstance) => [i.availabilityZone],
        'instance-state-name': (i: SimulatedInstance) => [registry.stateOf(i.instanceId).name],
        'instance-state-code': (i: SimulatedInstance) => [String(registry.stateOf(i.instanceId).code)],
      };
      // Without IncludeAllInstances only running instances are listed, even when named explicitly.
      const candidates = selected(request, ctx, false).filter((i) => includeAll || registry.stateOf(i.instanceId).name === 'running');
      const filtered = applyFilters(candidates, request.filters(), fields, (i) => i.tags);
      checkDryRun(request);
      const page = paginate(filtered, (i) => i.instanceId, request, { min: 5, max: 1000, ...(ids.length > 0 ? { idsParameter: 'instancesSet' } : {}) });
      return { instanceStatusSet: page.items.map((i) => instanceStatusItem(i, registry.stateOf(i.instanceId))), nextToken: page.nextToken };
    },

    async StopInstances(form: Record<string, string>, ctx: RequestContext) {
      const request = ec2Request(form);
      const instances = selected(request, ctx, true);
      requireStates(instances, ['running', 'stopping', 'stopped'], 'stopped');
      checkDryRun(request);
      const changes = [];
      for (const instance of instances) {
        const previous = registry.stateOf(instance.instanceId);
        await registry.stop(instance.instanceId);
        changes.push(stateChange(instance, previous));
      }
      return { instancesSet: changes };
    },

    async StartInstances(form: Record<string, string>, ctx: RequestContext) {
      const request = ec2Request(form);
      const instances = selected(request, ctx, true);
      requireStates(instances, ['pending', 'running', 'stopped'], 'started');
      checkDryRun(request);
      const changes = [];
      for (const instance of instances) {
        const previous = registry.stateOf(instance.instanceId);
        await registry.start(instance.instanceId);
        changes.push(stateChange(instance, previous));
      }
      return { instancesSet: changes };
    },

    async RebootInstances(form: Record<string, string>, ctx: RequestContext) {
      const request = ec2Request(form);
      const instances = selected(request, ctx, true);
      requireStates(instances, ['running', 'pending'], 'rebooted');
      checkDryRun(request);
      for (const instance of instances) await registry.reboot(instance.instanceId);
      return { return: true };
    },
  };
}
