// Template bombs and oversize templates: every one is CloudFormation's ValidationError (HTTP 400, query-protocol XML) with
// a sentence that says what to change, from ValidateTemplate, CreateStack and UpdateStack alike, and the lab keeps
// answering. Limits are CloudFormation's documented ones (TemplateBody 51,200 bytes; 500 resources; 200 parameters,
// outputs and mappings); nesting is capped at 100 levels, far beyond any real template.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { after, before, test } from 'node:test';
import { startLab, type RunningLab } from '../../../src/lab/index';
import { assertQueryProtocolAnswer, sendRaw } from './support/rawRequests';

let lab: RunningLab;
let stateDir: string;
const logs: string[] = [];

before(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'lab-bombs-'));
  lab = await startLab({ port: 0, stateDir, timeScale: 0, log: (line) => logs.push(line) });
});
after(async () => {
  await lab.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

const vpc = (cidr: string) => `{"Resources":{"V":{"Type":"AWS::EC2::VPC","Properties":{"CidrBlock":${cidr}}}}}`;
const nestedJoin = (levels: number) => `${'{"Fn::Join":["",['.repeat(levels)}"10.0.0.0/16"${']]}'.repeat(levels)}`;

/** A YAML "billion laughs": ten levels of anchors, each a list of nine aliases of the one before (9^10 nodes expanded). */
function aliasBomb(): string {
  const lines = ['Lol0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let level = 1; level < 10; level += 1) lines.push(`Lol${level}: &l${level} [${Array(9).fill(`*l${level - 1}`).join(',')}]`);
  return `${lines.join('\n')}\nResources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n      Tags: *l9\n`;
}

function many(section: string, count: number, member: (n: number) => string): string {
  const members = Array.from({ length: count }, (_, n) => `"${section.slice(0, 1)}${n}":${member(n)}`).join(',');
  const resources = section === 'Resources' ? '' : `"Resources":{"V":{"Type":"AWS::EC2::VPC","Properties":{"CidrBlock":"10.0.0.0/16"}}},`;
  return `{${resources}"${section}":{${members}}}`;
}

const BOMBS: readonly (readonly [string, string, RegExp])[] = [
  ['2,000 nested Fn::Join', vpc(nestedJoin(2000)), /more than 100 levels deep/],
  ['20,000 nested JSON lists', vpc(`${'['.repeat(20_000)}${']'.repeat(20_000)}`), /more than 100 levels deep|must have length less than or equal to 51200/],
  ['5,000 nested JSON lists', vpc(`${'['.repeat(5000)}${']'.repeat(5000)}`), /more than 100 levels deep/],
  ['YAML alias bomb', aliasBomb(), /YAML aliases \(\*name\) expand to too many nodes/],
  ['YAML flow nesting 2,000 deep', `Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: ${'['.repeat(2000)}${']'.repeat(2000)}\n`, /YAML not well-formed|more than 100 levels deep/],
  ['YAML !Join nested 1,000 deep', `Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: ${'!Join ["", ['.repeat(1000)}x${']]'.repeat(1000)}\n`, /YAML not well-formed|more than 100 levels deep/],
  ['51,201-byte body', `${vpc('"10.0.0.0/16"')}${' '.repeat(51_201 - vpc('"10.0.0.0/16"').length)}`, /Member must have length less than or equal to 51200/],
  ['501 resources', many('Resources', 501, () => '{"Type":"AWS::EC2::VPC","Properties":{"CidrBlock":"10.0.0.0/16"}}'), /Number of resources, 501, is greater than maximum allowed, 500/],
  ['201 parameters', many('Parameters', 201, () => '{"Type":"String"}'), /Number of parameters, 201, is greater than maximum allowed, 200/],
  ['201 outputs', many('Outputs', 201, () => '{"Value":"x"}'), /Number of outputs, 201, is greater than maximum allowed, 200/],
  ['201 mappings', many('Mappings', 201, () => '{"k":{"v":"x"}}'), /Number of mappings, 201, is greater than maximum allowed, 200/],
];

async function call(action: string, extra: Record<string, string>): Promise<{ status: number; code: string | undefined; text: string }> {
  const form = new URLSearchParams({ Action: action, Version: '2010-05-15', ...extra }).toString();
  const answer = await sendRaw(lab.endpoint, { body: form, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, sign: { service: 'cloudformation' } });
  assert.ok(answer);
  return { status: answer.status, code: assertQueryProtocolAnswer(answer, action), text: answer.body.toString('utf8') };
}

test('every template bomb is a ValidationError 400 from ValidateTemplate, CreateStack and UpdateStack, never a 5xx', async (t) => {
  // A stack to update: UpdateStack parses the new template before it changes anything.
  assert.equal((await call('CreateStack', { StackName: 'target', TemplateBody: vpc('"10.0.0.0/16"') })).status, 200);
  let cases = 0;
  for (const [what, body, message] of BOMBS) {
    for (const [action, extra] of [['ValidateTemplate', {}], ['CreateStack', { StackName: 'bomb' }], ['UpdateStack', { StackName: 'target' }]] as const) {
      const answer = await call(action, { ...extra, TemplateBody: body });
      assert.equal(answer.status, 400, `${what} ${action}: ${answer.text.slice(0, 300)}`);
      assert.equal(answer.code, 'ValidationError', `${what} ${action}`);
      assert.match(answer.text, message, `${what} ${action}`);
      cases += 1;
    }
  }
  t.diagnostic(`${cases} template bomb cases refused`);
  // Still answering, nothing half-created, nothing logged as a lab failure.
  const stacks = await call('DescribeStacks', {});
  assert.equal(stacks.status, 200);
  assert.doesNotMatch(stacks.text, /<StackName>bomb<\/StackName>/);
  assert.deepEqual(logs.filter((line) => /failed for request|unexpected failure/.test(line)), []);
});

test('a template just inside the limits (99 levels, 500 resources, 200 parameters) is accepted', async () => {
  assert.equal((await call('ValidateTemplate', { TemplateBody: vpc(nestedJoin(30)) })).status, 200);
  assert.equal((await call('ValidateTemplate', { TemplateBody: many('Parameters', 200, () => '{"Type":"String"}') })).status, 200);
  const resources = Array.from({ length: 500 }, (_, n) => `R${n}:{Type: AWS::EC2::VPC,Properties:{CidrBlock: 10.0.0.0/16}}`).join(',');
  const yaml = `Resources: {${resources}}`;
  assert.ok(Buffer.byteLength(yaml) <= 51_200);
  assert.equal((await call('ValidateTemplate', { TemplateBody: yaml })).status, 200);
});

test('the real AWS CLI v2 shows the bomb as CloudFormation ValidationError', async () => {
  const file = join(stateDir, 'bomb.yaml');
  writeFileSync(file, aliasBomb());
  // Asynchronous: the lab runs in this process and must answer while the CLI waits.
  const stderr = await new Promise<string>((resolveRun) => {
    execFile('/usr/bin/aws', ['--endpoint-url', lab.endpoint, '--region', 'us-east-1', 'cloudformation', 'validate-template', '--template-body', `file://${file}`], {
      env: { PATH: process.env.PATH, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_CONFIG_FILE: join(stateDir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(stateDir, 'none'), HOME: stateDir },
      encoding: 'utf8',
      timeout: 60_000,
    }, (_error, _stdout, text) => resolveRun(text));
  });
  assert.match(stderr, /An error occurred \(ValidationError\) when calling the ValidateTemplate operation: Template format error: YAML aliases/);
});
