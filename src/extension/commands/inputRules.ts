// Checks of what users type into the commands' prompts, with the limits the Storage Gateway API documents (names, barcodes, sizes, retention).
import { barcodePrefixProblem, barcodeProblem } from '../../tape/barcode';
import { describeTapeSizeProblem, GIB, TAPE_GATEWAY_LIMITS, tapeSizeProblem } from '../../tape/limits';

/** Printable ASCII without / and \, not all spaces, 2-255 characters (GatewayName; PoolName allows 1-100). */
const NAME_PATTERN = /^[ -.0-[\]-~]*[!-.0-[\]-~][ -.0-[\]-~]*$/;

export function gatewayNameProblem(name: string): string | undefined {
  if (name.length < 2 || name.length > 255 || !NAME_PATTERN.test(name)) return 'A gateway name has 2 to 255 printable characters, not only spaces, and no / or \\.';
  return undefined;
}

export function poolNameProblem(name: string): string | undefined {
  if (name.length < 1 || name.length > 100 || !NAME_PATTERN.test(name)) return 'A pool name has 1 to 100 printable characters, not only spaces, and no / or \\.';
  return undefined;
}

export function timezoneProblem(value: string): string | undefined {
  return /^GMT$|^GMT[+-]\d{1,2}:\d{2}$/.test(value) ? undefined : 'Write the time zone as GMT, or GMT-8:00, GMT+2:00 and so on.';
}

/** CloudFormation stack names: a letter, then letters, digits and hyphens, up to 128 characters. */
export function stackNameProblem(name: string): string | undefined {
  return /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/.test(name) ? undefined : 'A stack name starts with a letter and has up to 128 letters, digits and hyphens.';
}

function wholeNumberIn(value: string, min: number, max: number, what: string): string | undefined {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) return `${what} must be a whole number from ${min} to ${max}.`;
  return undefined;
}

export function tapeCountProblem(value: string): string | undefined {
  return wholeNumberIn(value, TAPE_GATEWAY_LIMITS.minTapesPerCreateTapes, TAPE_GATEWAY_LIMITS.maxTapesPerCreateTapes, 'The number of tapes');
}

/** Tape size typed in GiB: a whole number from 100 to 15,360. */
export function tapeSizeGibProblem(value: string): string | undefined {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(n)) return `Type the tape size as a number of GiB, from ${TAPE_GATEWAY_LIMITS.minTapeSizeInBytes / GIB} to ${TAPE_GATEWAY_LIMITS.maxTapeSizeInBytes / GIB}.`;
  const problem = tapeSizeProblem(n * GIB);
  return problem ? describeTapeSizeProblem(problem) : undefined;
}

export function prefixProblem(value: string): string | undefined {
  return barcodePrefixProblem(value);
}

export function explicitBarcodeProblem(value: string): string | undefined {
  return barcodeProblem(value);
}

export function retentionDaysProblem(value: string): string | undefined {
  return wholeNumberIn(value, TAPE_GATEWAY_LIMITS.minRetentionLockDays, TAPE_GATEWAY_LIMITS.maxRetentionLockDays, 'The retention period in days');
}

/** Fails with the sentence when a value passed as a command argument breaks a rule. */
export function requireValid(problem: string | undefined): void {
  if (problem) throw new Error(problem);
}
