// Server-side validation wording (Coral's "N validation error(s) detected"), type errors and marker paging.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AwsError } from '../../../src/lab/http/AwsError';
import { paginate } from '../../../src/lab/services/storageGateway/pagination';
import { GATEWAY_ARN, TAGS } from '../../../src/lab/services/storageGateway/shapes';
import { bool, integer, list, optional, required, str, validateInput } from '../../../src/lab/services/storageGateway/validation';

function failure(run: () => unknown): AwsError {
  try {
    run();
  } catch (error) {
    if (error instanceof AwsError) return error;
    throw error;
  }
  assert.fail('expected an AwsError');
}

test('the SDK smoke test message for a too-short GatewayARN', () => {
  const error = failure(() => validateInput({ GatewayARN: GATEWAY_ARN }, { GatewayARN: 'fake_gateway' }));
  assert.equal(error.code, 'ValidationException');
  assert.equal(error.status, 400);
  assert.equal(error.message, "1 validation error detected: Value 'fake_gateway' at 'gatewayARN' failed to satisfy constraint: Member must have length greater than or equal to 50");
});

test('several problems are counted and joined with "; "; missing members say "must not be null"', () => {
  const shape = { GatewayARN: GATEWAY_ARN, NumTapesToCreate: required(integer({ min: 1, max: 10 })), TapeBarcodePrefix: required(str({ min: 1, max: 4, pattern: /^[A-Z]*$/ })) };
  const error = failure(() => validateInput(shape, { NumTapesToCreate: 11, TapeBarcodePrefix: 'ab' }));
  assert.equal(
    error.message,
    "3 validation errors detected: Value null at 'gatewayARN' failed to satisfy constraint: Member must not be null; " +
      "Value '11' at 'numTapesToCreate' failed to satisfy constraint: Member must have value less than or equal to 10; " +
      "Value 'ab' at 'tapeBarcodePrefix' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[A-Z]*$",
  );
});

test('list members and nested structures use Coral paths; enums list their values', () => {
  const error = failure(() => validateInput({ Tags: TAGS, StorageClass: optional(str({ enum: ['DEEP_ARCHIVE', 'GLACIER'] })) }, { Tags: [{ Key: 'a', Value: 'b' }, { Value: 'c' }], StorageClass: 'S3' }));
  assert.equal(
    error.message,
    "2 validation errors detected: Value null at 'tags.2.member.key' failed to satisfy constraint: Member must not be null; " +
      "Value 'S3' at 'storageClass' failed to satisfy constraint: Member must satisfy enum value set: [DEEP_ARCHIVE, GLACIER]",
  );
});

test('wrong JSON types are SerializationException; unknown members are ignored; null counts as absent', () => {
  assert.equal(failure(() => validateInput({ Limit: optional(integer()) }, { Limit: '5' })).code, 'SerializationException');
  assert.equal(failure(() => validateInput({ Worm: optional(bool()) }, { Worm: 'true' })).message, 'VALUE_STRING can not be converted to a Boolean');
  assert.equal(failure(() => validateInput({ DiskIds: optional(list(str())) }, { DiskIds: 'd1' })).code, 'SerializationException');
  assert.equal(failure(() => validateInput({ Limit: optional(integer()) }, { Limit: 1.5 })).code, 'SerializationException');
  assert.deepEqual(validateInput({ Limit: optional(integer()) }, { Limit: null, Unknown: { deep: [1] } }), {});
});

test('string length counts code points, so odd Unicode is measured as AWS does', () => {
  assert.deepEqual(validateInput({ Name: required(str({ max: 2 })) }, { Name: '😀😀' }), { Name: '😀😀' });
  assert.equal(failure(() => validateInput({ Name: required(str({ max: 2 })) }, { Name: '😀😀😀' })).code, 'ValidationException');
});

test('paging: opaque markers, no marker on the last page, bad markers refused', () => {
  const items = Array.from({ length: 5 }, (_, i) => `k${i}`);
  const first = paginate(items, (k) => k, undefined, 2);
  assert.deepEqual(first.items, ['k0', 'k1']);
  assert.ok(first.marker && !first.marker.includes('k1'));
  const second = paginate(items, (k) => k, first.marker, 2);
  assert.deepEqual(second.items, ['k2', 'k3']);
  const last = paginate(items, (k) => k, second.marker, 2);
  assert.deepEqual(last.items, ['k4']);
  assert.equal(last.marker, undefined);
  assert.equal(paginate(items, (k) => k, undefined, 5).marker, undefined);
  assert.equal(failure(() => paginate(items, (k) => k, 'garbage', 2)).code, 'InvalidGatewayRequestException');
});
