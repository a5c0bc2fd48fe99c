// EC2 request decoding (flattened lists), filters (wildcards, tags, AND/OR) and MaxResults/NextToken paging.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AwsError } from '../../../src/lab/http/AwsError';
import { parseEc2Params } from '../../../src/lab/http/ec2Query';
import { applyFilters } from '../../../src/lab/services/ec2/ec2Filters';
import { ec2Request, paginate } from '../../../src/lab/services/ec2/ec2Input';

test('flattened lists decode in numeric position order, nested ones too', () => {
  const params = parseEc2Params({ 'InstanceId.10': 'c', 'InstanceId.2': 'b', 'InstanceId.1': 'a', 'Filter.1.Name': 'tag:Name', 'Filter.1.Value.2': 'y', 'Filter.1.Value.1': 'x', MaxResults: '5' });
  assert.deepEqual(params.InstanceId, ['a', 'b', 'c']);
  assert.deepEqual(params.Filter, [{ Name: 'tag:Name', Value: ['x', 'y'] }]);
  assert.equal(params.MaxResults, '5');
  assert.deepEqual(ec2Request({ 'Filter.1.Name': 'vpc-id', 'Filter.1.Value.1': 'vpc-1' }).filters(), [{ name: 'vpc-id', values: ['vpc-1'] }]);
  assert.throws(() => ec2Request({ InstanceId: 'i-1' }).list('InstanceId'), (error: AwsError) => error.code === 'InvalidParameterValue');
  assert.throws(() => ec2Request({ DryRun: 'yes' }).boolean('DryRun'), (error: AwsError) => error.code === 'InvalidParameterValue');
});

interface Item {
  id: string;
  state: string;
  tags: Record<string, string>;
}

const ITEMS: Item[] = [
  { id: 'i-1', state: 'running', tags: { Name: 'tape-client', 'aws:cloudformation:stack-name': 'tape' } },
  { id: 'i-2', state: 'stopped', tags: { Name: 'tape-gateway', 'aws:cloudformation:stack-name': 'tape' } },
  { id: 'i-3', state: 'running', tags: { Name: 'other' } },
];
const FIELDS = { 'instance-id': (i: Item) => [i.id], 'instance-state-name': (i: Item) => [i.state] };
const ids = (items: Item[]) => items.map((i) => i.id);

test('filters: values OR together, filters AND together, * and ? wildcards, tag:KEY, tag-key, tag-value', () => {
  const run = (filters: { name: string; values: string[] }[]) => ids(applyFilters(ITEMS, filters, FIELDS, (i) => i.tags));
  assert.deepEqual(run([{ name: 'instance-state-name', values: ['stopped', 'pending'] }]), ['i-2']);
  assert.deepEqual(run([{ name: 'tag:aws:cloudformation:stack-name', values: ['tape'] }, { name: 'instance-state-name', values: ['running'] }]), ['i-1']);
  assert.deepEqual(run([{ name: 'tag:Name', values: ['tape-*'] }]), ['i-1', 'i-2']);
  assert.deepEqual(run([{ name: 'instance-id', values: ['i-?'] }]), ['i-1', 'i-2', 'i-3']);
  assert.deepEqual(run([{ name: 'tag-key', values: ['aws:cloudformation:*'] }]), ['i-1', 'i-2']);
  assert.deepEqual(run([{ name: 'tag-value', values: ['other'] }]), ['i-3']);
  assert.deepEqual(run([{ name: 'tag:Name', values: ['tape.client'] }]), [], 'a dot is literal, not a regular expression');
  assert.throws(() => run([{ name: 'colour', values: ['blue'] }]), (error: AwsError) => error.code === 'InvalidParameterValue' && error.message === "The filter 'colour' is invalid");
});

test('MaxResults/NextToken pages walk every item exactly once, in id order', () => {
  const many = Array.from({ length: 23 }, (_, n) => ({ id: `i-${String(n).padStart(3, '0')}`, state: 'running', tags: {} }));
  const seen: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const form: Record<string, string> = { MaxResults: '5', ...(token === undefined ? {} : { NextToken: token }) };
    const page = paginate(many, (i) => i.id, ec2Request(form), { min: 5, max: 1000 });
    seen.push(...ids(page.items));
    token = page.nextToken;
    pages += 1;
  } while (token !== undefined);
  assert.equal(pages, 5);
  assert.deepEqual(seen, ids(many));
  assert.deepEqual(ids(paginate(many, (i) => i.id, ec2Request({}), { min: 5, max: 1000 }).items), ids(many), 'no MaxResults: everything at once');
});

test('paging errors: MaxResults out of range, with explicit ids, or a forged token; volumes clamp large pages', () => {
  const code = (form: Record<string, string>, limits: { min: number; max: number; idsParameter?: string; clampToMax?: boolean }) => {
    try {
      paginate(ITEMS, (i) => i.id, ec2Request(form), limits);
      return 'ok';
    } catch (error) {
      return (error as AwsError).code;
    }
  };
  assert.equal(code({ MaxResults: '4' }, { min: 5, max: 1000 }), 'InvalidParameterValue');
  assert.equal(code({ MaxResults: '1001' }, { min: 5, max: 1000 }), 'InvalidParameterValue');
  assert.equal(code({ MaxResults: '5' }, { min: 5, max: 1000, idsParameter: 'instancesSet' }), 'InvalidParameterCombination');
  assert.equal(code({ NextToken: 'not a token' }, { min: 5, max: 1000 }), 'InvalidParameterValue');
  assert.equal(code({ MaxResults: '9999' }, { min: 5, max: 500, clampToMax: true }), 'ok');
});
