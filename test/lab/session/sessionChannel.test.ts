// Session Manager through the real @aws-sdk/client-ssm and the native client against the lab's data channel.
import assert from 'node:assert/strict';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { DescribeSessionsCommand, ResumeSessionCommand, StartSessionCommand, TerminateSessionCommand } from '@aws-sdk/client-ssm';
import { SessionChannel, SessionChannelError, type SessionEnd } from '../../../src/session';
import { collectOutput, INSTANCE_ID, startSessionLab, type SessionLab } from './support/sessionLab';
import { catBytes, PROMPT } from './support/TestShell';

function ended(channel: SessionChannel): Promise<SessionEnd> {
  return new Promise((resolve) => channel.onEnd(resolve));
}

describe('Session Manager in the lab', () => {
  let lab: SessionLab;
  before(async () => {
    lab = await startSessionLab();
  });
  after(() => lab.stop());

  test('StartSession returns a session id, a token and a ws:// StreamUrl on the lab port', async () => {
    const started = await lab.ssm.send(new StartSessionCommand({ Target: INSTANCE_ID }));
    assert.match(started.SessionId ?? '', /^lab-user-[0-9a-f]{17}$/);
    assert.ok((started.TokenValue ?? '').length > 20 && (started.TokenValue ?? '').length <= 300);
    assert.equal(started.StreamUrl, `ws://127.0.0.1:${lab.lab.port}/v1/data-channel/${started.SessionId}?role=publish_subscribe`);
    await lab.ssm.send(new TerminateSessionCommand({ SessionId: started.SessionId }));
  });

  test('StartSession on an unknown instance fails with TargetNotConnected', async () => {
    await assert.rejects(lab.ssm.send(new StartSessionCommand({ Target: 'i-0000000000000dead' })), (error: Error) => {
      assert.equal(error.name, 'TargetNotConnected');
      assert.equal(error.message, 'i-0000000000000dead is not connected.');
      return true;
    });
  });

  test('StartSession with a document the lab cannot run fails with InvalidDocument', async () => {
    await assert.rejects(lab.ssm.send(new StartSessionCommand({ Target: INSTANCE_ID, DocumentName: 'AWS-StartPortForwardingSession' })), { name: 'InvalidDocument' });
  });

  test('keystrokes are echoed and commands answered through the data channel', async () => {
    const { channel } = await lab.openChannel();
    const output = collectOutput(channel);
    await channel.open();
    assert.equal(channel.sessionType, 'Standard_Stream');
    await output.waitFor((text) => text.startsWith(PROMPT));
    channel.sendInput('echo hello\r');
    await output.waitFor(/echo hello\r\necho hello\r\n\$ $/);
    await channel.close();
  });

  test('the terminal size is sent after the session starts and on every resize', async () => {
    const { channel } = await lab.openChannel({ initialSize: { columns: 100, rows: 30 } });
    const output = collectOutput(channel);
    await channel.open();
    channel.resize(132, 43);
    channel.sendInput('size\r');
    await output.waitFor(/132x43\r\n/);
    const shell = lab.host.shells[lab.host.shells.length - 1];
    assert.deepEqual(shell.sizes.slice(1), [{ columns: 100, rows: 30 }, { columns: 132, rows: 43 }]);
    await channel.close();
  });

  test('a megabyte of output arrives complete and in order', async () => {
    const { channel } = await lab.openChannel();
    const output = collectOutput(channel);
    await channel.open();
    await output.waitFor((text) => text.startsWith(PROMPT));
    const before = output.byteCount();
    channel.sendInput('cat 1048576\r');
    const expectedLength = before + 'cat 1048576\r\n'.length + 1048576 + PROMPT.length;
    await output.waitFor(() => output.byteCount() >= expectedLength);
    const bytes = output.bytes();
    const start = before + 'cat 1048576\r\n'.length;
    assert.ok(bytes.subarray(start, start + 1048576).equals(catBytes(1048576)));
    assert.equal(bytes.length, expectedLength);
    await channel.close();
  });

  test('exit ends the session with channel_closed after the last output', async () => {
    const { channel, sessionId } = await lab.openChannel();
    const output = collectOutput(channel);
    const end = ended(channel);
    await channel.open();
    channel.sendInput('exit\r');
    const result = await end;
    assert.equal(result.reason, 'channelClosed');
    assert.equal(result.message, `Exiting session with sessionId: ${sessionId}.`);
    assert.match(output.text(), /logout\r\n$/);
    const history = await lab.ssm.send(new DescribeSessionsCommand({ State: 'History', Filters: [{ key: 'SessionId', value: sessionId }] }));
    assert.equal(history.Sessions?.[0]?.Status, 'Terminated');
    assert.ok(history.Sessions?.[0]?.EndDate instanceof Date);
  });

  test('closing the client calls TerminateSession: the shell closes and the session moves to History', async () => {
    const { channel, sessionId } = await lab.openChannel();
    await channel.open();
    const active = await lab.ssm.send(new DescribeSessionsCommand({ State: 'Active', Filters: [{ key: 'SessionId', value: sessionId }] }));
    assert.equal(active.Sessions?.[0]?.Status, 'Connected');
    assert.equal(active.Sessions?.[0]?.Target, INSTANCE_ID);
    const shell = lab.host.shells[lab.host.shells.length - 1];
    await channel.close();
    assert.equal(shell.closed, true);
    const history = await lab.ssm.send(new DescribeSessionsCommand({ State: 'History', Filters: [{ key: 'SessionId', value: sessionId }] }));
    assert.equal(history.Sessions?.[0]?.Status, 'Terminated');
    const resumed = await lab.ssm.send(new ResumeSessionCommand({ SessionId: sessionId }));
    assert.equal(resumed.TokenValue, undefined, 'a terminated session resumes without a token so the plugin exits cleanly');
  });

  test('TerminateSession from elsewhere sends channel_closed to the client', async () => {
    const { channel, sessionId } = await lab.openChannel();
    const end = ended(channel);
    await channel.open();
    await lab.ssm.send(new TerminateSessionCommand({ SessionId: sessionId }));
    assert.equal((await end).reason, 'channelClosed');
  });

  test('ResumeSession for an unknown session fails with DoesNotExistException', async () => {
    await assert.rejects(lab.ssm.send(new ResumeSessionCommand({ SessionId: 'lab-user-00000000000000000' })), { name: 'DoesNotExistException' });
  });

  test('DescribeSessions pages with MaxResults and NextToken, newest first, filtered by Target', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await lab.ssm.send(new StartSessionCommand({ Target: INSTANCE_ID, Reason: `page ${i}` }))).SessionId ?? '');
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await lab.ssm.send(new DescribeSessionsCommand({ State: 'Active', MaxResults: 2, NextToken: nextToken, Filters: [{ key: 'Target', value: INSTANCE_ID }, { key: 'Status', value: 'Connecting' }] }));
      assert.ok((page.Sessions ?? []).length <= 2);
      seen.push(...(page.Sessions ?? []).map((session) => session.SessionId ?? ''));
      nextToken = page.NextToken;
      pages += 1;
    } while (nextToken && pages < 10);
    for (const id of ids) assert.ok(seen.includes(id), `${id} listed`);
    assert.ok(pages >= 2);
    await assert.rejects(lab.ssm.send(new DescribeSessionsCommand({ State: 'Active', NextToken: 'bm90LWEtbnVtYmVy' })), { name: 'InvalidNextToken' });
    for (const id of ids) await lab.ssm.send(new TerminateSessionCommand({ SessionId: id }));
  });

  test('DescribeSessions refuses an unknown filter key', async () => {
    // The key is an enum in the model, so the service's input validation refuses it before the operation runs.
    await assert.rejects(
      lab.ssm.send(new DescribeSessionsCommand({ State: 'Active', Filters: [{ key: 'Colour' as 'Target', value: 'x' }] })),
      (error: Error) => error.name === 'ValidationException' && /Value 'Colour' at 'filters\.1\.member\.key' failed to satisfy constraint: Member must satisfy enum value set/.test(error.message),
    );
  });

  test('a wrong token is refused with a clear error', async () => {
    const { channel } = await lab.openChannel({ tokenValue: 'not-the-token' });
    await assert.rejects(channel.open(), (error: Error) => error instanceof SessionChannelError && error.code === 'TokenRefused' && /refused the session token/.test(error.message));
    assert.ok(lab.logs.every((line) => !line.includes('not-the-token')), 'tokens never reach the log');
  });

  test('a stream URL where nothing listens fails fast as Unreachable', async () => {
    const server = createTcpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const channel = new SessionChannel({ sessionId: 's', streamUrl: `ws://127.0.0.1:${port}/v1/data-channel/s`, tokenValue: 't', openTimeoutMs: 2000 });
    await assert.rejects(channel.open(), { code: 'Unreachable' });
  });

  test('a socket that never opens times out instead of hanging', async () => {
    const sockets: Socket[] = [];
    const silent: TcpServer = createTcpServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const channel = new SessionChannel({ sessionId: 's', streamUrl: `ws://127.0.0.1:${port}/v1/data-channel/s`, tokenValue: 't', openTimeoutMs: 300 });
    await assert.rejects(channel.open(), { code: 'OpenTimeout' });
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });
});

describe('Session Manager with the handshake', () => {
  let lab: SessionLab;
  before(async () => {
    lab = await startSessionLab({ sessionHandshake: 'always' });
  });
  after(() => lab.stop());

  test('the client answers SessionType, waits for HandshakeComplete, then runs the shell', async () => {
    const { channel } = await lab.openChannel();
    const output = collectOutput(channel);
    channel.sendInput('early\r');
    await channel.open();
    assert.equal(channel.sessionType, 'Standard_Stream');
    await output.waitFor(/early\r\nearly\r\n\$ $/);
    await channel.close();
  });
});

describe('stopping the lab', () => {
  test('open sessions get channel_closed with a reason and stop() does not hang', async () => {
    const lab = await startSessionLab();
    const { channel, sessionId } = await lab.openChannel();
    const end = ended(channel);
    await channel.open();
    await lab.stop();
    const result = await end;
    assert.equal(result.reason, 'channelClosed');
    assert.equal(result.message, `SessionId: ${sessionId} : The lab is shutting down.`);
  });
});
