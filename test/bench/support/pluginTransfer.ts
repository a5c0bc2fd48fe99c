// The official session-manager-plugin as a bench client: found on PATH, run as the AWS CLI runs it, timed on one `cat N` of a lab session.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { StartSessionCommand } from '@aws-sdk/client-ssm';
import { INSTANCE_ID, type SessionLab } from '../../lab/session/support/sessionLab';
import { PROMPT } from '../../lab/session/support/TestShell';

/** The plugin's path when it is on PATH; the reason it is not measured otherwise. */
export function findSessionManagerPlugin(): { path: string } | { skip: string } {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'session-manager-plugin');
    try {
      accessSync(candidate, constants.X_OK);
      return { path: candidate };
    } catch {
      // not in this folder
    }
  }
  return { skip: 'session-manager-plugin is not on PATH (it is not installable on this machine), so the native-vs-plugin ratio is not measured' };
}

/**
 * Starts a session on the lab, runs the plugin with the six arguments the AWS CLI passes (response JSON, region,
 * StartSession, profile, request parameters, endpoint), types `cat <bytes>` once the prompt shows, and times until the
 * output and the next prompt have arrived on its stdout. Resolves with MB/s; a watchdog kills a plugin that hangs.
 */
export async function pluginTransfer(plugin: string, lab: SessionLab, bytes: number): Promise<number> {
  const started = await lab.ssm.send(new StartSessionCommand({ Target: INSTANCE_ID }));
  const response = JSON.stringify({ SessionId: started.SessionId, TokenValue: started.TokenValue, StreamUrl: started.StreamUrl });
  const env = { ...process.env, AWS_ACCESS_KEY_ID: lab.lab.accessKeyId, AWS_SECRET_ACCESS_KEY: lab.lab.secretAccessKey, AWS_EC2_METADATA_DISABLED: 'true' };
  const child = spawn(plugin, [response, lab.lab.region, 'StartSession', '', JSON.stringify({ Target: INSTANCE_ID }), lab.lab.endpoint], { env, stdio: ['pipe', 'pipe', 'ignore'] });
  return new Promise<number>((resolve, reject) => {
    const command = `cat ${bytes}`;
    let seen = 0;
    let tail = '';
    let startedAt = 0;
    let target = Infinity;
    const watchdog = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`session-manager-plugin did not deliver ${bytes} bytes within 120 s (got ${seen}).`));
    }, 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (startedAt === 0) {
        tail = (tail + chunk.toString('latin1')).slice(-64);
        if (!tail.endsWith(PROMPT)) return;
        // The prompt is on screen: from here the plugin must print the echo, the output and the next prompt.
        target = seen + command.length + 2 + bytes + PROMPT.length;
        startedAt = performance.now();
        child.stdin.write(`${command}\r`);
        return;
      }
      if (seen < target) return;
      const elapsed = performance.now() - startedAt;
      clearTimeout(watchdog);
      child.kill('SIGTERM');
      resolve(bytes / 1e6 / (elapsed / 1000));
    });
    child.on('error', (error) => {
      clearTimeout(watchdog);
      reject(error);
    });
  });
}
