// cat, wc, head -c/-n, md5sum, sha256sum and tee reading and writing chunk by chunk, for pipelines that stream; each streams only the forms listed in its `supports`.
import { createHash } from 'node:crypto';
import { type Command } from 'just-bash';

import { COREUTILS_COMMANDS } from '../coreutils/coreutilsCommands';
import { WcCounter, parseWcArgs } from '../coreutils/wc';
import { type FileWriter, openFileWriter } from '../fileIo';
import type { CommandOwner } from '../labCommands';
import { FsError } from '../VirtualFileSystem';
import { STREAM_AFTER_BYTES } from '../StreamingStdout';
import { type StreamTool, type ToolPlace, openOperand, stdinSource, streamToolCommand, streamableOperand, writeOut } from './streamTool';

/** Operands only (no options, `--` allowed first); none means stdin. */
function plainOperands(context: ToolPlace): string[] | undefined {
  const args = context.argv.slice(1);
  const operands = args[0] === '--' ? args.slice(1) : args;
  if (args[0] !== '--' && operands.some((arg) => arg.startsWith('-') && arg !== '-')) return undefined;
  return operands.length > 0 ? operands : ['-'];
}

/** cat FILE...: each operand's bytes in turn. */
const cat: StreamTool = {
  supports: (context) => plainOperands(context)?.every((name) => streamableOperand(context, name)) ?? false,
  // Files that fit in what a terminal command holds before it streams gain nothing from streaming.
  small: (context) => {
    let total = 0;
    for (const name of plainOperands(context) ?? ['-']) {
      const node = name === '-' ? undefined : context.host.fs.tryResolve(name, context.cwd)?.node;
      if (node?.kind !== 'file') return false;
      total += node.size;
    }
    return total <= STREAM_AFTER_BYTES;
  },
  async run(context) {
    for (const name of plainOperands(context) ?? []) {
      const source = openOperand(context, name);
      try {
        for (let chunk = await source.read(); chunk.length > 0; chunk = await source.read()) await writeOut(context.stdout, chunk);
      } finally {
        await source.close();
      }
    }
    return 0;
  },
};

/** wc [-lwcmL] reading stdin: the column is 7 wide (stdin is not a regular file) unless one count is shown. */
const wc: StreamTool = {
  supports: (context) => {
    const request = parseWcArgs(context.argv.slice(1));
    return typeof request !== 'string' && request.files.every((name) => name === '-') && request.files.length <= 1;
  },
  async run(context) {
    const request = parseWcArgs(context.argv.slice(1));
    if (typeof request === 'string') return 1;
    const counter = new WcCounter();
    const source = stdinSource(context);
    for (let chunk = await source.read(); chunk.length > 0; chunk = await source.read()) counter.add(chunk);
    const counts = counter.counts();
    const width = request.shown.length === 1 ? 1 : 7;
    const named = request.files.length > 0 ? ' -' : '';
    await writeOut(context.stdout, Buffer.from(`${request.shown.map((count) => String(counts[count]).padStart(width)).join(' ')}${named}\n`));
    return 0;
  },
};

/** head -c N / -n N / -N of stdin (N a plain count): stops reading once N bytes or lines are out. */
function headLimit(context: ToolPlace): { unit: 'bytes' | 'lines'; count: number } | undefined {
  const args = context.argv.slice(1).filter((arg) => arg !== '-');
  let unit: 'bytes' | 'lines' = 'lines';
  let count = 10;
  for (let i = 0; i < args.length; i++) {
    const match = /^-([cn])(\d*)$/.exec(args[i]) ?? (/^-(\d+)$/.exec(args[i]) ? ['', 'n', args[i].slice(1)] : null);
    if (!match) return undefined;
    const value = match[2] || args[++i];
    if (value === undefined || !/^\d+$/.test(value)) return undefined;
    unit = match[1] === 'c' ? 'bytes' : 'lines';
    count = Number(value);
  }
  return { unit, count };
}

const head: StreamTool = {
  supports: (context) => headLimit(context) !== undefined,
  async run(context) {
    const limit = headLimit(context);
    if (!limit) return 1;
    const source = stdinSource(context);
    let left = limit.count;
    while (left > 0) {
      const chunk = await source.read();
      if (chunk.length === 0) break;
      let take = Math.min(chunk.length, left);
      if (limit.unit === 'lines') {
        let at = -1;
        for (let found = 0; found < left; found++) {
          at = chunk.indexOf(0x0a, at + 1);
          if (at < 0) break;
        }
        take = at < 0 ? chunk.length : at + 1;
        left -= chunk.subarray(0, take).reduce((lines, byte) => lines + (byte === 0x0a ? 1 : 0), 0);
      } else left -= take;
      await writeOut(context.stdout, chunk.subarray(0, take));
    }
    return 0;
  },
};

/** md5sum / sha256sum of stdin and files: `DIGEST  NAME`, `-` for stdin. Names GNU would escape are left to the usual command. */
function hashTool(algorithm: 'md5' | 'sha256'): StreamTool {
  return {
    supports: (context) => plainOperands(context)?.every((name) => !/[\\\n]/.test(name) && streamableOperand(context, name)) ?? false,
    async run(context) {
      for (const name of plainOperands(context) ?? []) {
        const hash = createHash(algorithm);
        const source = openOperand(context, name);
        try {
          for (let chunk = await source.read(); chunk.length > 0; chunk = await source.read()) hash.update(chunk);
        } finally {
          await source.close();
        }
        await writeOut(context.stdout, Buffer.from(`${hash.digest('hex')}  ${name}\n`));
      }
      return 0;
    },
  };
}

/** tee FILE...: stdin to stdout and to each file (created or truncated); a file that cannot be opened is reported and skipped, as GNU tee does. */
const tee: StreamTool = {
  supports: (context) => plainOperands(context) !== undefined,
  async run(context) {
    const names = (plainOperands(context) ?? []).filter((name) => name !== '-');
    const writers: FileWriter[] = [];
    let status = 0;
    for (const name of names) {
      try {
        writers.push(openFileWriter(context.host.fs, name, context.cwd, context.user));
      } catch (error) {
        if (!(error instanceof FsError)) throw error;
        context.stderr.write(`tee: ${name}: ${error.message}\n`);
        status = 1;
      }
    }
    const source = stdinSource(context);
    try {
      for (let chunk = await source.read(); chunk.length > 0; chunk = await source.read()) {
        for (const writer of writers) await writer.write(chunk);
        await writeOut(context.stdout, chunk);
      }
    } finally {
      for (const writer of writers) await writer.close();
    }
    return status;
  },
};

const TOOLS: ReadonlyMap<string, StreamTool> = new Map([
  ['cat', cat],
  ['wc', wc],
  ['head', head],
  ['md5sum', hashTool('md5')],
  ['sha256sum', hashTool('sha256')],
  ['tee', tee],
]);

/** The streaming tools of one shell; each wraps the coreutils replacement of its name, or just-bash's own command. */
export function streamToolCommands(owner: CommandOwner): Command[] {
  return [...TOOLS].map(([name, tool]) => streamToolCommand(name, tool, owner, COREUTILS_COMMANDS.find((command) => command.name === name)));
}
