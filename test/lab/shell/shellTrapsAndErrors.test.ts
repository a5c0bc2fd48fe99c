// trap, set -u, syntax errors and redirected compound commands in the client shell: Run Command scripts and a Session Manager terminal.
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

function session(): { shell: InteractiveShell; output: () => string; exits: number[]; type: (text: string) => Promise<void>; prompt: () => Promise<void> } {
  const shell = w.host.openSession({ columns: 80, rows: 24 });
  let text = '';
  const exits: number[] = [];
  shell.onOutput((data) => (text += Buffer.from(data).toString('utf8')));
  shell.onExit((code) => exits.push(code));
  const type = async (input: string) => {
    shell.write(Buffer.from(input));
    for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
  };
  const prompt = async () => void (await eventually('the prompt', () => (/[$#] $/.test(text) || exits.length > 0 ? true : undefined), 20_000, 10));
  return { shell, output: () => text, exits, type, prompt };
}

test('runner: the EXIT trap runs at the end, on exit N (keeping N) and after a set -e failure; ERR after a failing command', async () => {
  assert.deepEqual(await w.host.runner.run("trap 'echo bye $?' EXIT\necho hi\nexit 3"), { stdout: 'hi\nbye 3\n', stderr: '', exitCode: 3 });
  assert.deepEqual(await w.host.runner.run("trap 'echo bye; exit 5' EXIT\nexit 2"), { stdout: 'bye\n', stderr: '', exitCode: 5 });
  assert.deepEqual(await w.host.runner.run("set -e\ntrap 'echo err' ERR\ntrap 'echo end $?' EXIT\nfalse\necho never"), { stdout: 'err\nend 1\n', stderr: '', exitCode: 1 });
  assert.deepEqual(await w.host.runner.run("trap 'echo err' ERR\nif false; then :; fi\nfalse || true\n! true\necho ok"), { stdout: 'ok\n', stderr: '', exitCode: 0 });
  assert.deepEqual(await w.host.runner.run('trap FOO BAR'), { stdout: '', stderr: 'sh: trap: BAR: invalid signal specification\n', exitCode: 1 });
});

test('terminal: a trap set at the prompt carries to the next lines; exit prints exit, then runs the EXIT trap', async () => {
  const s = session();
  await s.type("trap 'echo bye $?' EXIT\r");
  await s.prompt();
  await s.type('trap -p; false\r');
  await s.prompt();
  assert.ok(s.output().endsWith("trap -p; false\r\ntrap -- 'echo bye $?' EXIT\r\nsh-4.2$ "), JSON.stringify(s.output()));
  await s.type('echo hi; exit 3\r');
  await eventually('the end of the session', () => (s.exits.length > 0 ? true : undefined), 20_000, 10);
  assert.ok(s.output().endsWith('echo hi; exit 3\r\nhi\r\nexit\r\nbye 3\r\n'), JSON.stringify(s.output()));
  assert.deepEqual(s.exits, [3]);
});

test('terminal: an ERR trap set at the prompt runs once per failing line, not for the shell\'s own bookkeeping', async () => {
  assert.equal((await w.run("trap 'echo err $?' ERR")).status, 0);
  assert.deepEqual(await w.run('false'), { stdout: 'err 1\n', stderr: '', status: 1 });
  assert.deepEqual(await w.run('echo $?; x=1'), { stdout: '1\n', stderr: '', status: 0 });
  assert.deepEqual(await w.run('trap - ERR; false'), { stdout: '', stderr: '', status: 1 });
});

test('terminal: exit from a sudo -i shell runs that shell\'s EXIT trap only', async () => {
  const s = session();
  await s.type("trap 'echo outer' EXIT\r");
  await s.prompt();
  await s.type('sudo -i\r');
  await s.prompt();
  await s.type("trap 'echo inner' EXIT\r");
  await s.prompt();
  await s.type('exit\r');
  await s.prompt();
  assert.ok(s.output().endsWith('exit\r\nexit\r\ninner\r\nsh-4.2$ '), JSON.stringify(s.output().slice(-60)));
  s.shell.close();
});

test('terminal: Ctrl-C at the prompt runs the INT trap; during a command it ends only that command and the line goes on', async () => {
  const s = session();
  await s.type("trap 'echo caught $?' INT\r");
  await s.prompt();
  await s.type('echo partial\x03');
  await s.prompt();
  assert.ok(s.output().endsWith('echo partial^Ccaught 130\r\n\r\nsh-4.2$ '), JSON.stringify(s.output().slice(-60)));
  await s.type('echo $?\r');
  await s.prompt();
  assert.ok(s.output().endsWith('echo $?\r\n130\r\nsh-4.2$ '));
  await s.type('sleep 30; echo next\r');
  await s.type('\x03');
  await s.prompt();
  assert.ok(s.output().endsWith('sleep 30; echo next\r\n^C\r\nnext\r\nsh-4.2$ '), JSON.stringify(s.output().slice(-60)));
  await s.type('trap - INT\r');
  await s.prompt();
  await s.type('sleep 30; echo not-reached\r');
  await s.type('\x03');
  await s.prompt();
  assert.ok(s.output().endsWith('echo not-reached\r\n^C\r\nsh-4.2$ '), JSON.stringify(s.output().slice(-60)));
  s.shell.close();
});

test('set -u: a script ends with 127 on an unbound variable; at the prompt only the line ends, with status 1', async () => {
  assert.deepEqual(await w.host.runner.run('set -u\necho "${v:-x}" ${v-y}\nif true; then echo $nope; fi\necho never'), { stdout: 'x y\n', stderr: 'sh: nope: unbound variable\n', exitCode: 127 });
  const s = session();
  await s.type('set -u\r');
  await s.prompt();
  await s.type('echo a $nope; echo b\r');
  await s.prompt();
  await s.type('echo st=$?\r');
  await s.prompt();
  await s.type('echo $nope2\r');
  await s.prompt();
  assert.ok(s.output().endsWith('echo a $nope; echo b\r\nsh: nope: unbound variable\r\nsh-4.2$ echo st=$?\r\nst=1\r\nsh-4.2$ echo $nope2\r\nsh: nope2: unbound variable\r\nsh-4.2$ '), JSON.stringify(s.output().slice(-120)));
  assert.deepEqual(s.exits, []);
  s.shell.close();
});

test('syntax errors: a script runs up to the bad line and ends with 2; at the prompt bash names the token only', async () => {
  assert.deepEqual(await w.host.runner.run("trap 'echo bye' EXIT\necho before\nif then fi\necho never"), {
    stdout: 'before\nbye\n',
    stderr: "sh: line 3: syntax error near unexpected token `then'\nsh: line 3: `if then fi'\n",
    exitCode: 2,
  });
  assert.deepEqual(await w.run('if then fi'), { stdout: '', stderr: "sh: syntax error near unexpected token `then'\n", status: 2 });
});

test('terminal: a group or loop redirected with &>, 2>, 2>&1 | or |& keeps its commands\' messages; others still reach the screen in order', async () => {
  const s = session();
  await s.type('cd /tmp; { echo out; ls nosuch; } &> both.txt; wc -l < both.txt; { ls nosuch2; } 2>/dev/null; echo next\r');
  await s.prompt();
  assert.ok(s.output().endsWith('echo next\r\n2\r\nnext\r\nsh-4.2$ '), JSON.stringify(s.output().slice(-80)));
  await s.type('{ echo out; ls nosuch; } |& wc -l; for i in 1; do ls nosuch; done 2>&1 | wc -l; f() { ls nosuch; }; f 2>/dev/null; ls gone\r');
  await s.prompt();
  // The screen gets a line's stdout at its end: only `ls gone`'s message is not held by a redirection.
  const shown = s.output().slice(s.output().lastIndexOf('ls gone\r\n') + 'ls gone\r\n'.length);
  assert.equal(shown, "ls: cannot access 'gone': No such file or directory\r\n2\r\n1\r\nsh-4.2$ ");
  s.shell.close();
});
