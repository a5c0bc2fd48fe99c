// Pure parts of the lab's start-up: flag parsing, loopback check, per-platform state folder.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultStateDir } from '../../../src/lab/defaultStateDir';
import { isLoopbackHost } from '../../../src/lab/isLoopbackHost';
import { LabArgsError, parseLabArgs } from '../../../src/lab/parseLabArgs';

describe('parseLabArgs', () => {
  it('reads every flag', () => {
    assert.deepEqual(
      parseLabArgs(['--port', '4566', '--host', '::1', '--state-dir', '/tmp/x', '--region', 'eu-west-2', '--account-id', '111122223333', '--access-key-id', 'AKID', '--secret-access-key', 's3cr3t', '--time-scale', '0.5']),
      { port: 4566, host: '::1', stateDir: '/tmp/x', region: 'eu-west-2', accountId: '111122223333', accessKeyId: 'AKID', secretAccessKey: 's3cr3t', timeScale: 0.5 },
    );
  });
  it('returns help for --help', () => assert.equal(parseLabArgs(['--help']), 'help'));
  it('refuses non-loopback hosts, bad ports and bad accounts', () => {
    for (const args of [['--host', '10.0.0.5'], ['--host', '0.0.0.0'], ['--port', '70000'], ['--port', '-1'], ['--account-id', '12'], ['--state-dir', ' ']]) {
      assert.throws(() => parseLabArgs(args), LabArgsError, args.join(' '));
    }
  });
});

describe('isLoopbackHost', () => {
  it('accepts 127/8, ::1 and localhost only', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost']) assert.equal(isLoopbackHost(host), true, host);
    for (const host of ['0.0.0.0', '10.0.0.1', '192.168.1.1', '::', 'example.com', '']) assert.equal(isLoopbackHost(host), false, host);
  });
});

describe('defaultStateDir', () => {
  it('follows each platform convention', () => {
    assert.equal(defaultStateDir('linux', {}, '/home/u'), '/home/u/.local/share/tape-gateway-lab');
    assert.equal(defaultStateDir('linux', { XDG_DATA_HOME: '/data' }, '/home/u'), '/data/tape-gateway-lab');
    assert.equal(defaultStateDir('darwin', {}, '/Users/u'), '/Users/u/Library/Application Support/tape-gateway-lab');
    assert.match(defaultStateDir('win32', { LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'C:\\Users\\u'), /tape-gateway-lab$/);
  });
});
