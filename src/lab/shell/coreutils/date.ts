// date: GNU's relative dates (`+ 1 day`, `2 days ago`, `yesterday`, `next monday`), `@N.N`, -I[SPEC] and clustered options; formatting is just-bash's date.
import { type Command, type ExecResult, defineCommand } from 'just-bash';
import { runShadowed } from './shadowed';

type Ctx = Parameters<Command['execute']>[1];

const UNITS: Readonly<Record<string, number>> = { second: 1, sec: 1, minute: 60, min: 60, hour: 3600, day: 86400, week: 604800, fortnight: 1209600 };
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/** Relative items GNU's parser takes after (or instead of) a date: `[+-] N unit[s] [ago]`, `yesterday`, `next friday`, … */
const RELATIVE = /(?:^|\s+)(?:([+-]?)\s*(\d+)\s*(year|month|fortnight|week|day|hour|minute|min|second|sec)s?(\s+ago)?|(yesterday|tomorrow|today|now)|(next|last|this)\s+(year|month|week|day|hour|minute|second|sunday|monday|tuesday|wednesday|thursday|friday|saturday))(?=\s|$)/gi;

interface Relative {
  seconds: number;
  months: number;
  weekday?: { day: number; direction: number };
}

function relativeItems(text: string): { absolute: string; relative: Relative } {
  const relative: Relative = { seconds: 0, months: 0 };
  const absolute = text.replace(RELATIVE, (_whole, sign: string | undefined, count: string | undefined, unit: string | undefined, ago: string | undefined, word: string | undefined, which: string | undefined, what: string | undefined) => {
    if (word) relative.seconds += { yesterday: -86400, tomorrow: 86400, today: 0, now: 0 }[word.toLowerCase()] ?? 0;
    else if (which && what) {
      const direction = { next: 1, last: -1, this: 0 }[which.toLowerCase()] ?? 0;
      const day = DAYS.indexOf(what.toLowerCase());
      if (day >= 0) relative.weekday = { day, direction };
      else if (what.toLowerCase() === 'year') relative.months += 12 * direction;
      else if (what.toLowerCase() === 'month') relative.months += direction;
      else relative.seconds += direction * (UNITS[what.toLowerCase()] ?? 0);
    } else if (count && unit) {
      const amount = Number(count) * (sign === '-' ? -1 : 1) * (ago ? -1 : 1);
      const name = unit.toLowerCase();
      if (name === 'year') relative.months += 12 * amount;
      else if (name === 'month') relative.months += amount;
      else relative.seconds += amount * (UNITS[name] ?? 0);
    }
    return ' ';
  });
  return { absolute: absolute.trim(), relative };
}

function apply(epochSeconds: number, relative: Relative): number {
  const date = new Date(epochSeconds * 1000);
  if (relative.months !== 0) date.setUTCMonth(date.getUTCMonth() + relative.months);
  let seconds = date.getTime() / 1000 + relative.seconds;
  if (relative.weekday) {
    const current = new Date(seconds * 1000);
    let ahead = (relative.weekday.day - current.getUTCDay() + 7) % 7;
    if (relative.weekday.direction > 0 && ahead === 0) ahead = 7;
    if (relative.weekday.direction < 0) ahead = ahead === 0 ? -7 : ahead - 7;
    const midnight = Date.UTC(current.getUTCFullYear(), current.getUTCMonth(), current.getUTCDate()) / 1000;
    seconds = midnight + ahead * 86400;
  }
  return seconds;
}

/** Seconds since the epoch of `text` as GNU date -d reads it, or undefined when just-bash's date should judge it. */
async function epochOf(text: string, ctx: Ctx): Promise<number | undefined> {
  const at = /^\s*@(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (at) return Number(at[1]);
  const { absolute, relative } = relativeItems(text);
  if (absolute === text.trim() && !/^\s*$/.test(text)) return undefined;
  // The base is now (the shell's clock) or the calendar date given; a weekday item counts only without a date, as in GNU's parser.
  const parsed = await runShadowed('date', absolute === '' ? ['+%s'] : ['-u', '-d', absolute, '+%s'], ctx);
  if (parsed.exitCode !== 0) return Number.NaN;
  if (absolute !== '') relative.weekday = undefined;
  return apply(Number(parsed.stdout.trim()), relative);
}

const ISO_FORMATS: Readonly<Record<string, string>> = {
  date: '+%Y-%m-%d', hours: '+%Y-%m-%dT%H+00:00', minutes: '+%Y-%m-%dT%H:%M+00:00', seconds: '+%Y-%m-%dT%H:%M:%S+00:00', ns: '+%Y-%m-%dT%H:%M:%S,%N+00:00',
};

export const date: Command = defineCommand('date', async (args, ctx): Promise<ExecResult> => {
  const out: string[] = [];
  let given: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    const iso = /^(?:-I|--iso-8601=?)(date|hours|minutes|seconds|ns)?$/.exec(arg);
    if (arg === '-d' || arg === '--date') given = args[++i] ?? '';
    else if (arg.startsWith('--date=')) given = arg.slice('--date='.length);
    else if (/^-[uR]*d/.test(arg) && !arg.startsWith('--')) {
      // Clustered short options ending in d: `-ud STR`, `-uR -d STR`, `-dSTR`.
      const at = arg.indexOf('d');
      for (const letter of arg.slice(1, at)) out.push(`-${letter}`);
      given = at + 1 < arg.length ? arg.slice(at + 1) : (args[++i] ?? '');
    } else if (iso) {
      // The lab's clock is UTC, so the offset GNU prints is +00:00.
      out.push(ISO_FORMATS[iso[1] ?? 'date']);
    } else out.push(arg);
  }
  if (given === undefined) return runShadowed('date', out, ctx);
  const epoch = await epochOf(given, ctx);
  if (epoch === undefined) return runShadowed('date', ['-d', given, ...out], ctx);
  if (Number.isNaN(epoch)) return { stdout: '', stderr: `date: invalid date '${given}'\n`, exitCode: 1 };
  const whole = Math.floor(epoch);
  const result = await runShadowed('date', ['-d', `@${whole}`, ...out], ctx);
  // %N of a fractional @N: just-bash's date counts whole seconds only.
  const nanos = String(Math.round((epoch - whole) * 1e9)).padStart(9, '0');
  return epoch === whole ? result : { ...result, stdout: result.stdout.replace(/000000000/g, nanos) };
});
