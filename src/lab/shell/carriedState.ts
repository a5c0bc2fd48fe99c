// What an interactive shell carries from one typed line to the next (variables, functions, options, traps, $?, cwd): the script lines that restore it and the parsing of the report each line ends with.

/** Variables the shell owns: never carried from one line to the next by hand. */
const SHELL_OWNED = /^(\?|_|PWD|BASHOPTS|SHELLOPTS|PIPESTATUS|BASH_.*|FUNCNAME|LINENO|RANDOM|SECONDS|EUID|UID|PPID|BASHPID|COLUMNS|LINES|__lab_.*)$/;

export interface CarriedState {
  /** `declare` statements for the shell's variables and arrays. */
  declarations: string;
  /** `set -o NAME` for the options that are on. */
  options: string[];
  /** Function definitions by name, as source. */
  readonly functions: Map<string, string>;
  /** Names `declare -F` listed after the last line. */
  definedFunctions: Set<string>;
  /** `trap -p` lines: the traps set at the prompt, set again before each line. */
  traps: string;
}

export function emptyCarriedState(): CarriedState {
  return { declarations: '', options: [], functions: new Map(), definedFunctions: new Set(), traps: '' };
}

/**
 * The lines that put the carried state back before a typed line. With `screenErr`, stderr goes to that path as each
 * command ends (fd 9 keeps the real one for the state report); stdout comes at the end of the line, since just-bash
 * lets a persistent stdout redirection override pipes, so stdout cannot go the same way.
 */
export function preludeScript(carried: CarriedState, lastStatus: number, screenErr: string | undefined): string {
  const functions = [...carried.functions].filter(([name]) => carried.definedFunctions.has(name)).map(([, source]) => source);
  // `set` resets $?, so options that act at once (errexit, xtrace) come after $? is restored.
  const late = ['errexit', 'xtrace'];
  const options = (names: string[]) => names.map((option) => `set -o ${option}`);
  const parts = [carried.declarations, ...functions, ...options(carried.options.filter((o) => !late.includes(o)))];
  if (screenErr !== undefined) parts.push(`exec 9>&2 2>${screenErr}`);
  // `&& :` makes the restored status one an ERR trap (and errexit) lets pass, as the line before already reported it.
  parts.push(carried.traps, `{ (exit ${lastStatus}) && :; } 2>/dev/null`, ...options(carried.options.filter((o) => late.includes(o))));
  return parts.filter(Boolean).join('\n');
}

/** The line that ends a typed line: reports the shell's state into `statePath`, then leaves $? as the line left it. */
export function trailerScript(statePath: string, restoreStreams: boolean): string {
  const report = `printf '%s\\n' "$__lab_status" "$__lab_flags" "$PWD"; declare -p; echo '#options'; set -o; echo '#functions'; declare -F; echo '#traps'; trap -p`;
  const restore = restoreStreams ? ' exec 2>&9 9>&-;' : '';
  return `__lab_status=$?; __lab_flags=$-;${restore} { set +o xtrace +o errexit; } 2>/dev/null; { ${report}; } > ${statePath}; trap - EXIT ERR; (exit $__lab_status)`;
}

/** Reads a trailer's report into `carried`; returns the line's status and the shell's working folder. */
export function readStateReport(report: string, carried: CarriedState, cwd: string): { status: number; cwd: string } {
  const [status = '0', flags = '', reportedCwd = cwd] = report.split('\n', 3);
  const text = report.split('\n').slice(3).join('\n');
  const [declarations = '', rest = ''] = text.split('\n#options\n');
  const [options = '', afterOptions = ''] = rest.split('\n#functions\n');
  const [functions = '', traps = ''] = afterOptions.split(/^#traps\n/m);
  carried.traps = traps.trim();
  carried.options = [...options.matchAll(/^(\S+)\s+on$/gm)].map((match) => match[1]).filter((option) => option !== 'xtrace' && option !== 'errexit');
  if (flags.includes('e')) carried.options.push('errexit');
  if (flags.includes('x')) carried.options.push('xtrace');
  carried.definedFunctions = new Set([...functions.matchAll(/^declare -f (\S+)$/gm)].map((match) => match[1]));
  const kept: string[] = [];
  // One `declare` per variable; a value with a newline continues on the next lines.
  for (const source of declarations.split(/\n(?=declare )/)) {
    const match = /^declare (-\S+) ([^=\s]+)/.exec(source);
    if (!match || match[1].includes('r') || SHELL_OWNED.test(match[2])) continue;
    // just-bash splits quoted words in `declare NAME=(...)`, but not in a plain NAME=(...) assignment.
    const compound = /^(declare \S+ [^=\s]+)=(\(.*\))$/s.exec(source);
    kept.push(compound ? `${compound[1]}\n${match[2]}=${compound[2]}` : source);
  }
  carried.declarations = kept.join('\n');
  return { status: Number(status), cwd: reportedCwd };
}
