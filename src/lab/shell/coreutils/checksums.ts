// md5sum/sha1sum/sha256sum -c: GNU's check mode (`NAME: OK` / `FAILED`, warnings on stderr, --quiet, --status, --ignore-missing); hashing itself is just-bash's.
import { createHash } from 'node:crypto';
import { type Command, type ExecResult, defineCommand } from 'just-bash';
import { errorText, readOperand } from './operands';
import { runShadowed } from './shadowed';

const ALGORITHMS: Readonly<Record<string, { hash: string; hexLength: number }>> = {
  md5sum: { hash: 'md5', hexLength: 32 },
  sha1sum: { hash: 'sha1', hexLength: 40 },
  sha256sum: { hash: 'sha256', hexLength: 64 },
};

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

async function check(tool: string, args: readonly string[], ctx: Parameters<Command['execute']>[1]): Promise<ExecResult> {
  const { hash, hexLength } = ALGORITHMS[tool];
  const quiet = args.includes('--quiet');
  const status = args.includes('--status');
  const ignoreMissing = args.includes('--ignore-missing');
  const strict = args.includes('--strict');
  const lists = args.filter((arg) => !arg.startsWith('-') || arg === '-');
  let stdout = '';
  let stderr = '';
  let failed = false;
  for (const list of lists.length > 0 ? lists : ['-']) {
    const operand = await readOperand(ctx, list);
    if (!('bytes' in operand)) {
      stderr += `${tool}: ${list}: ${operand.error}\n`;
      failed = true;
      continue;
    }
    let mismatched = 0;
    let unreadable = 0;
    let malformed = 0;
    let good = 0;
    const pattern = new RegExp(`^\\\\?([0-9a-fA-F]{${hexLength}}) [ *](.+)$`);
    for (const line of operand.bytes.toString('latin1').split('\n')) {
      if (line === '') continue;
      const match = pattern.exec(line);
      if (!match) {
        malformed += 1;
        continue;
      }
      good += 1;
      const name = match[2];
      const target = await readOperand(ctx, name);
      if (!('bytes' in target)) {
        if (ignoreMissing && target.error === 'No such file or directory') continue;
        stderr += `${tool}: ${name}: ${target.error}\n`;
        if (!status) stdout += `${name}: FAILED open or read\n`;
        unreadable += 1;
        continue;
      }
      const ok = createHash(hash).update(target.bytes).digest('hex') === match[1].toLowerCase();
      if (!ok) mismatched += 1;
      if (!status && (!ok || !quiet)) stdout += `${name}: ${ok ? 'OK' : 'FAILED'}\n`;
    }
    if (good === 0) {
      stderr += `${tool}: ${list === '-' ? "'standard input'" : list}: no properly formatted checksum lines found\n`;
      failed = true;
      continue;
    }
    if (!status) {
      if (malformed > 0) stderr += `${tool}: WARNING: ${plural(malformed, 'line is', 'lines are')} improperly formatted\n`;
      if (unreadable > 0) stderr += `${tool}: WARNING: ${plural(unreadable, 'listed file could not be read', 'listed files could not be read')}\n`;
      if (mismatched > 0) stderr += `${tool}: WARNING: ${plural(mismatched, 'computed checksum did NOT match', 'computed checksums did NOT match')}\n`;
    }
    if (mismatched > 0 || unreadable > 0 || (strict && malformed > 0)) failed = true;
  }
  return { stdout, stderr, exitCode: failed ? 1 : 0 };
}

function checksumCommand(tool: string): Command {
  return defineCommand(tool, async (args, ctx) => {
    if (args.some((arg) => arg === '-c' || arg === '--check' || /^-[a-z]*c[a-z]*$/.test(arg))) {
      try {
        return await check(tool, args, ctx);
      } catch (error) {
        return { stdout: '', stderr: `${tool}: ${errorText(error)}\n`, exitCode: 1 };
      }
    }
    return runShadowed(tool, args, ctx);
  });
}

export const CHECKSUM_COMMANDS: readonly Command[] = Object.keys(ALGORITHMS).map(checksumCommand);
