// du with apparent sizes (-b, --apparent-size, -k/-m with them): GNU's output from the files' byte counts; disk-usage forms are just-bash's du.
import { type Command, type ResolvedCommandContext, defineCommand } from 'just-bash';
import { errorText } from './operands';
import { humanSize } from './humanSize';
import { runShadowed, splitShortOptions } from './shadowed';

interface DuOptions {
  all: boolean;
  summarize: boolean;
  total: boolean;
  human: boolean;
  blockSize: number;
  maxDepth: number;
}

function parse(args: readonly string[]): { options: DuOptions; apparent: boolean; files: string[] } {
  const options: DuOptions = { all: false, summarize: false, total: false, human: false, blockSize: 1024, maxDepth: Infinity };
  let apparent = false;
  const files: string[] = [];
  const split = splitShortOptions(args, 'dB', false);
  for (let i = 0; i < split.length; i++) {
    const arg = split[i];
    if (arg === '-b' || arg === '--bytes') {
      apparent = true;
      options.blockSize = 1;
      options.human = false;
    } else if (arg === '--apparent-size') apparent = true;
    else if (arg === '-k') options.blockSize = 1024;
    else if (arg === '-m') options.blockSize = 1024 * 1024;
    else if (arg === '-h' || arg === '--human-readable') options.human = true;
    else if (arg === '-a' || arg === '--all') options.all = true;
    else if (arg === '-s' || arg === '--summarize') options.summarize = true;
    else if (arg === '-c' || arg === '--total') options.total = true;
    else if (arg === '-d') options.maxDepth = Number(split[++i]);
    else if (arg.startsWith('--max-depth=')) options.maxDepth = Number(arg.slice('--max-depth='.length));
    else files.push(arg);
  }
  return { options, apparent, files };
}

export const du: Command = defineCommand('du', async (args, ctx) => {
  const { options, apparent, files } = parse(args);
  if (!apparent) return runShadowed('du', args, ctx);
  const lines: string[] = [];
  let stderr = '';
  const show = (bytes: number, name: string) => {
    const size = options.human ? humanSize(bytes) : String(Math.ceil(bytes / options.blockSize));
    lines.push(`${size}\t${name}`);
  };
  const walk = async (name: string, depth: number, c: ResolvedCommandContext): Promise<number> => {
    const path = c.fs.resolvePath(c.cwd, name);
    const stat = await c.fs.lstat(path);
    let bytes = stat.size;
    if (stat.isDirectory) {
      let children: string[] = [];
      try {
        children = await c.fs.readdir(path);
      } catch (error) {
        stderr += `du: cannot read directory '${name}': ${errorText(error)}\n`;
      }
      for (const child of children) bytes += await walk(`${name.replace(/\/+$/, '')}/${child}`, depth + 1, c);
    }
    const listed = stat.isDirectory || options.all || depth === 0;
    if (listed && (depth === 0 || (!options.summarize && depth <= options.maxDepth))) show(bytes, name);
    return bytes;
  };
  let grand = 0;
  for (const name of files.length > 0 ? files : ['.']) {
    try {
      grand += await walk(name, 0, ctx);
    } catch (error) {
      stderr += `du: cannot access '${name}': ${errorText(error)}\n`;
    }
  }
  if (options.total) show(grand, 'total');
  return { stdout: lines.map((line) => `${line}\n`).join(''), stderr, exitCode: stderr ? 1 : 0 };
});
