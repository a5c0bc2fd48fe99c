// ClientMessage MessageId: a UUID stored with its halves swapped (bytes 8-15 of the UUID first, then 0-7, as the plugin's Go code writes it).
import { randomUUID } from 'node:crypto';
import { Buffer } from 'node:buffer';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function newMessageId(): string {
  return randomUUID();
}

/** Writes the 16 wire bytes of a canonical UUID string into `target` at `offset`. */
export function writeMessageId(uuid: string, target: Buffer, offset: number): void {
  if (uuid.length !== 36 || !UUID_PATTERN.test(uuid)) throw new RangeError(`MessageId "${uuid}" is not a UUID.`);
  const hex = uuid.slice(0, 8) + uuid.slice(9, 13) + uuid.slice(14, 18) + uuid.slice(19, 23) + uuid.slice(24);
  target.write(hex.slice(16), offset, 8, 'hex');
  target.write(hex.slice(0, 16), offset + 8, 8, 'hex');
}

/** Reads the 16 wire bytes back into a canonical lower-case UUID string. */
export function decodeMessageId(wire: Uint8Array): string {
  const bytes = Buffer.from(wire.buffer, wire.byteOffset, wire.byteLength);
  const hex = Buffer.concat([bytes.subarray(8, 16), bytes.subarray(0, 8)]).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
