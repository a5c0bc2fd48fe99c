// The differential cases' shape, their loader (cases/*.yaml) and the setup line that makes a case's input files with the shell itself.
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parse } from 'yaml';

export interface DifferentialCase {
  /** `<topic>/<name>`, e.g. `syntax/semicolon-list`. */
  readonly id: string;
  readonly script: string;
  /** Input files (relative path -> text) made in the case's own folder before the script runs. */
  readonly files: Readonly<Record<string, string>>;
  /** Empty folders made beside the files. */
  readonly dirs: readonly string[];
  /** Compare stderr too (after the `bash:`/`sh:` prefix is made the same). */
  readonly compareStderr: boolean;
  /**
   * Why the case must run as a whole script of its own, when it must (a syntax error ends the script it sits in): it is then sent
   * alone through Run Command and not typed into the session, where it would swallow the wrapper around it.
   */
  readonly standalone?: string;
}

export const CASES_DIR = join(__dirname, 'cases');

function fail(file: string, index: number, what: string): never {
  throw new Error(`${file}, case ${index + 1}: ${what}. Fix the case file.`);
}

function stringRecord(value: unknown, file: string, index: number): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(file, index, '`files` must map paths to text');
  const entries = Object.entries(value);
  for (const [path, text] of entries) {
    if (typeof text !== 'string') fail(file, index, `file ${path} must be text`);
    if (path.startsWith('/') || path.split('/').includes('..')) fail(file, index, `file ${path} must stay inside the case's folder`);
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

function parseCase(raw: unknown, topic: string, file: string, index: number): DifferentialCase {
  if (typeof raw !== 'object' || raw === null) fail(file, index, 'a case must be a mapping');
  const fields = raw as Record<string, unknown>;
  const known = new Set(['name', 'script', 'files', 'dirs', 'stderr', 'standalone']);
  for (const key of Object.keys(fields)) if (!known.has(key)) fail(file, index, `unknown field \`${key}\``);
  const { name, script, dirs, stderr, standalone } = fields;
  if (typeof name !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(name)) fail(file, index, '`name` must be lowercase words joined by hyphens');
  if (typeof script !== 'string' || script.trim() === '') fail(file, index, '`script` must be a non-empty string');
  if (dirs !== undefined && (!Array.isArray(dirs) || !dirs.every((d) => typeof d === 'string'))) fail(file, index, '`dirs` must be a list of paths');
  if (stderr !== undefined && typeof stderr !== 'boolean') fail(file, index, '`stderr` must be true or false');
  if (standalone !== undefined && typeof standalone !== 'string') fail(file, index, '`standalone` must be the reason as a sentence');
  return {
    id: `${topic}/${name}`,
    script,
    files: stringRecord(fields.files, file, index),
    dirs: (dirs as string[] | undefined) ?? [],
    compareStderr: stderr === true,
    ...(standalone !== undefined ? { standalone: standalone as string } : {}),
  };
}

/** Every case from every cases/<topic>.yaml, in file order; ids are unique. */
export function loadCases(dir = CASES_DIR): DifferentialCase[] {
  const cases: DifferentialCase[] = [];
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.yaml')).sort()) {
    const raw: unknown = parse(readFileSync(join(dir, file), 'utf8'));
    if (!Array.isArray(raw)) throw new Error(`${file} must be a list of cases.`);
    const topic = file.slice(0, -'.yaml'.length);
    raw.forEach((entry: unknown, index) => cases.push(parseCase(entry, topic, file, index)));
  }
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.id)) throw new Error(`Two cases are named ${c.id}; rename one.`);
    seen.add(c.id);
  }
  return cases;
}

/** Quotes a word for the shell with single quotes. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** printf's format for `text` printed as is: backslashes and percents escaped, newlines as \n (one line of script per file). */
function printfFormat(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/%/g, '%%').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}

/** One line of plain shell (mkdir, cd, printf, >) that makes the case's folder and inputs, then leaves the shell in that folder. */
export function setupLine(c: DifferentialCase, caseDir: string): string {
  const steps = [`mkdir -p ${shellQuote(caseDir)}`, `cd ${shellQuote(caseDir)}`];
  const parents = new Set<string>(c.dirs);
  for (const path of Object.keys(c.files)) if (posix.dirname(path) !== '.') parents.add(posix.dirname(path));
  if (parents.size > 0) steps.push(`mkdir -p ${[...parents].sort().map(shellQuote).join(' ')}`);
  for (const [path, text] of Object.entries(c.files)) steps.push(`printf ${shellQuote(printfFormat(text))} > ${shellQuote(path)}`);
  return steps.join(' && ');
}

/** A case's folder name: its position, so names stay short and safe on every side. */
export function caseFolder(index: number): string {
  return `c${String(index + 1).padStart(3, '0')}`;
}
