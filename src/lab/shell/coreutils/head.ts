// head: adds GNU's `-n -N` / `-c -N` (all but the last N lines or bytes) and `-c N` of /dev/zero or /dev/urandom past 1 MiB; other forms are just-bash's head.
import { randomBytes } from 'node:crypto';
import { type Command, type ExecResult, type ResolvedCommandContext, defineCommand } from 'just-bash';
import { bytesResult, readOperand } from './operands';
import { runShadowed } from './shadowed';

/** Where `-n -N`, `-n-N`, `--lines=-N` (or the -c forms) appear, with the rest of the arguments. */
function allButLast(args: readonly string[]): { unit: 'lines' | 'bytes'; count: number; rest: string[] } | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const joined = /^(?:-([nc])|--(lines|bytes)=)(-\d+)$/.exec(arg);
    const separate = /^-([nc])$/.test(arg) && /^-\d+$/.test(args[i + 1] ?? '');
    if (!joined && !separate) continue;
    const letter = joined ? (joined[1] ?? (joined[2] === 'lines' ? 'n' : 'c')) : arg[1];
    const value = joined ? joined[3] : args[i + 1];
    const rest = [...args.slice(0, i), ...args.slice(i + (separate ? 2 : 1))];
    return { unit: letter === 'n' ? 'lines' : 'bytes', count: -Number(value), rest };
  }
  return undefined;
}

function trimEnd(data: Buffer, unit: 'lines' | 'bytes', count: number): Buffer {
  if (unit === 'bytes') return data.subarray(0, Math.max(0, data.length - count));
  // Each line ends after its newline; a last line without one still counts.
  const ends: number[] = [];
  for (let at = data.indexOf(0x0a); at >= 0; at = data.indexOf(0x0a, at + 1)) ends.push(at + 1);
  if (data.length > 0 && data[data.length - 1] !== 0x0a) ends.push(data.length);
  const keep = ends.length - count;
  return keep <= 0 ? data.subarray(0, 0) : data.subarray(0, ends[keep - 1]);
}

/** `head -c N /dev/zero` (or /dev/urandom): an endless device gives N bytes, however many (the filesystem reads a device in one bounded chunk). */
async function fromEndlessDevice(args: readonly string[], ctx: ResolvedCommandContext): Promise<ExecResult | undefined> {
  const count = /^(?:-c|--bytes=)?(\d+)$/;
  const bytesAt = args.findIndex((arg) => arg === '-c' || /^-c\d+$/.test(arg) || /^--bytes=\d+$/.test(arg));
  if (bytesAt < 0 || args.length !== (args[bytesAt] === '-c' ? 3 : 2)) return undefined;
  const value = args[bytesAt] === '-c' ? args[bytesAt + 1] : args[bytesAt].replace(/^-c|^--bytes=/, '');
  const name = args.find((_, i) => i !== bytesAt && !(args[bytesAt] === '-c' && i === bytesAt + 1));
  if (!name || !count.test(value)) return undefined;
  const path = await ctx.fs.realpath(ctx.fs.resolvePath(ctx.cwd, name)).catch(() => undefined);
  const size = Number(value);
  if (path === '/dev/zero') return bytesResult(Buffer.alloc(size), '', 0);
  if (path === '/dev/urandom') return bytesResult(randomBytes(size), '', 0);
  return undefined;
}

export const head: Command = defineCommand('head', async (args, ctx) => {
  const negative = allButLast(args);
  if (!negative) return (await fromEndlessDevice(args, ctx)) ?? runShadowed('head', args, ctx);
  const quiet = negative.rest.some((arg) => arg === '-q' || arg === '--quiet' || arg === '--silent');
  const verbose = negative.rest.some((arg) => arg === '-v' || arg === '--verbose');
  const files = negative.rest.filter((arg) => !arg.startsWith('-') || arg === '-');
  const names = files.length > 0 ? files : ['-'];
  const out: Buffer[] = [];
  let stderr = '';
  for (const [index, name] of names.entries()) {
    const operand = await readOperand(ctx, name);
    if (!('bytes' in operand)) {
      stderr += operand.directory ? `head: error reading '${name}': Is a directory\n` : `head: cannot open '${name}' for reading: ${operand.error}\n`;
      continue;
    }
    if ((names.length > 1 && !quiet) || verbose) out.push(Buffer.from(`${index > 0 ? '\n' : ''}==> ${name === '-' ? 'standard input' : name} <==\n`));
    out.push(trimEnd(operand.bytes, negative.unit, negative.count));
  }
  return bytesResult(Buffer.concat(out), stderr, stderr ? 1 : 0);
});
