// Syntax errors as bash reports them: the commands before the bad one run, then bash's message and status 2.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { syntaxProblem } from '../../../src/lab/shell/syntaxErrors';

test('the commands before a bad line run; the bad line is named with its token and quoted', () => {
  assert.deepEqual(syntaxProblem('echo before\nif then fi'), { runnable: 'echo before', messages: ["line 2: syntax error near unexpected token `then'", "line 2: `if then fi'"] });
  assert.deepEqual(syntaxProblem('echo x\nfi'), { runnable: 'echo x', messages: ["line 2: syntax error near unexpected token `fi'", "line 2: `fi'"] });
  assert.deepEqual(syntaxProblem('foo() }'), { runnable: '', messages: ["line 1: syntax error near unexpected token `}'", "line 1: `foo() }'"] });
  assert.deepEqual(syntaxProblem('echo <'), { runnable: '', messages: ["line 1: syntax error near unexpected token `newline'", "line 1: `echo <'"] });
});

test('a script that ends inside a command: unexpected end of file on the line after the last', () => {
  assert.deepEqual(syntaxProblem('echo 1\nif true; then\n  echo 2\n'), { runnable: 'echo 1', messages: ['line 4: syntax error: unexpected end of file'] });
  assert.deepEqual(syntaxProblem('for do'), { runnable: '', messages: ['line 2: syntax error: unexpected end of file'] });
  assert.deepEqual(syntaxProblem('echo a &&'), { runnable: '', messages: ['line 2: syntax error: unexpected end of file'] });
});

test('what parses is left alone, quoted words included', () => {
  assert.equal(syntaxProblem('echo "if then"; if true; then echo ok; fi'), undefined);
  assert.equal(syntaxProblem("echo 'while do'"), undefined);
});
