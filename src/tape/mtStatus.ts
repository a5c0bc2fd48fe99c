// `mt status` output of mt-st 1.7 for the st driver: formatter and parser (FROM SOURCE mt.c:591-680; bits linux/mtio.h).

const MT_STATUS_BITS = [
  ['EOF', 0x80000000],
  ['BOT', 0x40000000],
  ['EOT', 0x20000000],
  ['SM', 0x10000000],
  ['EOD', 0x08000000],
  ['WR_PROT', 0x04000000],
  ['ONLINE', 0x01000000],
  ['D_6250', 0x00800000],
  ['D_1600', 0x00400000],
  ['D_800', 0x00200000],
  ['DR_OPEN', 0x00040000],
  ['IM_REP_EN', 0x00010000],
  ['CLN', 0x00008000],
] as const;

export type MtStatusBit = (typeof MT_STATUS_BITS)[number][0];

export interface MtStatus {
  readonly fileNumber: number;
  readonly blockNumber: number;
  readonly partition: number;
  /** 0 = variable block mode (or no tape). */
  readonly blockSize: number;
  readonly densityCode: number;
  readonly softErrors: number;
  /** Set bits, in any order; the formatter prints them in mt-st's order. */
  readonly bits: readonly MtStatusBit[];
}

// mt-st's density table entries a gateway drive can report.
const DENSITY_NAMES: Readonly<Record<number, string>> = { 0: 'default', 0x58: 'LTO-5' };

function mtStatusWord(bits: readonly MtStatusBit[]): number {
  return MT_STATUS_BITS.reduce((word, [name, value]) => (bits.includes(name) ? word + value : word), 0);
}

export function formatMtStatus(status: MtStatus): string {
  const word = mtStatusWord(status.bits);
  const names = MT_STATUS_BITS.filter(([name]) => status.bits.includes(name)).map(([name]) => ` ${name}`);
  return [
    'SCSI 2 tape drive:',
    `File number=${status.fileNumber}, block number=${status.blockNumber}, partition=${status.partition}.`,
    `Tape block size ${status.blockSize} bytes. Density code 0x${status.densityCode.toString(16)} (${DENSITY_NAMES[status.densityCode] ?? 'unknown'}).`,
    `Soft error count since last status=${status.softErrors}`,
    `General status bits on (${word.toString(16)}):`,
    names.join(''),
    '',
  ].join('\n');
}

export function parseMtStatus(text: string): MtStatus | undefined {
  const position = /File number=(-?\d+), block number=(-?\d+), partition=(-?\d+)\./.exec(text);
  const block = /Tape block size (\d+) bytes\. Density code 0x([0-9a-f]+)/.exec(text);
  const soft = /Soft error count since last status=(\d+)/.exec(text);
  const bitsLine = /General status bits on \(([0-9a-f]+)\):\r?\n(.*)/.exec(text);
  if (!position || !block || !bitsLine) return undefined;
  const word = parseInt(bitsLine[1], 16);
  const bits = MT_STATUS_BITS.filter(([, value]) => (word & value) >>> 0 === value).map(([name]) => name);
  return {
    fileNumber: Number(position[1]),
    blockNumber: Number(position[2]),
    partition: Number(position[3]),
    blockSize: Number(block[1]),
    densityCode: parseInt(block[2], 16),
    softErrors: soft ? Number(soft[1]) : 0,
    bits,
  };
}
