// wc [-lwcmL] [FILE...]: GNU counts and GNU's column width (the digits of the regular files' total size, at least 7 once stdin or a non-regular file is read).
import { type Command, type ExecResult, defineCommand } from 'just-bash';
import { bytesResult, readOperand } from './operands';

export type Count = 'lines' | 'words' | 'chars' | 'bytes' | 'longest';
const ORDER: readonly Count[] = ['lines', 'words', 'chars', 'bytes', 'longest'];
const LETTERS: Readonly<Record<string, Count>> = { l: 'lines', w: 'words', m: 'chars', c: 'bytes', L: 'longest' };
const LONG: Readonly<Record<string, Count>> = { '--lines': 'lines', '--words': 'words', '--chars': 'chars', '--bytes': 'bytes', '--max-line-length': 'longest' };

/** Counts over data given in pieces (a word or line may span two pieces). */
export class WcCounter {
  private lines = 0;
  private words = 0;
  private bytes = 0;
  private longest = 0;
  private column = 0;
  private inWord = false;

  add(data: Uint8Array): void {
    for (const byte of data) {
      if (byte === 0x0a) {
        this.lines++;
        this.longest = Math.max(this.longest, this.column);
        this.column = 0;
      } else if (byte === 0x09) this.column += 8 - (this.column % 8);
      else if (byte !== 0x0d && byte !== 0x0c) this.column++;
      // C locale: space, \t \n \v \f \r separate words.
      const space = byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
      if (space) this.inWord = false;
      else if (!this.inWord) {
        this.inWord = true;
        this.words++;
      }
    }
    this.bytes += data.length;
  }

  /** Characters in the C locale are bytes. */
  counts(): Record<Count, number> {
    return { lines: this.lines, words: this.words, chars: this.bytes, bytes: this.bytes, longest: Math.max(this.longest, this.column) };
  }
}

function countsOf(data: Buffer): Record<Count, number> {
  const counter = new WcCounter();
  counter.add(data);
  return counter.counts();
}

export interface WcRequest {
  readonly shown: readonly Count[];
  readonly files: readonly string[];
}

/** The counts asked for and the file operands, or GNU's message for a bad option. */
export function parseWcArgs(args: readonly string[]): WcRequest | string {
  const chosen = new Set<Count>();
  const files: string[] = [];
  let optionsDone = false;
  for (const arg of args) {
    if (optionsDone || arg === '-' || !arg.startsWith('-')) files.push(arg);
    else if (arg === '--') optionsDone = true;
    else if (arg.startsWith('--')) {
      const count = LONG[arg];
      if (!count) return `wc: unrecognized option '${arg}'\nTry 'wc --help' for more information.\n`;
      chosen.add(count);
    } else {
      for (const letter of arg.slice(1)) {
        const count = LETTERS[letter];
        if (!count) return `wc: invalid option -- '${letter}'\nTry 'wc --help' for more information.\n`;
        chosen.add(count);
      }
    }
  }
  return { shown: chosen.size > 0 ? ORDER.filter((count) => chosen.has(count)) : ['lines', 'words', 'bytes'], files };
}

async function run(args: string[], ctx: Parameters<Command['execute']>[1]): Promise<ExecResult> {
  const request = parseWcArgs(args);
  if (typeof request === 'string') return { stdout: '', stderr: request, exitCode: 1 };
  const { shown, files } = request;
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
