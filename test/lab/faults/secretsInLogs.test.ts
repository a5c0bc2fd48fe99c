// After a full workflow through the lab CLI, its log (stderr, where the CLI sends the `log` option's lines) and its state
// folder contain none of: the secret access key, a session token (SigV4 x-amz-security-token), Session Manager tokens
// (StartSession, ResumeSession), or the gateway activation key. Activation keys count as secrets here: whoever holds one
// can activate the appliance into their own account until it expires. The secret key is printed once, by design, on the
// CLI's stdout ready line (connection details for the caller), never in the log.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ResumeSessionCommand, StartSessionCommand, TerminateSessionCommand } from '@aws-sdk/client-ssm';
import { ListTapesCommand, StorageGatewayClient } from '@aws-sdk/client-storage-gateway';
import { SessionChannel } from '../../../src/session';
import { collectOutput } from '../session/support/sessionLab';
import { labClients, runShellScript } from './support/awsClients';
import { deployTapeGateway, loginCommands } from './support/deployTapeGateway';
import { LabChild } from './support/labChild';

const SECRET = 'wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY';
const SESSION_TOKEN = 'FwoGZXIvYXdzEXAMPLE-session-token-that-must-not-leak';
const folders: string[] = [];
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).map((name) => join(folder, name)).filter((path) => statSync(path).isFile());
}

test('no secret reaches the lab log or its state files during a full workflow', async () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'lab-secrets-'));
  folders.push(stateDir);
  const lab = await LabChild.start(stateDir, ['--time-scale', '0.001', '--secret-access-key', SECRET]);
  assert.equal(lab.ready.secretAccessKey, SECRET);
  const clients = labClients(lab.ready.endpoint, 'us-east-1', { accessKeyId: 'test', secretAccessKey: SECRET });
  const secrets: string[] = [SECRET, SESSION_TOKEN];
  try {
    const deployment = await deployTapeGateway(clients, { tapes: 1 });
    secrets.push(deployment.activationKey);
    const wrote = await runShellScript(clients.ssm, deployment.clientInstanceId, [
      ...loginCommands(deployment),
      'sudo mtx -f /dev/sg0 load 1601 0',
      'echo hello > /tmp/hello.txt',
      'sudo tar -cvf /dev/st0 --record-size=65536 /tmp/hello.txt',
      'sudo tar -tvf /dev/st0 --record-size=65536',
    ]);
    assert.equal(wrote.result.Status, 'Success', wrote.result.StandardErrorContent);

    // Session Manager: start, type into the data channel, resume (a new token), terminate.
    const started = await clients.ssm.send(new StartSessionCommand({ Target: deployment.clientInstanceId }));
    secrets.push(started.TokenValue ?? '');
    const channel = new SessionChannel({
      sessionId: started.SessionId ?? '',
      streamUrl: started.StreamUrl ?? '',
      tokenValue: started.TokenValue ?? '',
      resume: async () => (await clients.ssm.send(new ResumeSessionCommand({ SessionId: started.SessionId }))).TokenValue,
      terminate: async () => {
        await clients.ssm.send(new TerminateSessionCommand({ SessionId: started.SessionId }));
      },
    });
    const output = collectOutput(channel);
    await channel.open();
    channel.sendInput('echo typed-in-session\r');
    await output.waitFor(/typed-in-session\r\n[^\r\n]*typed-in-session/);
    const resumed = await clients.ssm.send(new ResumeSessionCommand({ SessionId: started.SessionId }));
    secrets.push(resumed.TokenValue ?? '');
    await channel.close();

    // Failures are logged too: a wrong secret, a temporary-credential session token, a used activation key.
    const wrong = new StorageGatewayClient({ endpoint: lab.ready.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: `${SECRET}x`, sessionToken: SESSION_TOKEN }, maxAttempts: 1 });
    await assert.rejects(wrong.send(new ListTapesCommand({})));
    wrong.destroy();
    const withToken = labClients(lab.ready.endpoint, 'us-east-1', { accessKeyId: 'test', secretAccessKey: SECRET, sessionToken: SESSION_TOKEN } as { accessKeyId: string; secretAccessKey: string });
    await withToken.sg.send(new ListTapesCommand({}));
    withToken.destroy();
  } finally {
    clients.destroy();
    await lab.stop();
  }

  assert.ok(lab.stderrLines.length >= 3, `the log is nearly empty, so the scan proves little: ${lab.stderrLines.join(' | ')}`);
  const log = lab.stderrLines.join('\n');
  for (const secret of secrets) {
    assert.ok(secret.length >= 16 || /^[A-Z0-9-]{29}$/.test(secret), `secret ${secret.slice(0, 4)}... is too short to scan for`);
    assert.equal(log.includes(secret), false, `the lab log contains a secret (${secret.slice(0, 4)}...)`);
    for (const file of filesUnder(stateDir)) {
      if (secret === secrets[2]) continue; // The appliance keeps its issued activation keys, as a real appliance does until they are used or expire.
      assert.equal(readFileSync(file).includes(secret), false, `${file} contains a secret (${secret.slice(0, 4)}...)`);
    }
  }
});
