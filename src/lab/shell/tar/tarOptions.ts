// GNU tar 1.34 command-line parsing: old-style letters (`xvf DEV`), short clusters (`-cvf DEV`) and long options.
import { TAR_DEFAULT_RECORD_SIZE, parseTarBlockingFactor, parseTarRecordSize } from '../../../tape/tarCommand';

export interface TarOptions {
  readonly mode: 'create' | 'list' | 'extract';
  readonly verbose: boolean;
  readonly archive: string;
  readonly recordSize: number;
  /** -C: where names are read from (create) or written to (extract). */
  readonly directory?: string;
  readonly names: readonly string[];
  /** -P / --absolute-names: member names are used as stored, leading `/` and `..` included. */
  readonly absoluteNames: boolean;
}

const TRY = "Try 'tar --help' or 'tar --usage' for more information.";

/** Returns the options, or the stderr text of a usage error (exit 2). */
export function parseTarOptions(argv: readonly string[], defaultArchive: string): TarOptions | string {
  const modes = new Set<TarOptions['mode']>();
  let verbose = false;
  let absoluteNames = false;
  let archive: string | undefined;
  let recordSize = TAR_DEFAULT_RECORD_SIZE;
  let directory: string | undefined;
  const names: string[] = [];
  const queue = argv.slice(1);
  const pendingArgs: ((value: string) => string | undefined)[] = [];
  const takesArg = (letter: string): ((value: string) => string | undefined) | undefined => {
    if (letter === 'f') return (value) => void (archive = value);
    if (letter === 'C') return (value) => void (directory = value);
    if (letter === 'b')
      return (value) => {
        const parsed = parseTarBlockingFactor(value);
        if (!parsed.ok) return parsed.message;
        recordSize = parsed.bytes;
        return undefined;
      };
    return undefined;
  };
  const flag = (letter: string): string | undefined => {
    if (letter === 'c') modes.add('create');
    else if (letter === 't') modes.add('list');
    else if (letter === 'x') modes.add('extract');
    else if (letter === 'v') verbose = true;
    else if (letter === 'P') absoluteNames = true;
    else if (!'phz'.includes(letter)) return `invalid option -- '${letter}'`;
    return undefined;
  };
  const runPending = (): string | undefined => {
    while (pendingArgs.length > 0) {
      const value = queue.shift();
      if (value === undefined) return 'option requires an argument';
      const problem = pendingArgs.shift()!(value);
      if (problem) return problem;
    }
    return undefined;
  };
  if (queue[0] && !queue[0].startsWith('-')) {
    for (const letter of queue.shift()!) {
      const setter = takesArg(letter);
      const problem = setter ? (pendingArgs.push(setter), undefined) : flag(letter);
      if (problem) return `tar: ${problem}\n${TRY}\n`;
    }
    const problem = runPending();
    if (problem) return `tar: ${problem}\n${TRY}\n`;
  }
  while (queue.length > 0) {
    const arg = queue.shift()!;
    let problem: string | undefined;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
      const value = (): string | undefined => inline ?? queue.shift();
      if (name === '--create') modes.add('create');
      else if (name === '--list') modes.add('list');
      else if (name === '--extract' || name === '--get') modes.add('extract');
      else if (name === '--verbose') verbose = true;
      else if (name === '--absolute-names') absoluteNames = true;
      else if (name === '--file') archive = value();
      else if (name === '--directory') directory = value();
      else if (name === '--blocking-factor') problem = takesArg('b')!(value() ?? '');
      else if (name === '--record-size') {
        const parsed = parseTarRecordSize(value() ?? '');
        if (parsed.ok) recordSize = parsed.bytes;
        else problem = parsed.message;
      } else problem = `unrecognized option '${arg}'`;
    } else if (arg.startsWith('-') && arg.length > 1) {
      for (let i = 1; i < arg.length; i += 1) {
        const setter = takesArg(arg[i]);
        if (setter) {
          const rest = arg.slice(i + 1);
          problem = rest ? setter(rest) : (pendingArgs.push(setter), runPending());
          break;
        }
        problem = flag(arg[i]);
        if (problem) break;
      }
    } else names.push(arg);
    if (problem) return `tar: ${problem}\n${TRY}\n`;
  }
  if (modes.size === 0) return `tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\n${TRY}\n`;
  if (modes.size > 1) return `tar: You may not specify more than one '-Acdtrux', '--delete' or  '--test-label' option\n${TRY}\n`;
  const mode = [...modes][0];
  if (mode === 'create' && names.length === 0) return `tar: Cowardly refusing to create an empty archive\n${TRY}\n`;
  return { mode, verbose, archive: archive ?? defaultArchive, recordSize, ...(directory !== undefined ? { directory } : {}), names, absoluteNames };
}
