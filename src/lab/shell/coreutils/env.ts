// env [-i] [-u NAME] [NAME=VALUE]... [COMMAND [ARG]...]: the command sees exactly the environment GNU env gives it (just-bash's own env sets variables without exporting them, so `env X=1 sh -c ...` lost X).
import { type Command, type ExecResult, defineCommand, latin1FromBytes } from 'just-bash';
import { runShadowed } from './shadowed';

function quote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function usage(message: string): ExecResult {
  return { stdout: '', stderr: `env: ${message}\nTry 'env --help' for more information.\n`, exitCode: 125 };
}

export const env: Command = defineCommand('env', async (args, ctx) => {
  let ignore = false;
  const unset: string[] = [];
  const assignments: [string, string][] = [];
  let at = 0;
  for (; at < args.length; at++) {
    const arg = args[at];
    if (arg === '-i' || arg === '--ignore-environment' || arg === '-') ignore = true;
    else if (arg === '-u' || arg === '--unset') {
      if (at + 1 >= args.length) return usage(`option requires an argument -- 'u'`);
      unset.push(args[++at]);
    } else if (arg.startsWith('--unset=')) unset.push(arg.slice('--unset='.length));
    else if (/^-u./.test(arg)) unset.push(arg.slice(2));
    else if (/^-i+$/.test(arg)) ignore = true;
    else if (arg === '--') {
      at++;
      break;
    } else if (arg.startsWith('-')) return runShadowed('env', args, ctx);
    else break;
  }
  for (; at < args.length && /^[^=]+=/.test(args[at]); at++) {
    const split = args[at].indexOf('=');
    assignments.push([args[at].slice(0, split), args[at].slice(split + 1)]);
  }
  const command = args.slice(at);
  if (command.length === 0) {
    // What a child gets: the exported variables only.
    const shown = new Map(ignore ? [] : Object.entries(ctx.exportedEnv ?? Object.fromEntries(ctx.env)));
    for (const name of unset) shown.delete(name);
    for (const [name, value] of assignments) shown.set(name, value);
    return { stdout: [...shown].map(([name, value]) => `${name}=${value}\n`).join(''), stderr: '', exitCode: 0 };
  }
  if (!ctx.exec) return runShadowed('env', args, ctx);
  const valid = (name: string) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
  // -i: a fresh environment; PATH stays a shell variable for finding the command (GNU's execvp falls back to a default path).
  const script = [
    ...(ignore ? [`PATH=${quote(ctx.env.get('PATH') ?? '/usr/bin:/bin')}; export -n PATH PWD OLDPWD;`] : []),
    ...unset.filter(valid).map((name) => `unset ${name};`),
    ...assignments.filter(([name]) => valid(name)).map(([name, value]) => `export ${name}=${quote(value)};`),
    command.map(quote).join(' '),
  ].join(' ');
  const result = await ctx.exec(script, { cwd: ctx.cwd, env: {}, replaceEnv: ignore, stdin: latin1FromBytes(ctx.stdin), stdinKind: 'bytes', ...(ctx.signal ? { signal: ctx.signal } : {}) });
  // env runs the command itself (execvp), so a missing one is env's error, not the shell's.
  if (result.exitCode === 127 && result.stderr === `bash: ${command[0]}: command not found\n`) return { ...result, stderr: `env: '${command[0]}': No such file or directory\n` };
  return result;
});
