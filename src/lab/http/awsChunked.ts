// Decodes an aws-chunked body (SigV4 streaming uploads): chunk framing, chunk and trailer signatures, trailing headers.
import { createHash, timingSafeEqual, type Hash } from 'node:crypto';
import { AwsError } from './AwsError';
import { sha256Hex, signWithKey } from './verifySignature';

/** What signed chunks are checked against: the request's own signature seeds the chain. */
export interface ChunkSigning {
  readonly signingKey: Buffer;
  readonly amzDate: string;
  readonly scope: string;
  readonly seedSignature: string;
}

export interface AwsChunkedOptions {
  /** Present for STREAMING-AWS4-HMAC-SHA256-PAYLOAD(-TRAILER): every chunk carries a signature. */
  readonly signing?: ChunkSigning;
  /** Receives the trailing headers (lower-case names) once the final chunk has been read. */
  readonly onTrailers: (trailers: ReadonlyMap<string, string>) => void;
}

const EMPTY_SHA256 = sha256Hex('');
/** Longest chunk header or trailer line accepted: a size, a signature extension, or one checksum header. */
const MAX_LINE = 4096;

export function chunkSignatureMismatch(): AwsError {
  return new AwsError('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', { status: 403 });
}

function malformedChunks(detail: string): AwsError {
  return new AwsError('IncompleteBody', `The request body is not valid aws-chunked encoding (${detail}); send the payload as the AWS SDKs frame it.`);
}

/**
 * Yields the decoded payload without buffering it: chunk data is passed through slice by slice,
 * only header lines are held. Chunk format: `<hex size>[;chunk-signature=<sig>]\r\n<data>\r\n`,
 * ending with a zero-size chunk, optional `name:value` trailer lines and an empty line.
 */
export async function* decodeAwsChunked(source: AsyncIterable<Buffer>, options: AwsChunkedOptions): AsyncGenerator<Buffer> {
  const { signing } = options;
  let state: 'size' | 'data' | 'dataEnd' | 'trailer' | 'done' = 'size';
  let pending = Buffer.alloc(0);
  let remaining = 0;
  let claimed = '';
  let chunkHash: Hash | undefined;
  let previous = signing?.seedSignature ?? '';
  const trailerLines: string[] = [];

  const checkChunk = (dataHash: string) => {
    if (!signing) return;
    const expected = signWithKey(signing.signingKey, ['AWS4-HMAC-SHA256-PAYLOAD', signing.amzDate, signing.scope, previous, EMPTY_SHA256, dataHash].join('\n'));
    if (!sameHex(expected, claimed)) throw chunkSignatureMismatch();
    previous = expected;
  };

  for await (const piece of source) {
    const buffer = pending.length > 0 ? Buffer.concat([pending, piece]) : piece;
    pending = Buffer.alloc(0);
    let offset = 0;
    while (offset < buffer.length) {
      if (state === 'data') {
        const take = Math.min(remaining, buffer.length - offset);
        const slice = buffer.subarray(offset, offset + take);
        chunkHash?.update(slice);
        remaining -= take;
        offset += take;
        if (remaining === 0) state = 'dataEnd';
        if (take > 0) yield slice;
        continue;
      }
      const end = buffer.indexOf('\r\n', offset);
      if (end < 0) {
        pending = Buffer.from(buffer.subarray(offset));
        if (pending.length > MAX_LINE) throw malformedChunks('a chunk header line is too long');
        break;
      }
      const line = buffer.toString('latin1', offset, end);
      offset = end + 2;
      if (state === 'dataEnd') {
        if (line !== '') throw malformedChunks('chunk data is longer than its declared size');
        checkChunk(chunkHash?.digest('hex') ?? '');
        state = 'size';
      } else if (state === 'size') {
        const match = /^([0-9a-fA-F]{1,16})(?:;chunk-signature=([0-9a-f]{64}))?$/.exec(line);
        if (!match) throw malformedChunks(`unreadable chunk header "${line.slice(0, 80)}"`);
        if (signing && match[2] === undefined) throw chunkSignatureMismatch();
        claimed = match[2] ?? '';
        remaining = parseInt(match[1] ?? '0', 16);
        if (remaining === 0) {
          checkChunk(EMPTY_SHA256);
          state = 'trailer';
        } else {
          chunkHash = signing ? createHash('sha256') : undefined;
          state = 'data';
        }
      } else if (state === 'trailer') {
        if (line === '') state = 'done';
        else trailerLines.push(line);
      } else {
        throw malformedChunks('data follows the final chunk');
      }
    }
  }
  // Some clients end right after the trailer lines without the closing empty line.
  if (state === 'trailer' && pending.length === 0) state = 'done';
  if (state !== 'done') throw malformedChunks('the body ended before the final zero-size chunk');
  options.onTrailers(readTrailers(trailerLines, signing, previous));
}

function readTrailers(lines: readonly string[], signing: ChunkSigning | undefined, previous: string): Map<string, string> {
  const trailers = new Map<string, string>();
  let signature: string | undefined;
  const signedText: string[] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw malformedChunks(`unreadable trailer "${line.slice(0, 80)}"`);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'x-amz-trailer-signature') signature = value;
    else {
      trailers.set(name, value);
      signedText.push(`${name}:${value}\n`);
    }
  }
  if (signing && lines.length > 0) {
    const expected = signWithKey(signing.signingKey, ['AWS4-HMAC-SHA256-TRAILER', signing.amzDate, signing.scope, previous, sha256Hex(signedText.join(''))].join('\n'));
    if (signature === undefined || !sameHex(expected, signature)) throw chunkSignatureMismatch();
  }
  return trailers;
}

function sameHex(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(given, 'hex');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}
