// Rewrites Node-shaped filesystem errors (`ENOENT: no such file or directory, open '/x'`) left in a just-bash tool's stderr as strerror's text.
import { type Command, type ExecResult, defineCommand } from 'just-bash';
import { strerror } from '../strerror';
import { TOOL_FIXES } from './gnuMessages';
import { runShadowed } from './shadowed';

/** `CODE: text, syscall 'path'` (and the `'path'` may be followed by `-> 'other'` for two-path calls). */
const NODE_ERROR = /\b(E[A-Z0-9]+): [^,\n]+, \w+ '[^'\n]*'(?: -> '[^'\n]*')?/g;

/** The stderr of a tool with every Node-shaped error replaced by the C library's text for its errno. */
export function withStrerrorText(stderr: string): string {
  return stderr.replace(NODE_ERROR, (whole, code: string) => strerror(code) ?? whole);
}

function fixed(result: ExecResult): ExecResult {
  if (!result.stderr.includes(': ')) return result;
  const stderr = withStrerrorText(result.stderr);
  return stderr === result.stderr ? result : { ...result, stderr };
}

/** The command with its messages fixed; `command` is the lab's replacement of a tool, or absent to run just-bash's own. */
export function reportingErrno(name: string, command?: Command): Command {
  return defineCommand(name, async (args, ctx) => {
    try {
      const fix = TOOL_FIXES[name];
      const given = fix?.args ? fix.args(args) : args;
      const result = fixed(command ? await command.execute(given, ctx) : await runShadowed(name, given, ctx));
      return fix?.result ? fix.result(result, given) : result;
    } catch (error) {
      // A tool that lets a filesystem error escape (find on a folder it may not read) ends as GNU's would: the path, the text, status 1.
      const { code, path } = (error ?? {}) as { code?: unknown; path?: unknown };
      const text = typeof code === 'string' ? strerror(code) : undefined;
      if (text === undefined) throw error;
      const shown = typeof path === 'string' && path.startsWith(`${ctx.cwd}/`) ? path.slice(ctx.cwd.length + 1) : path;
      return { stdout: '', stderr: `${name}: ${typeof shown === 'string' ? `'${shown}': ` : ''}${text}\n`, exitCode: 1 };
    }
  });
}

/** just-bash tools that touch files and can meet a filesystem error the lab's filesystem raises, and those with a fix of their wording. */
export const FILE_TOOLS = [
  'awk', 'cat', 'chmod', 'cp', 'cut', 'du', 'expr', 'find', 'grep', 'head', 'ln', 'md5sum', 'mkdir', 'mv', 'nl', 'od', 'readlink', 'realpath', 'rm', 'rmdir', 'sed',
  'seq', 'sha1sum', 'sha256sum', 'sleep', 'sort', 'split', 'tail', 'tee', 'touch', 'tr', 'uniq', 'wc', 'xargs',
] as const;
