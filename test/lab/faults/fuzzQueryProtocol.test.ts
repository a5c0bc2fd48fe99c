// Seeded fuzzing of the query-protocol endpoint (CloudFormation): random Actions and parameters, XML-breaking values,
// hostile templates (bad YAML, alias bombs, deep nesting), GET and POST. Every answer is well-formed XML (an ErrorResponse
// with Code and Message on failure), never a 5xx, and the stacks stay valid and load after a restart.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as cfnModule from '@aws-sdk/client-cloudformation';
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { startLab, type RunningLab } from '../../../src/lab/index';
import { readStacks, stackProblems } from './support/labStateFiles';
import { HOSTILE_STRINGS, randomString } from './support/randomInput';
import { assertQueryProtocolAnswer, sendRaw, type RawRequest } from './support/rawRequests';
import { faultSeed, seededRandom, type SeededRandom } from './support/seededRandom';

const REQUESTS = 500;
const SEED = faultSeed(4_242);
const ACTIONS = Object.keys(cfnModule).filter((name) => name.endsWith('Command') && name !== 'Command').map((name) => name.slice(0, -'Command'.length));
const PARAMETERS = [
  'StackName', 'TemplateBody', 'TemplateURL', 'Parameters.member.1.ParameterKey', 'Parameters.member.1.ParameterValue', 'Parameters.member.1.UsePreviousValue', 'Capabilities.member.1',
  'OnFailure', 'DisableRollback', 'NextToken', 'StackStatusFilter.member.1', 'LogicalResourceId', 'PhysicalResourceId', 'TimeoutInMinutes', 'Tags.member.1.Key', 'Tags.member.1.Value',
  'UsePreviousTemplate', 'ChangeSetName', 'RetainResources.member.1', 'ClientRequestToken', 'Version',
];

