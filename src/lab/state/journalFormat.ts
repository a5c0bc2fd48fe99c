// The journal file format: a header line, then one line per batch of changes; a torn last line is a write a kill cut short.

export class StateLoadError extends Error {}

export const JOURNAL_HEADER = { format: 'tape-gateway-lab-journal', version: 1 } as const;
export const JOURNAL_HEADER_LINE = `${JSON.stringify(JOURNAL_HEADER)}\n`;

/** One change: [table, key, value] puts a record, [table, key] deletes it. */
export type JournalOp = [string, string, unknown] | [string, string];

export interface ParsedJournal {
  /** Every complete batch, in file order. */
  readonly batches: JournalOp[][];
  /** Byte length of each batch's line, for the store's size accounting. */
  readonly lineBytes: number[];
  /** A last line without its newline was found and left out: the file needs rewriting before appending. */
  readonly torn: boolean;
}

function isOp(raw: unknown): raw is JournalOp {
  return Array.isArray(raw) && (raw.length === 2 || raw.length === 3) && typeof raw[0] === 'string' && typeof raw[1] === 'string';
}

/**
 * Parses a journal. Only the last line can be torn (appends are sequential and each batch ends with its newline), so a
 * bad line anywhere else means the file was damaged or is not a journal: that is refused with a message saying what to do.
 */
export function parseJournal(text: string, path: string): ParsedJournal {
  const lines = text.split('\n');
  const tail = lines.pop() ?? '';
  const torn = tail.length > 0;
  const refuse = (why: string) => new StateLoadError(`The lab state file ${path} ${why}. Move it aside or choose another --state-dir.`);
  const header = lines.shift();
  if (header === undefined) {
    if (torn) return { batches: [], lineBytes: [], torn };
    throw refuse('is empty');
  }
  let parsedHeader: unknown;
  try {
    parsedHeader = JSON.parse(header);
  } catch {
    throw refuse('is not a lab journal');
  }
  const candidate = parsedHeader as Partial<typeof JOURNAL_HEADER> | null;
  if (candidate?.format !== JOURNAL_HEADER.format) throw refuse('is not a lab journal');
  if (candidate.version !== JOURNAL_HEADER.version) throw refuse(`was written by another version of the lab (journal version ${String(candidate.version)})`);
  const batches: JournalOp[][] = [];
  const lineBytes: number[] = [];
  lines.forEach((line, index) => {
    let batch: unknown;
    try {
      batch = JSON.parse(line);
    } catch {
      throw refuse(`is damaged at line ${index + 2}`);
    }
    if (!Array.isArray(batch) || !batch.every(isOp)) throw refuse(`is damaged at line ${index + 2}`);
    batches.push(batch);
    lineBytes.push(Buffer.byteLength(line) + 1);
  });
  return { batches, lineBytes, torn };
}

/** The records a journal holds once replayed: table -> key -> value. For tests and tools that read a stopped lab's state. */
export function replayJournal(text: string, path = 'journal'): Map<string, Map<string, unknown>> {
  const tables = new Map<string, Map<string, unknown>>();
  for (const batch of parseJournal(text, path).batches) {
    for (const op of batch) {
      let table = tables.get(op[0]);
      if (!table) tables.set(op[0], (table = new Map()));
      if (op.length === 3) table.set(op[1], op[2]);
      else table.delete(op[1]);
    }
  }
  return tables;
}
