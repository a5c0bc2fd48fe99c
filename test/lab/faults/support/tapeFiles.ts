// Reads a virtual tape's files straight from the media under a stopped lab's state folder, as tar archives of one member.
import { createHash } from 'node:crypto';
import { TapeMediaStore } from '../../../../src/lab/library/TapeMediaStore';

export interface TapeFileSummary {
  /** Tape file number (filemarks before it). */
  readonly fileNumber: number;
  /** True when a filemark ends the file (tar closed the device). */
  readonly complete: boolean;
  /** The first tar member's name and the SHA-256 of its data, when the archive parses. */
  readonly member?: { readonly name: string; readonly sha256: string };
  /** The bytes of a file no filemark ends (one torn by a kill), to show GNU tar. */
  readonly tornBytes?: Buffer;
}

/** Every file on the tape: blocks between filemarks, read back through the media store the lab uses. */
export function readTapeFiles(stateDir: string, barcode: string): TapeFileSummary[] {
  const store = new TapeMediaStore(stateDir);
  try {
    const media = store.media(barcode);
    const files: TapeFileSummary[] = [];
    let chunks: Buffer[] = [];
    for (let index = 0; index < media.objectCount; index += 1) {
      const object = media.objectAt(index);
      if (object?.kind === 'block') {
        chunks.push(media.readBlock(index));
        continue;
      }
      files.push({ fileNumber: files.length, complete: true, member: firstMember(Buffer.concat(chunks)) });
      chunks = [];
    }
    if (chunks.length > 0) files.push({ fileNumber: files.length, complete: false, member: firstMember(Buffer.concat(chunks)), tornBytes: Buffer.concat(chunks) });
    return files;
  } finally {
    store.close();
  }
}

/** The first member of a ustar archive (name at 0, octal size at 124, data after the 512-byte header), or undefined if torn. */
function firstMember(archive: Buffer): { name: string; sha256: string } | undefined {
  if (archive.length < 512) return undefined;
  const name = archive.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
  const size = Number.parseInt(archive.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim(), 8);
  if (!name || !Number.isSafeInteger(size) || archive.length < 512 + size) return undefined;
  return { name, sha256: createHash('sha256').update(archive.subarray(512, 512 + size)).digest('hex') };
}
