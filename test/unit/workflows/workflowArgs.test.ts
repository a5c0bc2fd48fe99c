// Workflow command arguments from explicit options and from tree nodes that nest the domain object.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toWorkflowArgs } from '../../../src/extension/workflows/workflowArgs';

test('explicit options pass through; wrong types are dropped', () => {
  assert.deepEqual(toWorkflowArgs({ gatewayArn: 'arn:gw', drive: 0, drives: [0, 2, -1, 'x'], paths: ['/a', 3], toSlot: 1601, confirmed: true }), {
    gatewayArn: 'arn:gw', clientInstanceId: undefined, drive: 0, drives: [0, 2], slot: undefined, barcode: undefined, toSlot: 1601, paths: ['/a'], archive: undefined, directory: undefined, confirmed: true,
  });
  assert.deepEqual(toWorkflowArgs(undefined), {});
  assert.equal(toWorkflowArgs({ drive: 1.5 }).drive, undefined);
});

test('a gateway tree node (node.gateway.gatewayArn) and a tape node (node.tape.barcode) are understood', () => {
  assert.equal(toWorkflowArgs({ id: 'gateway:arn', gateway: { gatewayArn: 'arn:gw', name: 'gw' } }).gatewayArn, 'arn:gw');
  const tape = toWorkflowArgs({ gatewayArn: 'arn:gw', tape: { barcode: 'TEST0001' } });
  assert.equal(tape.barcode, 'TEST0001');
  assert.equal(toWorkflowArgs({ drive: { element: 3 } }).drive, 3);
});
