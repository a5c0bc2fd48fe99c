// The two ways in: the SSM Run Command runner (script in, stdout/stderr/exit code out) and the interactive terminal.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { InteractiveShell } from '../../../src/lab/hosts/ClientHost';
import { Walkthrough, walkthrough } from './walkthroughFixture';
import { eventually } from '../../eventually';

let w: Walkthrough;
before(() => {
  w = walkthrough();
});
after(() => w.dispose());

test('runner: runs a script as root, line by line, and reports the last status', async () => {
  assert.deepEqual(await w.host.runner.run('echo a\nfalse\necho $?\nls /root'), { stdout: 'a\n1\n', stderr: '', exitCode: 0 });
  assert.deepEqual(await w.host.runner.run('echo x >&2\nnosuch'), { stdout: '', stderr: 'x\nsh: nosuch: command not found\n', exitCode: 127 });
  assert.deepEqual(await w.host.runner.run('echo before\nexit 4\necho after'), { stdout: 'before\n', stderr: '', exitCode: 4 });
  assert.deepEqual(await w.host.runner.run('pwd', { cwd: '/tmp' }), { stdout: '/tmp\n', stderr: '', exitCode: 0 });
  assert.deepEqual(await w.host.runner.run('echo one \\\ntwo'), { stdout: 'one two\n', stderr: '', exitCode: 0 });
});

function session(): { shell: InteractiveShell; output: () => string; exits: number[]; type: (text: string) => Promise<void> } {
  const shell = w.host.openSession({ columns: 80, rows: 24 });
  let text = '';
  const exits: number[] = [];
  shell.onOutput((data) => (text += Buffer.from(data).toString('utf8')));
  shell.onExit((code) => exits.push(code));
  const type = async (input: string) => {
    shell.write(Buffer.from(input));
    for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
  };
  return { shell, output: () => text, exits, type };
}

test('terminal: prompt, echo, backspace, ONLCR output', async () => {
  const s = session();
  await s.type('');
  assert.equal(s.output(), 'sh-4.2$ ');
  await s.type('ecx\x7fho hi\r');
  assert.equal(s.output(), 'sh-4.2$ ecx\b \bho hi\r\nhi\r\nsh-4.2$ ');
  await s.type('\x1b[Apwd\r\n');
  assert.ok(s.output().endsWith('pwd\r\n/home/ssm-user\r\nsh-4.2$ '));
  s.shell.resize(120, 40);
  s.shell.close();
  assert.deepEqual(s.exits, [0]);
});

test('terminal: Ctrl-C drops the line, Ctrl-D on an empty line exits, exit N sets the code', async () => {
  const s = session();
  await s.type('echo never\x03');
  assert.equal(s.output(), 'sh-4.2$ echo never^C\r\nsh-4.2$ ');
  await s.type('false\r\x04');
  assert.ok(s.output().endsWith('false\r\nsh-4.2$ exit\r\n'));
  assert.deepEqual(s.exits, [1]);
  const t = session();
  await t.type('exit 3\r');
  assert.deepEqual(t.exits, [3]);
  assert.ok(t.output().endsWith('exit 3\r\nexit\r\n'));
});

test('terminal: sudo su opens a root bash with its prompt; exit returns to sh', async () => {
  const s = session();
  await s.type('sudo su\r');
  assert.ok(s.output().endsWith('sudo su\r\n[root@ip-10-0-1-25 ssm-user]# '));
  await s.type('cd && ls -d /root\r');
  assert.ok(s.output().endsWith('/root\r\n[root@ip-10-0-1-25 ~]# '));
  await s.type('exit\r');
  assert.ok(s.output().endsWith('exit\r\nexit\r\nsh-4.2$ '));
  await s.type('su\r');
  assert.ok(s.output().endsWith('Password: \r\nsu: Authentication failure\r\nsh-4.2$ '));
  assert.deepEqual(s.exits, []);
  assert.deepEqual(await w.host.runner.run('sudo su\necho still'), { stdout: 'still\n', stderr: '', exitCode: 0 });
});

test('terminal: Tab completes file names; Ctrl-C stops a running command with status 130', async () => {
  await w.host.runner.run('mkdir -p /home/ssm-user/backups/daily && echo x > /home/ssm-user/notes.txt && chown -R ssm-user /home/ssm-user || true');
  const s = session();
  await s.type('cat no\t');
  assert.ok(s.output().endsWith('cat notes.txt '));
  await s.type('\x15ls back\tda\t\r');
  assert.ok(s.output().includes('ls backups/daily/'));
  await s.type('sleep 30; echo not-reached\r');
  await s.type('\x03');
  await eventually('the prompt after Ctrl-C', () => (s.output().endsWith('sh-4.2$ ') ? true : undefined), 20_000, 10);
  await s.type('echo $?\r');
  assert.ok(s.output().endsWith('^C\r\nsh-4.2$ echo $?\r\n130\r\nsh-4.2$ '), JSON.stringify(s.output().slice(-80)));
  assert.ok(!s.output().includes('\r\nnot-reached'));
  s.shell.close();
});

test('terminal: an unfinished command continues at the "> " prompt and keeps its lines', async () => {
  const s = session();
  await s.type('for i in 1 2; do\r');
  assert.ok(s.output().endsWith('for i in 1 2; do\r\n> '));
  await s.type('echo n$i\r');
  await s.type('done\r');
  assert.ok(s.output().endsWith('done\r\nn1\r\nn2\r\nsh-4.2$ '), JSON.stringify(s.output()));
  await s.type("echo 'a\r");
  await s.type("b'\r");
  assert.ok(s.output().endsWith("b'\r\na\r\nb\r\nsh-4.2$ "));
  await s.type('cat <<EOF\rline\rEOF\r');
  assert.ok(s.output().endsWith('EOF\r\nline\r\nsh-4.2$ '));
  s.shell.close();
});
