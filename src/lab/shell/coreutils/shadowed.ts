// Runs the just-bash command a lab command shadows (for the replacements that only fix arguments or reformat output).
import { type ExecResult, type ResolvedCommandContext } from 'just-bash';

export async function runShadowed(tool: string, args: string[], ctx: ResolvedCommandContext): Promise<ExecResult> {
  if (!ctx.origCommand) return { stdout: '', stderr: `bash: ${tool}: command not found\n`, exitCode: 127 };
  return ctx.origCommand(args);
}

/**
 * Splits clustered short options the way getopt reads them (`-sd+` is `-s -d +`, `-I{}` is `-I {}`), up to the first
 * operand or `--`; `withValue` lists the letters that take an argument, `stopAtOperand` leaves everything after the first operand alone.
 */
export function splitShortOptions(args: readonly string[], withValue: string, stopAtOperand = true): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    if (!arg.startsWith('-') || arg === '-' || arg.startsWith('--')) {
      if (!arg.startsWith('-') && stopAtOperand) {
        out.push(...args.slice(i));
        break;
      }
      out.push(arg);
      continue;
    }
    for (let at = 1; at < arg.length; at++) {
      const letter = arg[at];
      out.push(`-${letter}`);
      if (withValue.includes(letter)) {
        if (at + 1 < arg.length) out.push(arg.slice(at + 1));
        else if (i + 1 < args.length) out.push(args[++i]);
        break;
      }
    }
  }
  return out;
}
