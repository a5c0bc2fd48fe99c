// Conformance with botocore's models: every operation the lab serves (Storage Gateway, SSM, CloudFormation) answers the
// scenario with its output shape, and inputs that break one input constraint get the service's validation error.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startLab, type RunningLab } from '../../../src/lab/index';
import { E2E_TIME_SCALE, HoldableClock, tempStateDir } from '../e2e/stackLab';
import { checkJsonOutput, checkQueryOutput } from './checkOutput';
import { runScenario } from './conformanceScenario';
import { constraintViolations, expectValidationError } from './inputViolations';
import { servedOperations } from './servedOperations';
import { loadModel, type ServiceModel } from './serviceModel';
import { WireClient, type ServiceName } from './wireClient';

const SERVICES: readonly ServiceName[] = ['storagegateway', 'ssm', 'cloudformation'];

describe('lab conformance with botocore models', () => {
  let lab: RunningLab;
  let wire: WireClient;
  let stateDir: string;
  const models = Object.fromEntries(SERVICES.map((service) => [service, loadModel(service)])) as Record<ServiceName, ServiceModel>;
  const served = new Map<ServiceName, string[]>();

  before(async () => {
    const clock = new HoldableClock();
    stateDir = await tempStateDir();
    lab = await startLab({ port: 0, stateDir, timeScale: E2E_TIME_SCALE, now: clock.now });
    wire = new WireClient(lab, models);
    for (const service of SERVICES) served.set(service, await servedOperations(wire, service, models[service]));
    await runScenario(lab, wire, clock);
  });
  after(async () => {
    await lab.stop();
    await rm(dirname(stateDir), { recursive: true, force: true });
  });

  for (const service of SERVICES) {
    it(`${service}: every served operation answered the scenario with its output shape`, (t) => {
      const operations = served.get(service) ?? [];
      assert.ok(operations.length > 0, `no ${service} operation served`);
      const successes = wire.exchanges.filter((exchange) => exchange.service === service && exchange.answer.status === 200);
      const uncovered = operations.filter((operation) => !successes.some((exchange) => exchange.operation === operation));
      assert.deepEqual(uncovered, [], `${service} operations the scenario never drove to success`);
      const problems = successes.flatMap((exchange) =>
        service === 'cloudformation' ? checkQueryOutput(models[service], exchange.operation, exchange.answer.text) : checkJsonOutput(models[service], exchange.operation, exchange.answer.json),
      );
      assert.deepEqual([...new Set(problems)], []);
      t.diagnostic(`${operations.length} operations, ${successes.length} answers checked`);
    });

    it(`${service}: one broken input constraint gets the validation error, never a 5xx or a success`, async (t) => {
      const cases = constraintViolations(models[service], service, served.get(service) ?? [], wire.exchanges);
      assert.ok(cases.length > 0, `no ${service} constraint cases`);
      const failures: string[] = [];
      const types = new Map<string, number>();
      for (let start = 0; start < cases.length; start += 16) {
        const batch = cases.slice(start, start + 16);
        const answers = await Promise.all(batch.map((testCase) => wire.probe(service, testCase.operation, testCase.input)));
        batch.forEach((testCase, index) => {
          const type = answers[index]?.errorType ?? String(answers[index]?.status);
          types.set(type, (types.get(type) ?? 0) + 1);
          const problem = expectValidationError(models[service], service, testCase, answers[index]);
          if (problem) failures.push(problem);
        });
      }
      t.diagnostic(`${cases.length} cases: ${[...types].map(([type, count]) => `${type} ${count}`).join(', ')}`);
      assert.deepEqual(failures, [], `${failures.length} of ${cases.length} ${service} cases`);
    });
  }
});
