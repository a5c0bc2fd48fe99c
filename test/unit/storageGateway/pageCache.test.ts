// Cached read pages: the same bytes while the region's records stay as they are, a fresh page after any change.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cachedPage } from '../../../src/lab/services/storageGateway/pageCache';
import { StateStore } from '../../../src/lab/state/StateStore';

interface Item {
  name: string;
}

test('a page is made once per store version and request; any put, touch or delete makes the next one afresh', () => {
  const store = new StateStore(undefined);
  const items = store.table<Item>('items');
  items.put('a', { name: 'first' });
  let made = 0;
  const page = (request: string) =>
    cachedPage(store, request, () => {
      made += 1;
      return { names: [...items.values()].map((item) => item.name), request };
    });
  const read = (request: string) => JSON.parse(page(request).bytes.toString('utf8')) as { names: string[]; request: string };

  assert.deepEqual(read('all'), { names: ['first'], request: 'all' });
  assert.equal(page('all'), page('all'), 'the same serialized page while nothing changed');
  assert.equal(made, 1);
  assert.deepEqual(read('other'), { names: ['first'], request: 'other' });
  assert.equal(made, 2, 'another request is another page');

  items.put('b', { name: 'second' });
  assert.deepEqual(read('all').names, ['first', 'second']);
  const record = items.get('a');
  assert.ok(record);
  record.name = 'renamed';
  items.touch('a');
  assert.deepEqual(read('all').names, ['renamed', 'second']);
  items.delete('b');
  assert.deepEqual(read('all').names, ['renamed']);
  assert.equal(made, 5);
});

test('a page that fails to be made is not kept, and another store has pages of its own', () => {
  const store = new StateStore(undefined);
  const other = new StateStore(undefined);
  assert.throws(() => cachedPage(store, 'bad', () => {
    throw new Error('refused');
  }), /refused/);
  assert.equal(cachedPage(store, 'bad', () => ({ ok: true })).bytes.toString(), '{"ok":true}');
  assert.equal(cachedPage(other, 'bad', () => ({ ok: 'other' })).bytes.toString(), '{"ok":"other"}');
});
