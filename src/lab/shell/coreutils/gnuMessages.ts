// GNU's wording and argument forms for just-bash tools that differ only there: messages rewritten, usage hints added, counts with suffixes.
import { type ExecResult } from 'just-bash';

/** A tool's fix: arguments rewritten before it runs, and its result after. */
export interface ToolFix {
  readonly args?: (args: string[]) => string[];
  readonly result?: (result: ExecResult, args: readonly string[]) => ExecResult;
}

const MULTIPLIERS: Readonly<Record<string, number>> = {
  b: 512, K: 1024, KiB: 1024, kB: 1000, KB: 1000, M: 1024 ** 2, MiB: 1024 ** 2, MB: 1000 ** 2, G: 1024 ** 3, GiB: 1024 ** 3, GB: 1000 ** 3,
};

/** `2K` → `2048` (GNU's size suffixes on head's and tail's counts); a leading sign stays. */
function withoutSuffix(value: string): string {
  const match = /^([+-]?)(\d+)([A-Za-z]+)$/.exec(value);
  const factor = match ? MULTIPLIERS[match[3]] : undefined;
  return match && factor !== undefined ? `${match[1]}${Number(match[2]) * factor}` : value;
}

function countSuffixes(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    const joined = /^(-[nc]|--lines=|--bytes=)(.+)$/.exec(arg);
    if ((arg === '-n' || arg === '-c') && i + 1 < args.length) out.push(arg, withoutSuffix(args[++i]));
    else if (joined) out.push(joined[1] + withoutSuffix(joined[2]));
    else out.push(arg);
  }
  return out;
}

function mapStderr(result: ExecResult, rewrite: (line: string) => string): ExecResult {
  if (result.stderr === '') return result;
  return { ...result, stderr: result.stderr.split('\n').map((line) => (line === '' ? line : rewrite(line))).join('\n') };
}

/** coreutils prints this second line after a usage error. */
function withUsageHint(tool: string, pattern: RegExp): ToolFix['result'] {
  return (result) => {
    if (!pattern.test(result.stderr) || result.stderr.includes(`Try '${tool} --help'`)) return result;
    return { ...result, stderr: `${result.stderr}Try '${tool} --help' for more information.\n` };
  };
}

/** `head: cannot open 'x' for reading: …`, `head: error reading 'd': Is a directory`. */
function openMessages(tool: string): ToolFix['result'] {
  const pattern = new RegExp(`^${tool}: (.+): (No such file or directory|Permission denied|Is a directory|Not a directory)$`);
  return (result) =>
    mapStderr(result, (line) => {
      const match = pattern.exec(line);
      if (!match || match[1].startsWith("cannot open '") || match[1].startsWith("error reading '")) return line;
      return match[2] === 'Is a directory' ? `${tool}: error reading '${match[1]}': ${match[2]}` : `${tool}: cannot open '${match[1]}' for reading: ${match[2]}`;
    });
}

/** tr's octal escapes (`\0`, `\012`), which just-bash's tr does not read, given to it as the characters themselves. */
function octalEscapes(args: string[]): string[] {
  return args.map((arg) => (arg.startsWith('-') ? arg : arg.replace(/\\(\\|[0-7]{1,3})/g, (whole, code: string) => (code === '\\' ? whole : String.fromCharCode(Number.parseInt(code, 8) & 0xff)))));
}

/** nl's unnumbered lines are blank where the number and separator would be (just-bash keeps the separator's tab). */
function unnumberedLines(result: ExecResult, args: readonly string[]): ExecResult {
  const width = Number(/^-w(\d+)$/.exec(args.find((arg) => /^-w\d+$/.test(arg)) ?? '')?.[1] ?? 6);
  if (args.some((arg) => arg.startsWith('-s') || arg.startsWith('--number-separator'))) return result;
  const blank = `${' '.repeat(width)}\t`;
  return { ...result, stdout: result.stdout.split('\n').map((line) => (line.startsWith(blank) ? ' '.repeat(width + 1) + line.slice(blank.length) : line)).join('\n') };
}

const AWK_SPECIAL = new Set(['FS', 'OFS', 'ORS', 'RS', 'SUBSEP', 'OFMT', 'CONVFMT']);

/**
 * awk -v of a special variable (OFS, FS, ORS, …), which just-bash's awk ignores, becomes an assignment in a BEGIN that runs first
 * (-v assignments happen before every BEGIN, so the program sees the same values).
 */
function specialAssignments(args: string[]): string[] {
  const out: string[] = [];
  const assignments: string[] = [];
  let programAt = -1;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (programAt >= 0) {
      out.push(arg);
      continue;
    }
    const value = arg === '-v' ? args[i + 1] : arg.startsWith('-v') ? arg.slice(2) : undefined;
    const special = value === undefined ? undefined : /^([A-Z]+)=(.*)$/s.exec(value);
    if (special && AWK_SPECIAL.has(special[1])) {
      assignments.push(`${special[1]} = "${special[2].replace(/"/g, '\\"')}"`);
      if (arg === '-v') i += 1;
    } else if (arg === '-f' || arg.startsWith('-f')) return args;
    else if (arg === '-v' || arg === '-F') {
      out.push(arg, args[i + 1] ?? '');
      i += 1;
    } else if (arg === '--' || !arg.startsWith('-')) {
      programAt = out.length;
      out.push(arg === '--' ? (args[++i] ?? '') : arg);
    } else out.push(arg);
  }
  if (assignments.length === 0 || programAt < 0) return args;
  out[programAt] = `BEGIN { ${assignments.join('; ')} }\n${out[programAt]}`;
  return out;
}

export const TOOL_FIXES: Readonly<Record<string, ToolFix>> = {
  awk: { args: specialAssignments },
  tr: { args: octalEscapes },
  nl: { result: unnumberedLines },
  head: { args: countSuffixes, result: openMessages('head') },
  tail: { args: countSuffixes, result: openMessages('tail') },
  find: {
    result: (result) => mapStderr(result, (line) => line.replace(/^find: ([^'].*): (No such file or directory|Permission denied|Not a directory)$/, "find: '$1': $2")),
  },
  sed: {
    // GNU sed names a missing input `can't read` and ends with status 2.
    result: (result) => {
      const fixed = mapStderr(result, (line) => line.replace(/^sed: ([^:]+): (No such file or directory|Permission denied)$/, "sed: can't read $1: $2"));
      return fixed.stderr.includes("sed: can't read ") && fixed.exitCode === 1 ? { ...fixed, exitCode: 2 } : fixed;
    },
  },
  sleep: { result: withUsageHint('sleep', /^sleep: (invalid time interval|missing operand)/m) },
  seq: { result: withUsageHint('seq', /^seq: (invalid (floating point|increment) argument|extra operand)/m) },
  expr: { result: withUsageHint('expr', /^expr: (missing operand|syntax error: missing argument)/m) },
};
