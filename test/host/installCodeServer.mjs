// Installs code-server (a real VS Code server + web workbench) from npm into a cache folder, offline-safe:
// npm install with --ignore-scripts (its postinstall would download binaries), then the native modules rebuilt
// from source (krb5 headers for kerberos) and Debian's ripgrep copied where @vscode/ripgrep expects its download.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';

export function cacheRoot() {
  return process.env.TAPE_GATEWAY_TEST_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'tape-gateway-vscode');
}

export function codeServerDir() {
  return join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
}

export function codeServerEntry() {
  return join(codeServerDir(), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/**
 * What each use needs from Debian: code-server (to install and run it) needs ripgrep and the krb5 headers;
 * driving a workbench needs Chromium. The AWS CLI and curl are only oracles of some lab tests, which skip without them.
 */
const SYSTEM_PACKAGES = {
  codeServer: [['ripgrep', () => hasCommand('rg')], ['libkrb5-dev', () => existsSync('/usr/include/krb5.h') || existsSync('/usr/include/gssapi/gssapi.h')]],
  chromium: [['chromium', () => existsSync('/usr/bin/chromium')]],
};

/** Returns a sentence naming what to install for `needs` (keys of SYSTEM_PACKAGES), or undefined when all is present. */
export function missingSystemPackages(needs = ['codeServer', 'chromium']) {
  const missing = needs.flatMap((need) => SYSTEM_PACKAGES[need].filter(([, present]) => !present()).map(([name]) => name));
  if (missing.length === 0) return undefined;
  return `Missing system packages: run "sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}" and try again.`;
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function run(cwd, cmd, args) {
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, npm_config_yes: 'true', npm_config_unsafe_perm: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
}

function link(target, path) {
  rmSync(path, { force: true, recursive: true });
  symlinkSync(target, path);
}

export function installCodeServer() {
  const dir = codeServerDir();
  const marker = join(dir, '.installed');
  if (existsSync(marker)) return dir;
  const problem = missingSystemPackages(['codeServer']);
  if (problem) throw new Error(problem);
  process.stdout.write(`Installing code-server ${CODE_SERVER_VERSION} into ${dir} (a few minutes, once)...\n`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }));
  run(dir, 'npm', ['install', '--no-save', '--ignore-scripts', `code-server@${CODE_SERVER_VERSION}`]);
  run(dir, 'npm', ['rebuild', 'argon2']);
  const vscodeDir = join(dir, 'node_modules', 'code-server', 'lib', 'vscode');
  run(vscodeDir, 'npm', ['install', '--omit=dev', '--ignore-scripts']);
  run(vscodeDir, 'npm', ['rebuild', '@parcel/watcher', '@vscode/spdlog', 'kerberos', 'native-watchdog', 'node-pty', '@vscode/deviceid']);
  const rgBin = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgBin, { recursive: true });
  copyFileSync(execFileSync('sh', ['-c', 'command -v rg']).toString().trim(), join(rgBin, 'rg'));
  link('node_modules', join(vscodeDir, 'node_modules.asar'));
  link('code-linux.sh', join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  link('browser-linux.sh', join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
  run(join(vscodeDir, 'extensions'), 'npm', ['install', '--omit=dev', '--ignore-scripts']);
  writeFileSync(marker, new Date().toISOString());
  return dir;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    process.stdout.write(`code-server ready in ${installCodeServer()}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
