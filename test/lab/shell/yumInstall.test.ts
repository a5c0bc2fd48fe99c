// yum (AL2) and dnf (AL2023) install from the image's repositories: commands appear, `list installed` shows them, unknown names and unanswered prompts fail as the real tools do, and installs outlive a lab restart.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ClientPackageStore } from '../../../src/lab/shell/ClientPackageStore';
import { ClientOs } from '../../../src/lab/shell/CommandContext';
import { createClientHost } from '../../../src/lab/shell/createClientHost';
import { InMemoryLibrary } from '../library/InMemoryLibrary';

function newHost(os: ClientOs, stateDir: string, store?: ClientPackageStore) {
  const library = new InMemoryLibrary({ gatewayId: 'sgw-12A3456B' });
  const instanceId = 'i-0aaaaaaaaaaaaaaaa';
  return createClientHost({
    os,
    stateDir,
    instanceId,
    hostname: 'client-a',
    privateIp: '10.0.3.20',
    installedPackages: store ? store.installed(instanceId) : [],
    ...(store ? { onPackagesInstalled: (names: readonly string[]) => store.add(instanceId, names) } : {}),
    libraries: { byGatewayArn: () => library, byPortal: () => undefined },
    network: { httpGet: async () => undefined },
  });
}

async function withStateDir(body: (stateDir: string) => Promise<void>): Promise<void> {
  const stateDir = mkdtempSync(join(tmpdir(), 'yum-'));
  try {
    await body(stateDir);
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
}

test('yum install -y on AL2 puts the commands in place and list installed shows the package', () =>
  withStateDir(async (stateDir) => {
    const host = newHost('al2', stateDir);
    try {
      const run = (script: string) => host.runner.run(script);
      assert.deepEqual(await run('mtx --version >/dev/null 2>&1; echo $?'), { stdout: '127\n', stderr: '', exitCode: 0 });
      const install = await run('yum install -y mtx mt-st');
      assert.equal(install.exitCode, 0, install.stderr);
      assert.match(install.stdout, /^Loaded plugins: .*\nResolving Dependencies\n/);
      assert.match(install.stdout, /^---> Package mtx\.x86_64 0:1\.3\.12-14\.amzn2\.0\.2 will be installed$/m);
      assert.match(install.stdout, /^Install {2}2 Packages$/m);
      assert.match(install.stdout, /\nInstalled:\n {2}mtx\.x86_64 0:1\.3\.12-14\.amzn2\.0\.2 mt-st\.x86_64 0:1\.1-14\.amzn2\.0\.2\n\nComplete!\n$/);
      assert.deepEqual(await run('ls /usr/sbin/mtx /usr/bin/mt; mt --version >/dev/null; echo $?'), { stdout: '/usr/bin/mt\n/usr/sbin/mtx\n0\n', stderr: '', exitCode: 0 });
      assert.match((await run('yum list installed mtx')).stdout, /^mtx\.x86_64 +1\.3\.12-14\.amzn2\.0\.2 +@amzn2-core$/m);
      const again = await run('yum install -y mtx');
      assert.deepEqual([again.exitCode, again.stdout.split('\n').slice(1)], [0, ['Package mtx-1.3.12-14.amzn2.0.2.x86_64 already installed and latest version', 'Nothing to do', '']]);
    } finally {
      host.close();
    }
  }));

test("yum on AL2: an unknown name is `No package ... available.`, and without -y nobody answers the prompt", () =>
  withStateDir(async (stateDir) => {
    const host = newHost('al2', stateDir);
    try {
      const unknown = await host.runner.run('yum install -y nosuchpackage');
      assert.deepEqual(unknown, {
        stdout: 'Loaded plugins: extras_suggestions, langpacks, priorities, update-motd\nNo package nosuchpackage available.\n',
        stderr: 'Error: Nothing to do\n',
        exitCode: 1,
      });
      const unanswered = await host.runner.run('yum install lsscsi');
      assert.equal(unanswered.exitCode, 1);
      assert.match(unanswered.stdout, /\nIs this ok \[y\/d\/N\]: Exiting on user command\nYour transaction was saved, rerun it with:\n yum load-transaction \/tmp\/yum_save_tx\.\d{4}-\d\d-\d\d\.\d\d-\d\d\.[A-Za-z]{6}\.yumtx\n$/);
      assert.doesNotMatch((await host.runner.run('yum list installed')).stdout, /^lsscsi/m);
      // An answer on stdin counts, as it does for yum reading a pipe.
      const answered = await host.runner.run('echo y | yum install lsscsi');
      assert.equal(answered.exitCode, 0);
      assert.match(answered.stdout, /Is this ok \[y\/d\/N\]: Downloading packages:\n/);
      assert.match((await host.runner.run('yum list installed lsscsi')).stdout, /^lsscsi\.x86_64 +0\.27-6\.amzn2\.0\.2 +@amzn2-core$/m);
      const asUser = host.newShell('ssm-user');
      const lines: string[] = [];
      await asUser.executeLine('yum install -y mtx', { stdout: { write: (c) => void lines.push(String(c)) }, stderr: { write: (c) => void lines.push(String(c)) } });
      assert.equal(lines.join(''), 'You need to be root to perform this command.\n');
    } finally {
      host.close();
    }
  }));

test('dnf on AL2023: unknown names fail the whole transaction; what the repositories offer installs; without -y it is aborted', () =>
  withStateDir(async (stateDir) => {
    const host = newHost('al2023', stateDir);
    try {
      const unknown = await host.runner.run('dnf install -y mtx iscsi-initiator-utils');
      assert.deepEqual(unknown, { stdout: 'No match for argument: mtx\n', stderr: 'Error: Unable to find a match: mtx\n', exitCode: 1 });
      assert.equal((await host.runner.run('iscsiadm --version')).exitCode, 127);
      const aborted = await host.runner.run('dnf install iscsi-initiator-utils');
      assert.equal(aborted.exitCode, 1);
      assert.match(aborted.stdout, /^Dependencies resolved\.\n=+\n Package +Architecture +Version +Repository +Size\n/);
      assert.match(aborted.stdout, /\nIs this ok \[y\/N\]: Operation aborted\.\n$/);
      const install = await host.runner.run('dnf install -y iscsi-initiator-utils');
      assert.equal(install.exitCode, 0);
      assert.match(install.stdout, /\nInstalled:\n {2}iscsi-initiator-utils-6\.2\.1\.4-7\.git2a8f9d8\.amzn2023\.0\.2\.x86_64\n\nComplete!\n$/);
      assert.deepEqual(await host.runner.run('/sbin/iscsiadm --version'), { stdout: 'iscsiadm version 2.1.8\n', stderr: '', exitCode: 0 });
      assert.match((await host.runner.run('dnf list installed iscsi-initiator-utils')).stdout, /^iscsi-initiator-utils\.x86_64 +6\.2\.1\.4-7\.git2a8f9d8\.amzn2023\.0\.2 +@amazonlinux$/m);
    } finally {
      host.close();
    }
  }));

test('installed packages outlive a lab restart through the client package store', () =>
  withStateDir(async (stateDir) => {
    const store = await ClientPackageStore.open(stateDir, () => undefined);
    const first = newHost('al2', stateDir, store);
    assert.equal((await first.runner.run('yum -y install sg3_utils mtx')).exitCode, 0);
    first.close();
    await store.close();
    // A new lab process: the store is read back from disk and the host rebuilt from it.
    const reopened = await ClientPackageStore.open(stateDir, () => undefined);
    assert.deepEqual(reopened.installed('i-0aaaaaaaaaaaaaaaa'), ['sg3_utils', 'mtx']);
    const second = newHost('al2', stateDir, reopened);
    try {
      assert.match((await second.runner.run('yum list installed')).stdout, /^mtx\.x86_64 .*\n(?:.*\n)*sg3_utils\.x86_64 +1\.37-19\.amzn2 +@amzn2-core$/m);
      assert.equal((await second.runner.run('ls /usr/sbin/mtx')).stdout, '/usr/sbin/mtx\n');
      reopened.forget('i-0aaaaaaaaaaaaaaaa');
      assert.deepEqual(reopened.installed('i-0aaaaaaaaaaaaaaaa'), []);
    } finally {
      second.close();
      await reopened.close();
    }
  }));
