// The base image's text and file tools where just-bash's own differ from GNU coreutils/diffutils/findutils/grep: output formats, options and messages as on Amazon Linux.
import { type Command } from 'just-bash';
import { cat } from './cat';
import { cmp } from './cmp';
import { du } from './du';
import { env } from './env';
import { expr } from './expr';
import { grep } from './grep';
import { head } from './head';
import { paste } from './paste';
import { basename, dirname } from './pathNames';
import { rm } from './rm';
import { seq } from './seq';
import { uniq } from './uniq';
import { wc } from './wc';
import { xargs } from './xargs';

/** Each replaces just-bash's command of the same name (the ones that only fix arguments run it underneath). */
export const COREUTILS_COMMANDS: readonly Command[] = [basename, cat, cmp, dirname, du, env, expr, grep, head, paste, rm, seq, uniq, wc, xargs];
