// The polling helper: returns the first value, and on time-out names what it waited for and the last error instead of swallowing it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually, eventuallyMatches } from '../eventually';

test('returns the first value once the check stops returning undefined or throwing', async () => {
  let calls = 0;
  const value = await eventually('the third call', () => {
    calls += 1;
    if (calls === 1) throw new Error('not there yet');
    return calls === 3 ? 'ready' : undefined;
  }, 5000, 1);
  assert.equal(value, 'ready');
  assert.equal(calls, 3);
});

test('a time-out names what was awaited and carries the last error', async () => {
  const failure = new Error('AccessDeniedException: not allowed');
  await assert.rejects(eventually('the tape to be ARCHIVED', () => Promise.reject(failure), 30, 5), (error: Error) => {
    assert.match(error.message, /^Timed out after 30 ms waiting for the tape to be ARCHIVED; the last attempt failed: AccessDeniedException: not allowed$/);
    assert.equal(error.cause, failure);
    return true;
  });
  await assert.rejects(eventually('nothing', () => undefined, 10, 5), /^Error: Timed out after 10 ms waiting for nothing$/);
});

test('eventuallyMatches returns the matching text, or shows what it read', async () => {
  let text = 'sh-4.2';
  setTimeout(() => (text += '$ '), 5);
  assert.equal(await eventuallyMatches(() => text, /\$ $/, 5000), 'sh-4.2$ ');
  await assert.rejects(eventuallyMatches(() => 'no prompt', /\$ $/, 20), /waiting for \/\\\$ \$\/; got "no prompt"/);
});