function randomTemplate(random: SeededRandom): string {
  switch (random.int(0, 7)) {
    case 0:
      return JSON.stringify({ Resources: { [randomString(random).replace(/[^A-Za-z0-9]/g, '') || 'R']: { Type: random.pick(['AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::S3::Bucket', randomString(random)]), Properties: { CidrBlock: randomString(random) } } } });
    case 1:
      return `Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: ${random.pick(['10.0.0.0/16', '!Ref Nope', '!GetAtt [A, B]', '!Sub "${X}"', '!Select [9, []]', '!Join'])}\nOutputs:\n  O:\n    Value: ${random.pick(['!Ref Vpc', '!GetAtt Vpc.Nope', '!ImportValue x', '!Base64 {}', '!Cidr [a, b, c]'])}\n`;
    case 2:
      // An alias bomb ("billion laughs" in YAML).
      return `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\nResources: {}\n`;
    case 3:
      return `Resources:${'\n  - '.repeat(2000)}x`;
    case 4:
      return `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    case 5:
      return `Resources:\n  R:\n    Type: AWS::EC2::VPC\n    DependsOn: R\n    Condition: ${randomString(random)}\n`;
    case 6:
      return random.bytes(random.int(0, 400)).toString('latin1');
    default:
      return `{"Resources": {"R": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}}, "Parameters": {"P": {"Type": "${random.pick(['String', 'Number', 'AWS::SSM::Parameter::Value<String>', 'List<Number>', randomString(random)])}", "Default": ${JSON.stringify(randomString(random))}}}}`;
  }
}

function fuzzRequest(random: SeededRandom): RawRequest {
  const form = new URLSearchParams();
  form.set('Action', random.chance(0.85) ? random.pick(ACTIONS) : randomString(random));
  if (random.chance(0.9)) form.set('Version', '2010-05-15');
  for (let i = random.int(0, 6); i > 0; i -= 1) {
    const name = random.chance(0.85) ? random.pick(PARAMETERS) : randomString(random);
    form.set(name, name === 'TemplateBody' || random.chance(0.1) ? randomTemplate(random) : random.chance(0.3) ? `s${random.int(0, 50)}` : randomString(random));
  }
  if (random.chance(0.3)) form.set('StackName', random.pick(['fuzz', 'kept', `s${random.int(0, 9)}`, ...HOSTILE_STRINGS]));
  const encoded = form.toString();
  // Node's HTTP parser answers 431 with an empty body to request lines over 16 KiB, before any lab code runs: long forms are POSTed.
  const asGet = random.chance(0.15) && encoded.length < 8000;
  const signing = random.int(0, 19);
  const sign = signing === 0 ? undefined : { service: signing === 1 ? random.pick(['ssm', 'storagegateway', 'sts', 'ec2']) : 'cloudformation', secretAccessKey: signing === 2 ? 'wrong' : 'test' };
  const contentType = random.chance(0.9) ? 'application/x-www-form-urlencoded; charset=utf-8' : random.pick(['text/xml', 'application/json', '']);
  return asGet
    ? { method: 'GET', path: `/?${encoded}`, sign, headers: {} }
    : { method: 'POST', path: '/', body: random.chance(0.1) ? Buffer.concat([Buffer.from(encoded), random.bytes(20)]) : encoded, headers: { 'content-type': contentType }, sign };
}

let lab: RunningLab;
let stateDir: string;
const logs: string[] = [];

function sdk(): CloudFormationClient {
  return new CloudFormationClient({ endpoint: lab.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
}

before(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'lab-fuzz-query-'));
  lab = await startLab({ port: 0, stateDir, timeScale: 0.001, log: (line) => logs.push(line) });
  const client = sdk();
  await client.send(new CreateStackCommand({ StackName: 'kept', TemplateBody: JSON.stringify({ Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } } } }) }));
  client.destroy();
});

after(async () => {
  await lab.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

test(`${REQUESTS} fuzzed CloudFormation requests get well-formed XML answers and never a 5xx (seed ${SEED})`, async () => {
  const random = seededRandom(SEED);
  const serverErrors: string[] = [];
  const codes = new Map<string, number>();
  for (let n = 0; n < REQUESTS; n += 1) {
    const request = fuzzRequest(random);
    const what = `request ${n} (FAULT_SEED=${SEED})`;
    const answer = await sendRaw(lab.endpoint, request);
    assert.ok(answer, what);
    const code = assertQueryProtocolAnswer(answer, `${what} ${String(request.body ?? request.path).slice(0, 300)}`) ?? 'OK';
    codes.set(code, (codes.get(code) ?? 0) + 1);
    if (answer.status >= 500) serverErrors.push(`${what}: ${answer.body.toString('utf8').slice(0, 300)} for ${String(request.body ?? request.path).slice(0, 300)}`);
  }
  assert.deepEqual(serverErrors, []);
  assert.deepEqual(logs.filter((line) => /unexpected|failed for request/.test(line)), []);
  // The fuzzer reached the operations, not only the signature check.
  assert.ok((codes.get('OK') ?? 0) > 10 && (codes.get('ValidationError') ?? 0) > 10, JSON.stringify([...codes]));

  const client = sdk();
  await client.send(new DescribeStacksCommand({}));
  client.destroy();
  await lab.stop();
  assert.deepEqual(stackProblems(readStacks(stateDir)), []);
  lab = await startLab({ port: 0, stateDir, timeScale: 0.001, log: (line) => logs.push(line) });
  const again = sdk();
  const kept = (await again.send(new DescribeStacksCommand({ StackName: 'kept' }))).Stacks?.[0];
  again.destroy();
  assert.ok(kept, 'the stack created before the fuzzing is still there after a restart (or was deleted by a fuzzed DeleteStack)');
});

test('an Action echoed back with control characters and lone surrogates still makes a well-formed ErrorResponse', async () => {
  const answer = await sendRaw(lab.endpoint, { body: `Action=${encodeURIComponent('\u0004Bad\u0000')}%ED%A0%80&Version=2010-05-15`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, sign: { service: 'cloudformation' } });
  assert.ok(answer);
  assert.equal(assertQueryProtocolAnswer(answer, 'control characters'), 'InvalidAction');
  assert.match(answer.body.toString('utf8'), /The action \uFFFDBad\uFFFD/);
});
