// cmp [-s|--quiet|--silent] [-l] FILE1 [FILE2]: GNU diffutils 3.8's messages in the C locale (`differ: char N, line M`, `EOF on X after byte N, line M`) and statuses 0/1/2.
import { type Command, defineCommand } from 'just-bash';
import { readOperand } from './operands';

export const cmp: Command = defineCommand('cmp', async (args, ctx) => {
  let silent = false;
  let list = false;
  const files: string[] = [];
  for (const arg of args) {
    if (arg === '-s' || arg === '--quiet' || arg === '--silent') silent = true;
    else if (arg === '-l' || arg === '--verbose') list = true;
    else if (arg.startsWith('-') && arg !== '-') return { stdout: '', stderr: `cmp: invalid option -- '${arg.slice(1)}'\ncmp: Try 'cmp --help' for more information.\n`, exitCode: 2 };
    else files.push(arg);
  }
  if (files.length === 0) return { stdout: '', stderr: `cmp: missing operand after 'cmp'\ncmp: Try 'cmp --help' for more information.\n`, exitCode: 2 };
  if (files.length > 2) return { stdout: '', stderr: `cmp: invalid --ignore-initial value '${files[2]}'\ncmp: Try 'cmp --help' for more information.\n`, exitCode: 2 };
  const names = [files[0], files[1] ?? '-'];
  const [a, b] = await Promise.all(names.map((name) => readOperand(ctx, name)));
  for (const [index, operand] of [a, b].entries()) {
    if (!('bytes' in operand)) return { stdout: '', stderr: `cmp: ${names[index]}: ${operand.error}\n`, exitCode: 2 };
  }
  if (!('bytes' in a) || !('bytes' in b)) return { stdout: '', stderr: '', exitCode: 2 };
  const shorter = Math.min(a.bytes.length, b.bytes.length);
  let line = 1;
  const differences: string[] = [];
  for (let at = 0; at < shorter; at++) {
    if (a.bytes[at] !== b.bytes[at]) {
      if (silent) return { stdout: '', stderr: '', exitCode: 1 };
      if (!list) return { stdout: `${names[0]} ${names[1]} differ: char ${at + 1}, line ${line}\n`, stderr: '', exitCode: 1 };
      differences.push(`${String(at + 1).padStart(String(shorter).length)} ${a.bytes[at].toString(8).padStart(3)} ${b.bytes[at].toString(8).padStart(3)}\n`);
    }
    if (a.bytes[at] === 0x0a) line++;
  }
  const stdout = differences.join('');
  if (a.bytes.length === b.bytes.length) return { stdout, stderr: '', exitCode: differences.length > 0 ? 1 : 0 };
  if (silent) return { stdout: '', stderr: '', exitCode: 1 };
  const shortName = a.bytes.length < b.bytes.length ? names[0] : names[1];
  // GNU counts the newlines compared; a last line without one is `in line N`, and -l names no line at all.
  const endsLine = shorter > 0 && a.bytes[shorter - 1] === 0x0a;
  const lineText = list ? '' : endsLine ? `, line ${line - 1}` : `, in line ${line}`;
  const where = shorter === 0 ? ' which is empty' : ` after byte ${shorter}${lineText}`;
  return { stdout, stderr: `cmp: EOF on ${shortName}${where}\n`, exitCode: 1 };
});
