// The Tape Gateway limits, in one table ; the lab enforces them and the extension checks input with them.

export const GIB = 1024 ** 3;
export const TIB = 1024 ** 4;
const PIB = 1024 ** 5;

export const TAPE_GATEWAY_LIMITS = {
  /** Smallest virtual tape (100 GiB). */
  minTapeSizeInBytes: 100 * GIB,
  /** Largest virtual tape: 15 TiB in the current Tape Gateway guide (5 TiB in the 2022 guide). */
  maxTapeSizeInBytes: 15 * TIB,
  /** Tape sizes are whole GiB. */
  tapeSizeAlignmentInBytes: GIB,
  /** Tapes per virtual tape library. */
  maxTapesPerLibrary: 1500,
  /** Total size of the tapes in one library (1 PiB). */
  maxTotalTapeBytesPerLibrary: PIB,
  minTapesPerCreateTapes: 1,
  maxTapesPerCreateTapes: 10,
  minBarcodeLength: 5,
  maxBarcodeLength: 16,
  minBarcodePrefixLength: 1,
  maxBarcodePrefixLength: 4,
  /** Uppercase hex digits CreateTapes appends to the prefix. */
  generatedBarcodeSuffixLength: 6,
  maxTagsPerResource: 50,
  minRetentionLockDays: 0,
  maxRetentionLockDays: 36500,
  tapeDrives: 10,
  storageSlots: 1600,
  importExportSlots: 1600,
  /** Recommended ceilings of the local disks of a Tape Gateway (AWS guide). */
  maxCacheInBytes: 64 * TIB,
  maxUploadBufferInBytes: 2 * TIB,
} as const;

type TapeSizeProblem = 'notWholeGib' | 'tooSmall' | 'tooLarge';

/** Why a tape size is refused, or undefined when AWS accepts it. */
export function tapeSizeProblem(sizeInBytes: number): TapeSizeProblem | undefined {
  if (!Number.isSafeInteger(sizeInBytes) || sizeInBytes % TAPE_GATEWAY_LIMITS.tapeSizeAlignmentInBytes !== 0) return 'notWholeGib';
  if (sizeInBytes < TAPE_GATEWAY_LIMITS.minTapeSizeInBytes) return 'tooSmall';
  if (sizeInBytes > TAPE_GATEWAY_LIMITS.maxTapeSizeInBytes) return 'tooLarge';
  return undefined;
}

/** A sentence for a refused tape size that says what to use instead. */
export function describeTapeSizeProblem(problem: TapeSizeProblem): string {
  const min = TAPE_GATEWAY_LIMITS.minTapeSizeInBytes / GIB;
  const max = TAPE_GATEWAY_LIMITS.maxTapeSizeInBytes / GIB;
  switch (problem) {
    case 'notWholeGib':
      return `The tape size must be a whole number of GiB (a multiple of ${GIB} bytes).`;
    case 'tooSmall':
      return `The tape size must be at least ${min} GiB (${TAPE_GATEWAY_LIMITS.minTapeSizeInBytes} bytes).`;
    case 'tooLarge':
      return `The tape size must be at most ${max} GiB (${TAPE_GATEWAY_LIMITS.maxTapeSizeInBytes} bytes).`;
  }
}
