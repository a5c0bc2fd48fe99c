// touch: adds GNU's -t [[CC]YY]MMDDhhmm[.ss] and -r REFERENCE (other forms are just-bash's touch); the time is set on every file named.
import { type Command, type ExecResult, defineCommand } from 'just-bash';
import { errorText } from './operands';
import { runShadowed } from './shadowed';

/** `[[CC]YY]MMDDhhmm[.ss]` in UTC, the lab's zone; undefined when malformed. */
function stampTime(stamp: string, now: Date): Date | undefined {
  const match = /^(\d{2}|\d{4})?(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{2}))?$/.exec(stamp);
  if (!match) return undefined;
  let year = now.getUTCFullYear();
  if (match[1]?.length === 4) year = Number(match[1]);
  else if (match[1] !== undefined) year = Number(match[1]) + (Number(match[1]) < 69 ? 2000 : 1900);
  const time = new Date(Date.UTC(year, Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6] ?? 0)));
  return Number.isNaN(time.getTime()) ? undefined : time;
}

export const touch: Command = defineCommand('touch', async (args, ctx): Promise<ExecResult> => {
  const stampAt = args.findIndex((arg) => arg === '-t' || arg === '-r' || arg.startsWith('--reference='));
  if (stampAt < 0) return runShadowed('touch', args, ctx);
  let time: Date | undefined;
  let noCreate = false;
  const names: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '-t') {
      const stamp = args[++i] ?? '';
      time = stampTime(stamp, new Date());
      if (!time) return { stdout: '', stderr: `touch: invalid date format '${stamp}'\n`, exitCode: 1 };
    } else if (arg === '-r' || arg.startsWith('--reference=')) {
      const reference = arg === '-r' ? (args[++i] ?? '') : arg.slice('--reference='.length);
      try {
        time = new Date((await ctx.fs.stat(ctx.fs.resolvePath(ctx.cwd, reference))).mtime.getTime());
      } catch (error) {
        return { stdout: '', stderr: `touch: failed to get attributes of '${reference}': ${errorText(error)}\n`, exitCode: 1 };
      }
    } else if (arg === '-c' || arg === '--no-create') noCreate = true;
    else if (arg === '-a' || arg === '-m' || arg === '-h') continue;
    else names.push(arg);
  }
  let stderr = '';
  for (const name of names) {
    const path = ctx.fs.resolvePath(ctx.cwd, name);
    try {
      if (!(await ctx.fs.exists(path))) {
        if (noCreate) continue;
        await ctx.fs.writeFile(path, '');
      }
      if (time) await ctx.fs.utimes(path, time, time);
    } catch (error) {
      stderr += `touch: cannot touch '${name}': ${errorText(error)}\n`;
    }
  }
  return { stdout: '', stderr, exitCode: stderr === '' ? 0 : 1 };
});
