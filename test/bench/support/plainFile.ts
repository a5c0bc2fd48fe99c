// The benches' one baseline for tape throughput: the same bytes written (and read) by Node as a plain file, in the same state folder.
//
// A tape write is durable when the drive acknowledges the filemark that closing the device writes (an SSC WRITE FILEMARKS
// with IMMED=0 returns only once the drive's buffered blocks are on the medium; st sends it on close after a write, and
// a rewind or unload flushes the same way). The lab fsyncs the tape's files there and nowhere else, so the plain write
// fsyncs once, at its end. Both sides start from a dropped file (the caller removes the last pair's files untimed) so
// neither reuses the other's page cache, and both write in 64 KiB write(2)s, one per tape record of `tar -b 128`.
import { closeSync, fsyncSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export const RECORD_BYTES = 64 * 1024;

/** Bytes in memory to write: touched page by page, so the writes read real memory (a fresh calloc'd buffer maps one shared zero page). */
export function archiveSizedBuffer(bytes: number): Buffer {
  const buffer = Buffer.allocUnsafeSlow(bytes);
  buffer.fill(0);
  return buffer;
}

/** Creates `path` (the caller removed the last one), writes `data` in 64 KiB writes, fsyncs and closes; returns the milliseconds taken. */
export function plainWrite(path: string, data: Buffer): number {
  const started = performance.now();
  const fd = openSync(path, 'w');
  try {
    for (let offset = 0; offset < data.length; offset += RECORD_BYTES) writeSync(fd, data, offset, Math.min(RECORD_BYTES, data.length - offset));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return performance.now() - started;
}

/** Reads `path` in 64 KiB reads; returns the milliseconds taken. */
export function plainRead(path: string): number {
  const started = performance.now();
  const fd = openSync(path, 'r');
  const record = Buffer.allocUnsafe(RECORD_BYTES);
  try {
    while (readSync(fd, record, 0, RECORD_BYTES, null) > 0);
  } finally {
    closeSync(fd);
  }
  return performance.now() - started;
}

/**
 * Reads `from` in 64 KiB reads and writes each to a new `to` (no fsync: GNU tar does not sync what it extracts), which
 * is what `tar -x` does with an archive; returns the milliseconds taken.
 */
export function plainCopy(from: string, to: string): number {
  const started = performance.now();
  const input = openSync(from, 'r');
  const output = openSync(to, 'w');
  const record = Buffer.allocUnsafe(RECORD_BYTES);
  try {
    for (let n = readSync(input, record, 0, RECORD_BYTES, null); n > 0; n = readSync(input, record, 0, RECORD_BYTES, null)) writeSync(output, record, 0, n);
  } finally {
    closeSync(input);
    closeSync(output);
  }
  return performance.now() - started;
}

export function dropFile(path: string): void {
  rmSync(path, { force: true });
}

export function megabytesPerSecond(bytes: number, milliseconds: number): number {
  return bytes / 1e6 / (milliseconds / 1000);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}
