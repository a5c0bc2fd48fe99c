// Parameter resolution, dependency order and the static checks CreateStack makes before creating anything.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveParameters } from '../../../src/lab/services/cloudFormation/template/resolveParameters';
import { creationOrder, resourceDependencies } from '../../../src/lab/services/cloudFormation/template/templateReferences';
import { parseTemplate } from '../../../src/lab/services/cloudFormation/template/parseTemplate';

const ssm = (name: string) => (name === '/ami/x' ? 'ami-0aaaaaaaaaaaaaaaa' : undefined);

test('defaults, given values, lists and SSM values', () => {
  const resolved = resolveParameters(
    { Size: { Type: 'Number', Default: 165, MinValue: 8 }, Zones: { Type: 'CommaDelimitedList', Default: 'a, b' }, Ami: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: '/ami/x' }, Secret: { Type: 'String', NoEcho: true } },
    [{ ParameterKey: 'Secret', ParameterValue: 'hush' }],
    [],
    ssm,
  );
  assert.equal(resolved.values.get('Size'), '165');
  assert.deepEqual(resolved.values.get('Zones'), ['a', 'b']);
  assert.equal(resolved.values.get('Ami'), 'ami-0aaaaaaaaaaaaaaaa');
  assert.deepEqual(resolved.stackParameters.find((p) => p.ParameterKey === 'Ami'), { ParameterKey: 'Ami', ParameterValue: '/ami/x', ResolvedValue: 'ami-0aaaaaaaaaaaaaaaa' });
  assert.equal(resolved.stackParameters.find((p) => p.ParameterKey === 'Secret')?.ParameterValue, '****');
});

test('errors read as CloudFormation writes them', () => {
  assert.throws(() => resolveParameters({ A: { Type: 'String' }, B: { Type: 'String' } }, [], [], ssm), /^AwsError: Parameters: \[A, B\] must have values$|Parameters: \[A, B\] must have values/);
  assert.throws(() => resolveParameters({}, [{ ParameterKey: 'X', ParameterValue: '1' }], [], ssm), /Parameters: \[X\] do not exist in the template/);
  assert.throws(() => resolveParameters({ N: { Type: 'Number', MaxValue: 10 } }, [{ ParameterKey: 'N', ParameterValue: '11' }], [], ssm), /Parameter 'N' must be a number not greater than 10/);
  assert.throws(() => resolveParameters({ N: { Type: 'Number' } }, [{ ParameterKey: 'N', ParameterValue: 'ten' }], [], ssm), /Parameter 'N' must be a number\./);
  assert.throws(() => resolveParameters({ P: { Type: 'String', AllowedPattern: '[a-z]+' } }, [{ ParameterKey: 'P', ParameterValue: 'A1' }], [], ssm), /Parameter 'P' must match pattern \[a-z\]\+/);
  assert.throws(() => resolveParameters({ P: { Type: 'String', AllowedPattern: '[a-z]+', ConstraintDescription: 'lowercase only' } }, [{ ParameterKey: 'P', ParameterValue: 'A' }], [], ssm), /Parameter 'P' failed to satisfy constraint: lowercase only/);
  assert.throws(() => resolveParameters({ Ami: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/nope' } }, [], [], ssm), /Unable to fetch parameters \[\/nope\] from parameter store for this account\./);
});

test('dependencies come from Ref, GetAtt, Sub and DependsOn; cycles are refused', () => {
  const template = parseTemplate(`Resources:
  A: { Type: T, Properties: { X: !Ref B, Y: !Sub '\${C.Attr}' } }
  B: { Type: T, DependsOn: C }
  C: { Type: T }
`);
  assert.deepEqual(creationOrder(resourceDependencies(template)), ['C', 'B', 'A']);
  const cyclic = parseTemplate('Resources:\n  A: { Type: T, Properties: { X: !Ref B } }\n  B: { Type: T, Properties: { X: !GetAtt A.Y } }\n');
  assert.throws(() => creationOrder(resourceDependencies(cyclic)), /Circular dependency between resources: \[A, B\]/);
});

test('GetAtt of an attribute the type lacks is refused before anything is created', async () => {
  const { checkTemplate } = await import('../../../src/lab/services/cloudFormation/templateSummary');
  const providers = new Map([['AWS::EC2::VPC', { createMs: 0, deleteMs: 0, attributes: ['CidrBlock'], create: () => ({ physicalId: 'vpc-1', attributes: {} }), delete: () => undefined }]]);
  const body = (attribute: string) => `Resources:\n  Vpc: { Type: AWS::EC2::VPC }\nOutputs:\n  O: { Value: !Sub '\${Vpc.${attribute}}' }\n`;
  assert.doesNotThrow(() => checkTemplate(body('CidrBlock'), providers));
  assert.throws(() => checkTemplate(body('PrivateIp'), providers), /Template error: resource Vpc does not support attribute type PrivateIp in Fn::GetAtt/);
});
