// `npm start`: builds, starts the lab, then code-server with the extension installed and connected to that lab.
import { execFileSync, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { PROJECT_ROOT, freePort, startCodeServer } from '../test/host/codeServer.mjs';
import { missingSystemPackages } from '../test/host/installCodeServer.mjs';

// code-server only: Chromium and the AWS CLI are for the tests.
const problem = missingSystemPackages(['codeServer']);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}
execFileSync(process.execPath, [join(PROJECT_ROOT, '.dev', 'build.mjs'), '--only=extension,dashboard,lab'], { stdio: 'inherit' });

const lab = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'lab.js'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const connection = await new Promise((resolve, reject) => {
  lab.once('exit', (code) => reject(new Error(`The lab exited with code ${code} before it was ready.`)));
  createInterface({ input: lab.stdout }).once('line', (line) => resolve(JSON.parse(line)));
});
const port = Number(process.env.PORT) || (await freePort());
const server = await startCodeServer({
  installExtension: true,
  port,
  settings: { 'tapeGateway.autoConnect': 'lab', 'tapeGateway.lab.endpoint': connection.endpoint, 'tapeGateway.lab.region': connection.region },
});
process.stdout.write(`\nThe lab serves AWS APIs at ${connection.endpoint} (state in ${connection.stateDir}).\n`);
process.stdout.write(`Open VS Code with the Tape Gateway extension at:\n\n  ${server.url}/?folder=${encodeURIComponent(server.workspaceDir)}\n\nPress Ctrl+C to stop both.\n`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.stop();
  lab.kill('SIGTERM');
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
