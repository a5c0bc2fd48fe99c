// argv builders for mt-st 1.7 and its `tell` output (`At block N.`).

/** The mt-st operations the gateway's drives support from the lab and the extension. */
export type MtOperation = 'status' | 'rewind' | 'fsf' | 'bsf' | 'eod' | 'tell' | 'setblk' | 'offline' | 'weof';

export function mtArgs(device: string, operation: MtOperation, count?: number): string[] {
  return count === undefined ? ['mt', '-f', device, operation] : ['mt', '-f', device, operation, String(count)];
}

export function formatMtTell(block: number): string {
  return `At block ${block}.\n`;
}

export function parseMtTell(text: string): number | undefined {
  const match = /At block (\d+)\./.exec(text);
  return match ? Number(match[1]) : undefined;
}
