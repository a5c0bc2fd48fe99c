// The client's HandshakeResponse: SessionType succeeds, KMSEncryption is declined with a sentence, unknown actions are unsupported.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KMS_NOT_SUPPORTED, respondToHandshake } from '../../../src/session/handshakeResponse';

test('SessionType is processed with ActionStatus 1 and gives the session type', () => {
  const outcome = respondToHandshake({ AgentVersion: '3.3', RequestedClientActions: [{ ActionType: 'SessionType', ActionParameters: { SessionType: 'Standard_Stream', Properties: null } }] }, '1.2.0.0');
  assert.equal(outcome.sessionType, 'Standard_Stream');
  assert.equal(outcome.failure, undefined);
  assert.deepEqual(outcome.response, { ClientVersion: '1.2.0.0', ProcessedClientActions: [{ ActionType: 'SessionType', ActionStatus: 1, ActionResult: null, Error: '' }], Errors: null });
});

test('KMSEncryption is answered with ActionStatus 2 and a clear error', () => {
  const outcome = respondToHandshake({ AgentVersion: '3.3', RequestedClientActions: [
    { ActionType: 'SessionType', ActionParameters: { SessionType: 'Standard_Stream', Properties: null } },
    { ActionType: 'KMSEncryption', ActionParameters: { KMSKeyId: 'arn:aws:kms:us-east-1:123456789012:key/x' } },
    { ActionType: 'Teleport', ActionParameters: null },
  ] }, '1.2.0.0');
  assert.equal(outcome.failure, KMS_NOT_SUPPORTED);
  assert.deepEqual(outcome.response.ProcessedClientActions.map((a) => [a.ActionType, a.ActionStatus]), [['SessionType', 1], ['KMSEncryption', 2], ['Teleport', 3]]);
  assert.match(outcome.response.ProcessedClientActions[1].Error, /not supported/);
});

test('Port sessions are declined as unsupported by the built-in client', () => {
  const outcome = respondToHandshake({ AgentVersion: '3.3', RequestedClientActions: [{ ActionType: 'SessionType', ActionParameters: { SessionType: 'Port', Properties: { portNumber: '22' } } }] }, '1.2.0.0');
  assert.match(outcome.failure ?? '', /Port forwarding/);
  assert.equal(outcome.response.ProcessedClientActions[0].ActionStatus, 3);
});
