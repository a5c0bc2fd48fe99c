// GNU tar 1.34 verbose listing lines (`tar -tv`): formatter and parser (FROM SOURCE list.c:1109-1300, checked against /usr/bin/tar).

export type TarEntryType = 'file' | 'directory' | 'symlink' | 'link' | 'character-device' | 'block-device' | 'fifo';

export interface TarListEntry {
  readonly name: string;
  readonly type: TarEntryType;
  /** Permission bits (e.g. 0o644), including setuid/setgid/sticky. */
  readonly mode: number;
  readonly uname: string;
  readonly gname: string;
  readonly size: number;
  readonly mtime: Date;
  readonly linkname?: string;
}

const TYPE_CHARS: Readonly<Record<TarEntryType, string>> = {
  file: '-',
  directory: 'd',
  symlink: 'l',
  link: 'h',
  'character-device': 'c',
  'block-device': 'b',
  fifo: 'p',
};

export function formatTarMode(type: TarEntryType, mode: number): string {
  const bit = (mask: number, char: string): string => (mode & mask ? char : '-');
  const exec = (mask: number, special: number, set: string, unset: string): string =>
    mode & special ? (mode & mask ? set : unset) : bit(mask, 'x');
  return (
    TYPE_CHARS[type] +
    bit(0o400, 'r') + bit(0o200, 'w') + exec(0o100, 0o4000, 's', 'S') +
    bit(0o040, 'r') + bit(0o020, 'w') + exec(0o010, 0o2000, 's', 'S') +
    bit(0o004, 'r') + bit(0o002, 'w') + exec(0o001, 0o1000, 't', 'T')
  );
}

function two(value: number): string {
  return String(value).padStart(2, '0');
}

/** `YYYY-MM-DD HH:MM` in the host's local time, given as minutes east of UTC. */
export function formatTarTime(time: Date, utcOffsetMinutes = 0): string {
  const local = new Date(time.getTime() + utcOffsetMinutes * 60_000);
  return `${local.getUTCFullYear()}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
}

/**
 * Formats listing lines the way one tar run does: `user/group size` spans at least `ugswidth`,
 * a width that starts at 19 and only grows within the run (list.c). One formatter per tar run.
 */
export class TarListFormatter {
  private ugswidth = 19;

  constructor(private readonly utcOffsetMinutes = 0) {}

  format(entry: TarListEntry): string {
    const size = String(entry.size);
    const pad = entry.uname.length + 1 + entry.gname.length + 1 + size.length;
    if (pad > this.ugswidth) this.ugswidth = pad;
    const sizeField = size.padStart(this.ugswidth - pad + size.length);
    let line = `${formatTarMode(entry.type, entry.mode)} ${entry.uname}/${entry.gname} ${sizeField} ${formatTarTime(entry.mtime, this.utcOffsetMinutes)} ${entry.name}`;
    if (entry.type === 'symlink') line += ` -> ${entry.linkname ?? ''}`;
    if (entry.type === 'link') line += ` link to ${entry.linkname ?? ''}`;
    return line;
  }
}

const LINE = /^([-dlhcbp])([-rwxsStT]{9}) ([^/\s]+)\/(\S+) +(\d+) (\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d) (.*)$/;

const CHAR_TYPES: Readonly<Record<string, TarEntryType>> = Object.fromEntries(
  Object.entries(TYPE_CHARS).map(([type, char]) => [char, type as TarEntryType]),
);

function parseMode(text: string): number {
  let mode = 0;
  const flags = [0o400, 0o200, 0o100, 0o040, 0o020, 0o010, 0o004, 0o002, 0o001];
  const specials = [0, 0, 0o4000, 0, 0, 0o2000, 0, 0, 0o1000];
  for (let i = 0; i < 9; i += 1) {
    const char = text[i];
    if (char !== '-' && char !== 'S' && char !== 'T') mode |= flags[i];
    if (char === 's' || char === 'S' || char === 't' || char === 'T') mode |= specials[i];
  }
  return mode;
}

/** Reads one `tar -tv` line (times are read as UTC, i.e. the host's local time with offset 0). */
export function parseTarListLine(line: string): TarListEntry | undefined {
  const match = LINE.exec(line);
  if (!match) return undefined;
  const type = CHAR_TYPES[match[1]];
  let name = match[11];
  let linkname: string | undefined;
  const separator = type === 'symlink' ? ' -> ' : type === 'link' ? ' link to ' : undefined;
  if (separator !== undefined && name.includes(separator)) {
    const at = name.indexOf(separator);
    linkname = name.slice(at + separator.length);
    name = name.slice(0, at);
  }
  const [year, month, day, hour, minute] = match.slice(6, 11).map(Number);
  return {
    name,
    type,
    mode: parseMode(match[2]),
    uname: match[3],
    gname: match[4],
    size: Number(match[5]),
    mtime: new Date(Date.UTC(year, month - 1, day, hour, minute)),
    ...(linkname !== undefined ? { linkname } : {}),
  };
}

export function parseTarListing(text: string): TarListEntry[] {
  return text.split(/\r?\n/).flatMap((line) => {
    const entry = parseTarListLine(line);
    return entry ? [entry] : [];
  });
}
