// Interop with clients nobody here wrote: the official session-manager-plugin (when installed) and the AWS CLI v2.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { after, before, test } from 'node:test';
import { StartSessionCommand, TerminateSessionCommand } from '@aws-sdk/client-ssm';
import type { ClientHost, InteractiveShell } from '../../../src/lab/hosts/ClientHost';
import { INSTANCE_ID, startSessionLab, type SessionLab } from './support/sessionLab';
import { NO_AWS_CLI, skipUnless } from '../systemTools';

const AWS_CLI = '/usr/bin/aws';

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

const plugin = findOnPath('session-manager-plugin');
const PLUGIN_SKIP = plugin ? false : 'skipped: session-manager-plugin is not on PATH (it is not installable here); the same scenario runs with the native client in sessionChannel.test.ts';

/** An `sh-4.2$ ` prompt that echoes what is typed and answers each line with "you ran: <line>"; `exit` ends it. */
function runnerShell(): InteractiveShell {
  const output = new Set<(data: Uint8Array) => void>();
  const exits = new Set<(code: number) => void>();
  const emit = (text: string) => output.forEach((listener) => listener(Buffer.from(text)));
  let line = '';
  setImmediate(() => emit('sh-4.2$ '));
  return {
    write(data) {
      for (const char of Buffer.from(data).toString('utf8')) {
        if (char !== '\r' && char !== '\n') {
          line += char;
          emit(char);
          continue;
        }
        const typed = line.trim();
        line = '';
        emit('\r\n');
        if (typed === 'exit') setImmediate(() => exits.forEach((listener) => listener(0)));
        else emit(`${typed ? `you ran: ${typed}\r\n` : ''}sh-4.2$ `);
      }
    },
    resize: () => undefined,
    onOutput: (listener) => (output.add(listener), { dispose: () => output.delete(listener) }),
    onExit: (listener) => (exits.add(listener), { dispose: () => exits.delete(listener) }),
    close: () => undefined,
  };
}

const host: ClientHost = {
  instanceId: INSTANCE_ID,
  privateIp: '10.0.1.10',
  hostname: 'ip-10-0-1-10.ec2.internal',
  runner: { run: async (script) => ({ stdout: `you ran: ${script}\n`, stderr: '', exitCode: 0 }) },
  openSession: () => runnerShell(),
};

let lab: SessionLab;
before(async () => {
  lab = await startSessionLab({ resolveClientHost: (id) => (id === INSTANCE_ID ? host : undefined) });
});
after(() => lab.stop());

function labEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, AWS_ACCESS_KEY_ID: lab.lab.accessKeyId, AWS_SECRET_ACCESS_KEY: lab.lab.secretAccessKey, AWS_EC2_METADATA_DISABLED: 'true', AWS_PAGER: '', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
}

/** Runs a program with a watchdog: types `echo hi` at the prompt, then `exit`; resolves with stdout and the exit code. */
function converse(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stage = 0;
    const watchdog = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} did not finish within 30 s; output so far: ${JSON.stringify(stdout.slice(-300))}`));
    }, 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (stage === 0 && stdout.includes('sh-4.2$ ')) {
        stage = 1;
        child.stdin.write('echo hi\n');
      } else if (stage === 1 && stdout.includes('you ran: echo hi')) {
        stage = 2;
        child.stdin.write('exit\n');
      }
    });
    child.on('error', (error) => {
      clearTimeout(watchdog);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(watchdog);
      resolve({ stdout, code });
    });
  });
}

test(`session-manager-plugin run as the AWS CLI runs it gets a command's output back (${PLUGIN_SKIP ? 'plugin not installed' : plugin})`, { skip: PLUGIN_SKIP }, async () => {
  const started = await lab.ssm.send(new StartSessionCommand({ Target: INSTANCE_ID }));
  const envName = 'AWS_SSM_START_SESSION_RESPONSE_LAB_TEST';
  const env = { ...labEnvironment(), [envName]: JSON.stringify({ SessionId: started.SessionId, TokenValue: started.TokenValue, StreamUrl: started.StreamUrl }) };
  const { stdout, code } = await converse(plugin ?? '', [envName, lab.lab.region, 'StartSession', '', JSON.stringify({ Target: INSTANCE_ID }), lab.lab.endpoint], env);
  assert.match(stdout, /you ran: echo hi/);
  assert.match(stdout, /Exiting session with sessionId/);
  assert.equal(code, 0);
});

test(`aws ssm start-session --endpoint-url reaches the lab's data channel (${PLUGIN_SKIP ? 'plugin not installed' : plugin})`, { skip: skipUnless(PLUGIN_SKIP, NO_AWS_CLI) }, async () => {
  const { stdout, code } = await converse(AWS_CLI, ['ssm', 'start-session', '--target', INSTANCE_ID, '--endpoint-url', lab.lab.endpoint, '--region', lab.lab.region], labEnvironment());
  assert.match(stdout, /you ran: echo hi/);
  assert.equal(code, 0);
});

test('aws ssm describe-sessions (AWS CLI v2) lists an active lab session', { skip: NO_AWS_CLI }, async () => {
  const started = await lab.ssm.send(new StartSessionCommand({ Target: INSTANCE_ID, Reason: 'interop check' }));
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(AWS_CLI, ['ssm', 'describe-sessions', '--state', 'Active', '--endpoint-url', lab.lab.endpoint, '--region', lab.lab.region, '--output', 'json'], { env: labEnvironment() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`aws exited ${code}: ${stderr}`))));
  });
  const sessions = (JSON.parse(output) as { Sessions: { SessionId: string; Target: string; Status: string; Reason?: string }[] }).Sessions;
  const found = sessions.find((session) => session.SessionId === started.SessionId);
  assert.deepEqual(found && { Target: found.Target, Status: found.Status, Reason: found.Reason }, { Target: INSTANCE_ID, Status: 'Connecting', Reason: 'interop check' });
  await lab.ssm.send(new TerminateSessionCommand({ SessionId: started.SessionId }));
});
