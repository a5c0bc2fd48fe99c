// Reads the instance id a command was given: an id string, or a tree node carrying `instanceId` (or `instance.instanceId`). Pure.

const INSTANCE_ID = /^(i-[0-9a-f]{8}|i-[0-9a-f]{17}|mi-[0-9a-f]{17})$/;

export function instanceIdFromArgument(argument: unknown): string | undefined {
  if (typeof argument === 'string') return INSTANCE_ID.test(argument) ? argument : undefined;
  if (typeof argument !== 'object' || argument === null) return undefined;
  const node = argument as { instanceId?: unknown; instance?: { instanceId?: unknown } };
  const id = typeof node.instanceId === 'string' ? node.instanceId : typeof node.instance?.instanceId === 'string' ? node.instance.instanceId : undefined;
  return id && INSTANCE_ID.test(id) ? id : undefined;
}
