// Starts and stops code-server (VS Code server + web workbench) on loopback for tests and `npm start`.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { codeServerEntry, installCodeServer } from './installCodeServer.mjs';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Copies the built extension into an extensions folder, as installing a .vsix would. */
export function installExtensionInto(extensionsDir) {
  const pkg = JSON.parse(readText(join(PROJECT_ROOT, 'package.json')));
  const target = join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  // Every top-level bundle in dist/ (the extension may load more than one), as the .vsix carries them.
  const bundles = readdirSync(join(PROJECT_ROOT, 'dist')).filter((name) => /\.js(\.map)?$/.test(name)).map((name) => `dist/${name}`);
  for (const item of ['package.json', ...bundles, 'dist/sdk', 'media', 'templates', 'README.md']) {
    try {
      cpSync(join(PROJECT_ROOT, item), join(target, item), { recursive: true });
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
  }
  return target;
}

/** Runs `code-server --install-extension <vsix>` into the given folders; throws with code-server's output when it fails. */
export function installVsixInto(vsix, { userDataDir, extensionsDir, log = () => undefined }) {
  const args = [codeServerEntry(), '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix];
  try {
    log(execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 }));
  } catch (error) {
    throw new Error(`code-server --install-extension ${vsix} failed: ${String(error.stderr || error.stdout || error.message).trim()}`);
  }
}

function readText(path) {
  return readFileSync(path, 'utf8');
}

/**
 * Starts code-server with fresh user-data and extensions folders.
 * settings: VS Code user settings to write; installExtension: copy the built extension in;
 * installVsix: a .vsix to install first with `code-server --install-extension`, as `code --install-extension` would.
 * logLevel: VS Code's log level (`debug` writes the extension's debug lines to its output channel's log file).
 */
export async function startCodeServer({ settings = {}, installExtension = false, installVsix, port, keepFolders = false, logLevel, log = () => undefined } = {}) {
  installCodeServer();
  const root = mkdtempSync(join(tmpdir(), 'tape-gateway-code-server-'));
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  const workspaceDir = join(root, 'workspace');
  for (const dir of [join(userDataDir, 'User'), extensionsDir, workspaceDir]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'update.mode': 'none', 'workbench.tips.enabled': false, ...settings }, null, 2));
  if (installExtension) installExtensionInto(extensionsDir);
  if (installVsix) {
    try {
      installVsixInto(installVsix, { userDataDir, extensionsDir, log });
    } catch (error) {
      rmSync(root, { recursive: true, force: true });
      throw error;
    }
  }
  const chosenPort = port ?? (await freePort());
  const child = spawn(process.execPath, [codeServerEntry(), '--auth', 'none', '--bind-addr', `127.0.0.1:${chosenPort}`, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', ...(logLevel ? ['--log', logLevel] : []), workspaceDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, VSCODE_PROXY_URI: '' },
  });
  child.stdout.on('data', (d) => log(d.toString()));
  child.stderr.on('data', (d) => log(d.toString()));
  const url = `http://127.0.0.1:${chosenPort}`;
  await waitForHealth(url, child);
  return {
    url,
    port: chosenPort,
    workspaceDir,
    userDataDir,
    extensionsDir,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => {
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
            r();
          }, 5000);
          child.once('exit', () => {
            clearTimeout(timer);
            r();
          });
        });
      }
      if (!keepFolders) rmSync(root, { recursive: true, force: true });
    },
  };
}

async function waitForHealth(url, child) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode} before it was ready.`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error('code-server did not become ready within 60 s.');
}

/** Chromium launch options that keep it quiet on a closed network. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'];
