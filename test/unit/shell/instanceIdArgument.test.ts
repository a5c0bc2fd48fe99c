// The session terminal command's argument: instance ids and tree nodes are accepted, anything else leads to the quick pick.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { instanceIdFromArgument } from '../../../src/extension/shell/instanceIdArgument';

test('instance ids, managed-instance ids and tree nodes give the id', () => {
  assert.equal(instanceIdFromArgument('i-0205370d5c210e708'), 'i-0205370d5c210e708');
  assert.equal(instanceIdFromArgument('i-0123abcd'), 'i-0123abcd');
  assert.equal(instanceIdFromArgument('mi-0123456789abcdef0'), 'mi-0123456789abcdef0');
  assert.equal(instanceIdFromArgument({ instanceId: 'i-0205370d5c210e708', label: 'client' }), 'i-0205370d5c210e708');
  assert.equal(instanceIdFromArgument({ instance: { instanceId: 'i-0205370d5c210e708' } }), 'i-0205370d5c210e708');
});

test('anything else is no id', () => {
  for (const value of [undefined, null, 42, '', 'i-XYZ', 'i-0205370d5c210e708; rm -rf /', { instanceId: 7 }, { id: 'i-0205370d5c210e708' }, []]) {
    assert.equal(instanceIdFromArgument(value), undefined, JSON.stringify(value));
  }
});
