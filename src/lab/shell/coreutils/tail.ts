// tail: GNU's byte counts (`-c N` the last N bytes, `-c +N` from byte N on) and the obsolete `tail +N`; line forms are just-bash's tail.
import { type Command, type ExecResult, defineCommand } from 'just-bash';
import { bytesResult, readOperand } from './operands';
import { runShadowed } from './shadowed';

function byteCount(args: readonly string[]): { count: string; rest: string[] } | undefined {
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if ((arg === '-c' || arg === '--bytes') && i + 1 < args.length) return { count: args[i + 1], rest: [...args.slice(0, i), ...args.slice(i + 2)] };
    const joined = /^(?:-c|--bytes=)(.+)$/.exec(arg);
    if (joined) return { count: joined[1], rest: [...args.slice(0, i), ...args.slice(i + 1)] };
  }
  return undefined;
}

async function lastBytes(count: string, rest: readonly string[], ctx: Parameters<Command['execute']>[1]): Promise<ExecResult> {
  const match = /^([+-]?)(\d+)$/.exec(count);
  if (!match) return { stdout: '', stderr: `tail: invalid number of bytes: '${count}'\n`, exitCode: 1 };
  const fromStart = match[1] === '+';
  const amount = Number(match[2]);
  const quiet = rest.some((arg) => arg === '-q' || arg === '--quiet' || arg === '--silent');
  const verbose = rest.some((arg) => arg === '-v' || arg === '--verbose');
  const names = rest.filter((arg) => !arg.startsWith('-') || arg === '-');
  const files = names.length > 0 ? names : ['-'];
  const parts: Buffer[] = [];
  let stderr = '';
  for (const [index, name] of files.entries()) {
    const operand = await readOperand(ctx, name);
    if (!('bytes' in operand)) {
      stderr += `tail: cannot open '${name}' for reading: ${operand.error}\n`;
      continue;
    }
    if ((files.length > 1 && !quiet) || verbose) parts.push(Buffer.from(`${index > 0 ? '\n' : ''}==> ${name === '-' ? 'standard input' : name} <==\n`));
    const data = operand.bytes;
    parts.push(fromStart ? data.subarray(Math.max(0, amount - 1)) : data.subarray(Math.max(0, data.length - amount)));
  }
  return bytesResult(Buffer.concat(parts), stderr, stderr === '' ? 0 : 1);
}

export const tail: Command = defineCommand('tail', async (args, ctx) => {
  const bytes = byteCount(args);
  if (bytes) return lastBytes(bytes.count, bytes.rest, ctx);
  // `tail +N [FILE]`: lines from N on, the form older scripts use.
  if (/^\+\d+$/.test(args[0] ?? '')) return runShadowed('tail', ['-n', args[0], ...args.slice(1)], ctx);
  return runShadowed('tail', args, ctx);
});
