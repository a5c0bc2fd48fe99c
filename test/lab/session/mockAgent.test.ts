// The native client against a scripted agent on loopback: a KMS handshake it must decline, and a channel that closes before it starts.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { WebSocketServer, type WebSocket } from 'ws';
import { SessionChannel, type SessionEnd } from '../../../src/session';
import { decodeClientMessage, MessageType, parseHandshakeResponse, PayloadType, SequencedChannel, toJsonPayload } from '../../../src/session/protocol';

let server: Server;
let wss: WebSocketServer;
let script: (socket: WebSocket) => void = () => undefined;
let url = '';

before(async () => {
  server = createServer();
  wss = new WebSocketServer({ server });
  wss.on('connection', (socket) => socket.once('message', () => script(socket)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/v1/data-channel/s-1?role=publish_subscribe`;
});
after(async () => {
  wss.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('a KMSEncryption request is declined with ActionStatus 2 and the session ends with a clear error', async () => {
  const responses: ReturnType<typeof parseHandshakeResponse>[] = [];
  script = (socket) => {
    const agent = new SequencedChannel(MessageType.OutputStreamData, true);
    socket.on('message', (data: Buffer) => {
      const result = agent.accept(decodeClientMessage(data).message);
      if (result.ack) socket.send(result.ack);
      for (const message of result.deliver) if (message.payloadType === PayloadType.HandshakeResponse) responses.push(parseHandshakeResponse(message.payload));
    });
    socket.send(agent.frame(PayloadType.HandshakeRequest, toJsonPayload({ AgentVersion: '3.3.0.0', RequestedClientActions: [
      { ActionType: 'SessionType', ActionParameters: { SessionType: 'Standard_Stream', Properties: null } },
      { ActionType: 'KMSEncryption', ActionParameters: { KMSKeyId: 'arn:aws:kms:us-east-1:123456789012:key/abc' } },
    ] })));
  };
  let terminated = 0;
  const channel = new SessionChannel({ sessionId: 's-1', streamUrl: url, tokenValue: 'token', terminate: async () => void (terminated += 1) });
  const end = new Promise<SessionEnd>((resolve) => channel.onEnd(resolve));
  await assert.rejects(channel.open(), { code: 'HandshakeFailed' });
  const result = await end;
  assert.match(result.message, /KMS encryption .* not supported/);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(responses[0]?.ProcessedClientActions.map((a) => a.ActionStatus), [1, 2]);
  assert.equal(terminated, 1, 'the client ends the session with TerminateSession');
});

test('a channel that closes before any output fails with ClosedBeforeReady instead of waiting', async () => {
  script = (socket) => socket.close(1000);
  const channel = new SessionChannel({ sessionId: 's-1', streamUrl: url, tokenValue: 'token' });
  await assert.rejects(channel.open(), { code: 'ClosedBeforeReady' });
});

test('a session that opens but never speaks fails after the ready timeout', async () => {
  script = () => undefined;
  const channel = new SessionChannel({ sessionId: 's-1', streamUrl: url, tokenValue: 'token', readyTimeoutMs: 200 });
  await assert.rejects(channel.open(), { code: 'ClosedBeforeReady', message: /did not start within/ });
});
