// Intrinsic functions, conditions and YAML short tags evaluated on small templates.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluate, type EvaluationScope } from '../../../src/lab/services/cloudFormation/template/evaluateIntrinsics';
import { parseTemplate } from '../../../src/lab/services/cloudFormation/template/parseTemplate';
import { TemplateError } from '../../../src/lab/services/cloudFormation/template/TemplateError';

function scope(conditions: Record<string, boolean> = {}): EvaluationScope {
  return {
    names: new Map<string, string | string[]>([['Env', 'prod'], ['AWS::Region', 'eu-west-1'], ['Subnets', ['subnet-1', 'subnet-2']]]),
    region: 'eu-west-1',
    mappings: { Sizes: { prod: { Disk: 165 } } },
    condition: (name) => {
      if (!(name in conditions)) throw new TemplateError(`unknown condition ${name}`);
      return conditions[name] ?? false;
    },
    resourceRef: (id) => (id === 'Vpc' ? 'vpc-0123' : (() => { throw new TemplateError(`no ${id}`); })()),
    resourceAttribute: (id, attribute) => (id === 'Gw' && attribute === 'PrivateIp' ? '10.0.1.4' : id === 'Ep' && attribute === 'DnsEntries' ? ['Z1:vpce-1.example.com', 'Z1:vpce-1-a.example.com'] : undefined),
  };
}

function yamlValue(yaml: string, conditions?: Record<string, boolean>): unknown {
  const template = parseTemplate(`Resources:\n  R:\n    Type: T\n    Properties:\n      Value: ${yaml}\n`);
  return (evaluate(template.Resources.R?.Properties, scope(conditions)) as { Value: unknown }).Value;
}

test('Ref, Sub (string and list forms) and GetAtt', () => {
  assert.equal(yamlValue('!Ref Vpc'), 'vpc-0123');
  assert.equal(yamlValue("!Sub '${Env}-${AWS::Region}-${Vpc}-${Gw.PrivateIp}-${!Literal}'"), 'prod-eu-west-1-vpc-0123-10.0.1.4-${Literal}');
  assert.equal(yamlValue("!Sub ['http://${Ip}/${Env}', { Ip: !GetAtt Gw.PrivateIp }]"), 'http://10.0.1.4/prod');
  assert.equal(yamlValue('{ "Fn::GetAtt": [Gw, PrivateIp] }'), '10.0.1.4');
});

test('Join, Select, Split, GetAZs, Base64, FindInMap', () => {
  assert.equal(yamlValue("!Join [',', !Ref Subnets]"), 'subnet-1,subnet-2');
  assert.equal(yamlValue("!Select [1, !Split [':', !Select [0, !GetAtt Ep.DnsEntries]]]"), 'vpce-1.example.com');
  assert.deepEqual(yamlValue("!GetAZs ''"), ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
  assert.equal(yamlValue('!Base64 hello'), 'aGVsbG8=');
  assert.equal(yamlValue('!FindInMap [Sizes, !Ref Env, Disk]'), 165);
  assert.throws(() => yamlValue('!Select [5, !Ref Subnets]'), /Fn::Select cannot select nonexistent value at index 5/);
});

test('If with conditions, And/Or/Not/Equals and AWS::NoValue', () => {
  assert.equal(yamlValue('!If [Yes, a, b]', { Yes: true }), 'a');
  assert.deepEqual(yamlValue('[x, !If [Yes, !Ref AWS::NoValue, y]]', { Yes: true }), ['x']);
  assert.equal(yamlValue('!And [!Equals [!Ref Env, prod], !Not [!Equals [a, b]], !Or [!Condition No, !Condition Yes]]', { Yes: true, No: false }), true);
});

test('JSON templates and format errors name the line', () => {
  assert.deepEqual(parseTemplate('{"Resources": {"A": {"Type": "T"}}}').Resources, { A: { Type: 'T' } });
  assert.throws(() => parseTemplate('{"Resources": {\n"A": }'), /Template format error: JSON not well-formed\. \(line 2, column \d+\)/);
  assert.throws(() => parseTemplate('Resources:\n  A: {\n'), /Template format error: YAML not well-formed\. \(line \d+, column \d+\)/);
  assert.throws(() => parseTemplate('Description: none\n'), /At least one Resources member must be defined/);
});
