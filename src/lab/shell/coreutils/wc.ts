// wc [-lwcmL] [FILE...]: GNU counts and GNU's column width (the digits of the regular files' total size, at least 7 once stdin or a non-regular file is read).
import { type Command, type ExecResult, defineCommand } from 'just-bash';
import { bytesResult, readOperand } from './operands';

type Count = 'lines' | 'words' | 'chars' | 'bytes' | 'longest';
const ORDER: readonly Count[] = ['lines', 'words', 'chars', 'bytes', 'longest'];
const LETTERS: Readonly<Record<string, Count>> = { l: 'lines', w: 'words', m: 'chars', c: 'bytes', L: 'longest' };
const LONG: Readonly<Record<string, Count>> = { '--lines': 'lines', '--words': 'words', '--chars': 'chars', '--bytes': 'bytes', '--max-line-length': 'longest' };

function countsOf(data: Buffer): Record<Count, number> {
  let lines = 0;
  let words = 0;
  let longest = 0;
  let column = 0;
  let inWord = false;
  for (const byte of data) {
    if (byte === 0x0a) {
      lines++;
      longest = Math.max(longest, column);
      column = 0;
    } else if (byte === 0x09) column += 8 - (column % 8);
    else if (byte !== 0x0d && byte !== 0x0c) column++;
    // C locale: space, \t \n \v \f \r separate words.
    const space = byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
    if (space) inWord = false;
    else if (!inWord) {
      inWord = true;
      words++;
    }
  }
  longest = Math.max(longest, column);
  // Characters in the C locale are bytes.
  return { lines, words, chars: data.length, bytes: data.length, longest };
}

async function run(args: string[], ctx: Parameters<Command['execute']>[1]): Promise<ExecResult> {
  const chosen = new Set<Count>();
  const files: string[] = [];
  let optionsDone = false;
  for (const arg of args) {
    if (optionsDone || arg === '-' || !arg.startsWith('-')) files.push(arg);
    else if (arg === '--') optionsDone = true;
    else if (arg.startsWith('--')) {
      const count = LONG[arg];
      if (!count) return { stdout: '', stderr: `wc: unrecognized option '${arg}'\nTry 'wc --help' for more information.\n`, exitCode: 1 };
      chosen.add(count);
    } else {
      for (const letter of arg.slice(1)) {
        const count = LETTERS[letter];
        if (!count) return { stdout: '', stderr: `wc: invalid option -- '${letter}'\nTry 'wc --help' for more information.\n`, exitCode: 1 };
        chosen.add(count);
      }
    }
  }
  const shown = chosen.size > 0 ? ORDER.filter((count) => chosen.has(count)) : (['lines', 'words', 'bytes'] as const);
  const names = files.length > 0 ? files : ['-'];
  const results = await Promise.all(names.map(async (name) => ({ name, operand: await readOperand(ctx, name) })));
  let width = 1;
  if (!(names.length === 1 && shown.length === 1)) {
    let regularTotal = 0;
    let minimum = 1;
    for (const { operand } of results) {
      if ('bytes' in operand && operand.regular) regularTotal += operand.bytes.length;
      else if ('bytes' in operand || operand.directory) minimum = 7;
    }
    width = Math.max(minimum, String(regularTotal).length);
  }
  const total: Record<Count, number> = { lines: 0, words: 0, chars: 0, bytes: 0, longest: 0 };
  const out: string[] = [];
  let stderr = '';
  const line = (counts: Record<Count, number>, name: string) => shown.map((count) => String(counts[count]).padStart(width)).join(' ') + (name === '-' && files.length === 0 ? '' : ` ${name}`);
  for (const { name, operand } of results) {
    if (!('bytes' in operand)) {
      stderr += `wc: ${name}: ${operand.error}\n`;
      // GNU prints zero counts for a folder it could open.
      if (operand.directory) out.push(line({ lines: 0, words: 0, chars: 0, bytes: 0, longest: 0 }, name));
      continue;
    }
    const counts = countsOf(operand.bytes);
    for (const count of ORDER) total[count] = count === 'longest' ? Math.max(total.longest, counts.longest) : total[count] + counts[count];
    out.push(line(counts, name));
  }
  if (names.length > 1) out.push(line(total, 'total'));
  const failed = results.some(({ operand }) => !('bytes' in operand));
  return bytesResult(Buffer.from(out.map((text) => `${text}\n`).join('')), stderr, failed ? 1 : 0);
}

export const wc: Command = defineCommand('wc', run);
