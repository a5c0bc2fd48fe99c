// The real AWS CLI v2 (/usr/bin/aws) pointed at a lab: an empty config file, the lab's keys, JSON output, no pager.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningLab } from '../../../src/lab';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface AwsCli {
  run(args: readonly string[]): Promise<CliResult>;
  /** Runs a command that must succeed and parses its JSON output ({} when it prints nothing). */
  json<T = Record<string, unknown>>(args: readonly string[]): Promise<T>;
}

export async function awsCli(lab: RunningLab): Promise<AwsCli> {
  const home = await mkdtemp(join(tmpdir(), 'e2e-cli-'));
  const emptyConfig = join(home, 'aws-config');
  await writeFile(emptyConfig, '');
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    AWS_ACCESS_KEY_ID: lab.accessKeyId,
    AWS_SECRET_ACCESS_KEY: lab.secretAccessKey,
    AWS_DEFAULT_REGION: lab.region,
    AWS_CONFIG_FILE: emptyConfig,
    AWS_SHARED_CREDENTIALS_FILE: emptyConfig,
    AWS_PAGER: '',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  const run = (args: readonly string[]) =>
    new Promise<CliResult>((resolve) => {
      execFile('/usr/bin/aws', [...args, '--endpoint-url', lab.endpoint, '--output', 'json'], { env, timeout: 90_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      });
    });
  return {
    run,
    async json<T>(args: readonly string[]): Promise<T> {
      const result = await run(args);
      assert.equal(result.code, 0, `aws ${args.join(' ')}\n${result.stderr}`);
      return (result.stdout.trim() === '' ? {} : JSON.parse(result.stdout)) as T;
    },
  };
}

interface Invocation {
  readonly Status: string;
  readonly ResponseCode: number;
  readonly StandardOutputContent: string;
  readonly StandardErrorContent: string;
}

/**
 * `aws ssm send-command` (AWS-RunShellScript), then `aws ssm get-command-invocation` until the command has ended (bounded).
 * With `waitForRegistration`, an InvalidInstanceId answer (the agent has not registered yet after boot) is retried.
 */
export async function sendCommandWithCli(cli: AwsCli, instanceId: string, commands: readonly string[], waitForRegistration = false): Promise<Invocation> {
  const args = ['ssm', 'send-command', '--instance-ids', instanceId, '--document-name', 'AWS-RunShellScript', '--parameters', JSON.stringify({ commands })];
  let sent = await cli.run(args);
  for (let attempt = 0; waitForRegistration && sent.code !== 0 && /InvalidInstanceId/.test(sent.stderr) && attempt < 20; attempt += 1) sent = await cli.run(args);
  assert.equal(sent.code, 0, sent.stderr);
  const commandId = (JSON.parse(sent.stdout) as { Command: { CommandId: string } }).Command.CommandId;
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const result = await cli.run(['ssm', 'get-command-invocation', '--command-id', commandId, '--instance-id', instanceId]);
    if (result.code === 0) {
      const invocation = JSON.parse(result.stdout) as Invocation;
      if (!['Pending', 'InProgress', 'Delayed'].includes(invocation.Status)) return invocation;
    } else {
      // Right after SendCommand AWS may answer InvocationDoesNotExist for a moment; anything else is a failure.
      assert.match(result.stderr, /InvocationDoesNotExist/, result.stderr);
    }
  }
  throw new Error(`Command ${commandId} (${commands.join('; ')}) did not finish.`);
}
