// Runs the same VS Code host suite under desktop VS Code with @vscode/test-electron (downloads VS Code where the
// network allows, or uses VSCODE_EXECUTABLE). Prints "N passed, N failed" like the other tiers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { PROJECT_ROOT } from './codeServer.mjs';

async function main() {
  execFileSync(process.execPath, ['.dev/build.mjs', '--only=extension,dashboard,lab,hostTests'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  const workspace = mkdtempSync(join(tmpdir(), 'tape-gateway-desktop-'));
  const exitCode = await runTests({
    extensionDevelopmentPath: PROJECT_ROOT,
    extensionTestsPath: join(PROJECT_ROOT, 'dist', 'test', 'host', 'index.js'),
    ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : {}),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
  process.stdout.write(exitCode === 0 ? 'Desktop host suite passed.\n' : `Desktop host suite failed (exit ${exitCode}).\n`);
  process.exitCode = exitCode;
}

main().catch((error) => {
  const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|getaddrinfo|update\.code\.visualstudio\.com/.test(String(error));
  process.stderr.write(offline
    ? 'Could not download VS Code (no network). Install VS Code and run again with VSCODE_EXECUTABLE=/path/to/code, or use "npm run test:host" (code-server).\n'
    : `Desktop host suite could not run: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
