// argv builders for GNU tar on a tape device, and tar's record-size argument rules (tar 1.34).

interface TarCreateRequest {
  readonly device: string;
  /** Must equal the drive's block size in fixed-block mode (read it from `mt status`). */
  readonly recordSize: number;
  readonly paths: readonly string[];
  readonly verbose?: boolean;
  /** `-C DIR`: names are taken relative to it. */
  readonly directory?: string;
}

export function tarCreateArgs(request: TarCreateRequest): string[] {
  const args = ['tar', request.verbose ? '-cv' : '-c', `--record-size=${request.recordSize}`, '-f', request.device];
  if (request.directory !== undefined) args.push('-C', request.directory);
  return [...args, ...request.paths];
}

export function tarListArgs(device: string, recordSize?: number): string[] {
  return recordSize === undefined ? ['tar', '-tv', '-f', device] : ['tar', '-tv', `--record-size=${recordSize}`, '-f', device];
}

export function tarExtractArgs(device: string, directory?: string, recordSize?: number): string[] {
  const args = ['tar', '-xv'];
  if (recordSize !== undefined) args.push(`--record-size=${recordSize}`);
  args.push('-f', device);
  return directory === undefined ? args : [...args, '-C', directory];
}

/** GNU tar's default blocking factor is 20 (tar.c:66): 10240-byte records. */
export const TAR_DEFAULT_RECORD_SIZE = 20 * 512;

const SUFFIXES: Readonly<Record<string, number>> = { '': 1, c: 1, w: 2, b: 512, k: 1024, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

type RecordSizeResult = { ok: true; bytes: number } | { ok: false; message: string };

/** `--record-size=N[suffix]`; the error text is what tar prints after `tar: `. */
export function parseTarRecordSize(text: string): RecordSizeResult {
  const match = /^(\d+)([a-zA-Z]?)$/.exec(text);
  const factor = match ? SUFFIXES[match[2]] : undefined;
  if (!match || factor === undefined) return { ok: false, message: `Invalid record size: ${text}` };
  const bytes = Number(match[1]) * factor;
  if (bytes % 512 !== 0) return { ok: false, message: 'Record size must be a multiple of 512.' };
  if (bytes === 0) return { ok: false, message: `Invalid record size: ${text}` };
  return { ok: true, bytes };
}

/** `-b N`: N 512-byte blocks per record. */
export function parseTarBlockingFactor(text: string): RecordSizeResult {
  const factor = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(factor > 0)) return { ok: false, message: `${text}: Invalid blocking factor` };
  return { ok: true, bytes: factor * 512 };
}
