// Finds which of a model's operations the lab serves: every other one answers UnknownOperationException (JSON) or InvalidAction (query).
import type { ServiceModel } from './serviceModel';
import type { ServiceName, WireClient } from './wireClient';

const NOT_SERVED = new Set(['UnknownOperationException', 'InvalidAction']);

export async function servedOperations(client: WireClient, service: ServiceName, model: ServiceModel): Promise<string[]> {
  const names = Object.keys(model.operations).sort();
  const answers = await Promise.all(names.map(async (name) => ({ name, answer: await client.probe(service, name, {}) })));
  return answers.filter(({ answer }) => !NOT_SERVED.has(answer.errorType ?? '')).map(({ name }) => name);
}
