// ln: just-bash's ln, with GNU's messages when a link cannot be made (`failed to create hard link 'B' => 'A': …`, folders refused by name).
import { type Command, defineCommand } from 'just-bash';
import { withStrerrorText } from './errnoMessages';
import { runShadowed } from './shadowed';

function isSymbolic(args: readonly string[]): boolean {
  return args.some((arg) => arg === '--symbolic' || (/^-[^-]/.test(arg) && arg.includes('s')));
}

export const ln: Command = defineCommand('ln', async (args, ctx) => {
  const result = await runShadowed('ln', args, ctx);
  if (result.exitCode === 0 || result.stderr === '') return result;
  const operands = args.filter((arg) => !arg.startsWith('-') || arg === '-');
  const target = operands[0] ?? '';
  const named = operands.length >= 2 ? operands[operands.length - 1] : (target.split('/').filter(Boolean).pop() ?? target);
  const stat = operands.length >= 2 ? await ctx.fs.stat(ctx.fs.resolvePath(ctx.cwd, named)).catch(() => undefined) : undefined;
  const link = stat?.isDirectory ? `${named.replace(/\/+$/, '')}/${target.split('/').filter(Boolean).pop() ?? target}` : named;
  const symbolic = isSymbolic(args);
  const lines = result.stderr.split('\n').map((line) => {
    const folder = /^ln: '(.*)': hard link not allowed for directory$/.exec(line);
    if (folder) return `ln: ${folder[1]}: hard link not allowed for directory`;
    // just-bash reports a failed link call as `ln: <Node error>`; GNU names the link (and, for a hard link, its target).
    if (/^ln: E[A-Z]+: /.test(line)) {
      const text = withStrerrorText(line.slice('ln: '.length));
      return symbolic ? `ln: failed to create symbolic link '${link}': ${text}` : `ln: failed to create hard link '${link}' => '${target}': ${text}`;
    }
    return line;
  });
  return { ...result, stderr: lines.join('\n') };
});
