// base64: GNU's `invalid input` (status 1) when -d meets text that is not base64; encoding and valid decoding are just-bash's.
import { type Command, type ExecResult, defineCommand } from 'just-bash';
import { readOperand } from './operands';
import { runShadowed } from './shadowed';

export const base64: Command = defineCommand('base64', async (args, ctx): Promise<ExecResult> => {
  const decoding = args.some((arg) => arg === '--decode' || /^-[a-z]*d/.test(arg));
  const ignoreGarbage = args.some((arg) => arg === '--ignore-garbage' || /^-[a-z]*i/.test(arg));
  if (!decoding || ignoreGarbage) return runShadowed('base64', args, ctx);
  const operand = await readOperand(ctx, args.find((arg) => !arg.startsWith('-') || arg === '-') ?? '-');
  if (!('bytes' in operand)) return runShadowed('base64', args, ctx);
  const text = operand.bytes.toString('latin1').replace(/\n/g, '');
  const valid = /^[A-Za-z0-9+/]*={0,2}$/.test(text) && (text.length % 4 === 0 || !text.includes('='));
  if (valid) return runShadowed('base64', args, ctx);
  // GNU writes what decoded before the first bad group, then the message.
  const good = /^(?:[A-Za-z0-9+/]{4})*/.exec(text)?.[0] ?? '';
  const decoded = Buffer.from(good, 'base64').toString('latin1');
  return { stdout: decoded, stderr: 'base64: invalid input\n', exitCode: 1 };
});
