// The conformance checkers themselves: each must notice the mistakes it exists to find, so a passing suite means something.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkJsonOutput, checkQueryOutput } from './checkOutput';
import { constraintViolations } from './inputViolations';
import { loadModel } from './serviceModel';
import type { WireExchange } from './wireClient';

const sg = loadModel('storagegateway');
const cfn = loadModel('cloudformation');

test('the JSON check flags unknown members, wrong types, ISO timestamps, nulls, bad enums and missing required members', () => {
  const arns = checkJsonOutput(sg, 'ListTapes', { TapeInfos: [{ TapeARN: 'x'.repeat(60), TapeSizeInBytes: 1 }] });
  assert.ok(arns.some((line) => line.includes("TapeARN's pattern")), arns.join('\n'));
  const problems = checkJsonOutput(sg, 'DescribeTapes', {
    Tapes: [{ TapeARN: `arn:aws:storagegateway:us-east-1:123456789012:tape/TEST01`, TapeCreatedDate: '2026-01-01T00:00:00Z', TapeSizeInBytes: '5', Worm: null, Extra: 1 }],
    Marker: '',
  });
  assert.ok(problems.some((line) => line.includes('TapeCreatedDate') && line.includes('epoch seconds')), problems.join('\n'));
  assert.ok(problems.some((line) => line.includes('TapeSizeInBytes') && line.includes('not an integer')));
  assert.ok(problems.some((line) => line.includes('Worm') && line.includes('null')));
  assert.ok(problems.some((line) => line.includes('Extra is not a member')));
  assert.ok(problems.some((line) => line.includes('Marker') && line.includes('shorter than 1')));
  const tags = checkJsonOutput(sg, 'ListTagsForResource', { Tags: [{ Key: 'team' }] });
  assert.ok(tags.some((line) => line.includes('required Value missing')), tags.join('\n'));
  const pools = checkJsonOutput(sg, 'ListTapePools', { PoolInfos: [{ StorageClass: 'TAPE_SHELF' }] });
  assert.ok(pools.some((line) => line.includes('TAPE_SHELF') && line.includes('is not one of')));
  assert.deepEqual(checkJsonOutput(sg, 'ListTapePools', { PoolInfos: [{ StorageClass: 'GLACIER', PoolStatus: 'ACTIVE' }] }), []);
});

test('the XML check flags epoch timestamps, unknown elements and missing required members', () => {
  const xml = `<DescribeStacksResponse><DescribeStacksResult><Stacks><member><StackName>a</StackName><CreationTime>1700000000</CreationTime><Colour>red</Colour></member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeStacksResponse>`;
  const problems = checkQueryOutput(cfn, 'DescribeStacks', xml);
  assert.ok(problems.some((line) => line.includes('CreationTime') && line.includes('ISO 8601')), problems.join('\n'));
  assert.ok(problems.some((line) => line.includes('<Colour>')));
  assert.ok(problems.some((line) => line.includes('required StackStatus missing')));
});

test('constraint cases break one constraint each, built on the scenario input', () => {
  const exchange: WireExchange = {
    service: 'storagegateway',
    operation: 'CreateTapePool',
    input: { PoolName: 'pool', StorageClass: 'GLACIER' },
    answer: { status: 200, text: '{}', json: {}, errorType: undefined },
  };
  const cases = constraintViolations(sg, 'storagegateway', ['CreateTapePool', 'ListGateways'], [exchange]);
  const labels = cases.map((testCase) => testCase.constraint);
  for (const wanted of ['PoolName required', 'StorageClass required', 'PoolName length > 100', 'StorageClass enum', 'RetentionLockTimeInDays value > 36500']) {
    assert.ok(labels.includes(wanted), `${wanted} missing from ${labels.join(', ')}`);
  }
  const tooLong = cases.find((testCase) => testCase.constraint === 'PoolName length > 100');
  assert.deepEqual(tooLong?.input, { PoolName: `pool${'l'.repeat(97)}`, StorageClass: 'GLACIER' });
  assert.ok(cases.every((testCase) => testCase.operation === 'CreateTapePool'), 'an operation without a successful base input gets no cases');
});
