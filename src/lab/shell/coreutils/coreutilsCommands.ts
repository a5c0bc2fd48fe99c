// The base image's text and file tools where just-bash's own differ from GNU coreutils/diffutils/findutils/grep: output formats, options and messages as on Amazon Linux.
import { type Command } from 'just-bash';
import { base64 } from './base64';
import { cat } from './cat';
import { CHECKSUM_COMMANDS } from './checksums';
import { cmp } from './cmp';
import { cp } from './cp';
import { cut } from './cut';
import { date } from './date';
import { diff } from './diff';
import { du } from './du';
import { env } from './env';
import { FILE_TOOLS, reportingErrno } from './errnoMessages';
import { expr } from './expr';
import { grep } from './grep';
import { head } from './head';
import { ln } from './ln';
import { mkdir } from './mkdir';
import { mktemp } from './mktemp';
import { mv } from './mv';
import { od } from './od';
import { paste } from './paste';
import { basename, dirname } from './pathNames';
import { readlink, realpath } from './realpath';
import { rm } from './rm';
import { sed } from './sed';
import { seq } from './seq';
import { sort } from './sort';
import { tac } from './tac';
import { tail } from './tail';
import { touch } from './touch';
import { uniq } from './uniq';
import { wc } from './wc';
import { xargs } from './xargs';

const REPLACEMENTS: readonly Command[] = [...CHECKSUM_COMMANDS, base64, basename, cat, cmp, cp, cut, date, diff, dirname, du, env, expr, grep, head, ln, mkdir, mktemp, mv, od, paste, readlink, realpath, rm, sed, seq, sort, tac, tail, touch, uniq, wc, xargs];

/**
 * Each replaces just-bash's command of the same name (the ones that only fix arguments run it underneath); every file tool,
 * replaced or not, reports filesystem errors with strerror's text.
 */
export const COREUTILS_COMMANDS: readonly Command[] = (() => {
  const byName = new Map(REPLACEMENTS.map((command) => [command.name, command]));
  for (const name of FILE_TOOLS) byName.set(name, reportingErrno(name, byName.get(name)));
  return [...byName.values()];
})();
