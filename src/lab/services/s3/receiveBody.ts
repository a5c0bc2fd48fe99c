// Streams an S3 request body to a data file, checking what the client declared: payload hash, chunk signatures, Content-MD5, checksums.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AwsError } from '../../http/AwsError';
import { decodeAwsChunked } from '../../http/awsChunked';
import type { VerifiedIdentity } from '../../http/verifySignature';
import { CHECKSUM_ALGORITHMS, checksumHeader, createChecksum, parseChecksumAlgorithm, type ChecksumAlgorithm } from './checksums';
import { headerText } from './s3Request';

/** The largest object a single PUT may carry (multipart beyond that). */
export const MAX_SINGLE_PUT_BYTES = 5 * 1024 ** 3;

export interface ReceivedBody {
  /** File name under the data folder. */
  readonly file: string;
  readonly size: number;
  readonly md5Hex: string;
  readonly checksum?: { readonly algorithm: ChecksumAlgorithm; readonly value: string };
}

const STREAMING_MODES = ['STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER'];

/** Writes the body to a new file in `dataDir`; on any mismatch the file is removed and S3's error thrown. */
export async function receiveBody(req: IncomingMessage, identity: VerifiedIdentity, dataDir: string, requestedAlgorithm?: string): Promise<ReceivedBody> {
  // Only a presigned URL gets past the signature check without the header: its payload is unsigned.
  const mode = headerText(req, 'x-amz-content-sha256') ?? 'UNSIGNED-PAYLOAD';
  const streaming = STREAMING_MODES.includes(mode);
  if (!streaming && mode !== 'UNSIGNED-PAYLOAD' && !/^[0-9a-f]{64}$/.test(mode)) {
    throw new AwsError('InvalidArgument', 'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.', { body: { ArgumentName: 'x-amz-content-sha256', ArgumentValue: mode } });
  }
  const lengthHeader = headerText(req, streaming ? 'x-amz-decoded-content-length' : 'content-length');
  if (lengthHeader === undefined || !/^\d+$/.test(lengthHeader)) throw new AwsError('MissingContentLength', 'You must provide the Content-Length HTTP header.', { status: 411 });
  const declaredLength = Number(lengthHeader);
  if (declaredLength > MAX_SINGLE_PUT_BYTES) throw new AwsError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', { body: { ProposedSize: declaredLength, MaxSizeAllowed: MAX_SINGLE_PUT_BYTES } });

  const expectation = checksumExpectation(req, requestedAlgorithm);
  const contentMd5 = headerText(req, 'content-md5');
  if (contentMd5 !== undefined && Buffer.from(contentMd5, 'base64').length !== 16) throw new AwsError('InvalidDigest', 'The Content-MD5 you specified is not valid.', { body: { 'Content-MD5': contentMd5 } });

  let trailers: ReadonlyMap<string, string> = new Map();
  // Not destroyed on an early stop, so the error can still be answered on this connection.
  const body = req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>;
  const source: AsyncIterable<Buffer> = streaming
    ? decodeAwsChunked(body, {
        signing: mode.startsWith('STREAMING-AWS4-HMAC') ? { signingKey: identity.signingKey, amzDate: identity.amzDate, scope: identity.scope, seedSignature: identity.signature } : undefined,
        onTrailers: (received) => (trailers = received),
      })
    : body;
  const md5 = createHash('md5');
  const sha256 = /^[0-9a-f]{64}$/.test(mode) ? createHash('sha256') : undefined;
  const checksum = expectation ? createChecksum(expectation.algorithm) : undefined;
  let size = 0;
  const file = randomBytes(16).toString('hex');
  const path = join(dataDir, file);
  // flush: the data is fsynced before the stream closes, so an acknowledged object survives a power cut.
  const output = createWriteStream(path, { mode: 0o600, flush: true });
  try {
    await pipeline(
      source,
      async function* tap(chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          size += chunk.length;
          if (size > declaredLength) throw incompleteBody();
          md5.update(chunk);
          sha256?.update(chunk);
          checksum?.update(chunk);
          yield chunk;
        }
      },
      output,
    );
    if (!output.closed) await once(output, 'close');
    if (size !== declaredLength) throw incompleteBody();
    if (sha256 && sha256.digest('hex') !== mode) throw new AwsError('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", { body: { ClientComputedContentSHA256: mode } });
    const md5Digest = md5.digest();
    if (contentMd5 !== undefined && md5Digest.toString('base64') !== contentMd5) throw new AwsError('BadDigest', 'The Content-MD5 you specified did not match what we received.', { body: { ExpectedDigest: contentMd5, CalculatedDigest: md5Digest.toString('base64') } });
    let verified: ReceivedBody['checksum'];
    if (expectation && checksum) {
      const computed = await checksum.digest();
      const claimed = expectation.value ?? trailers.get(checksumHeader(expectation.algorithm));
      if (expectation.value === undefined && expectation.inTrailer && claimed === undefined) {
        throw new AwsError('MalformedTrailerError', 'The request contained trailing data that was not well-formed or did not conform to our published schema.');
      }
      if (claimed !== undefined && claimed !== computed) throw new AwsError('BadDigest', `The ${expectation.algorithm} you specified did not match the calculated checksum.`);
      verified = { algorithm: expectation.algorithm, value: computed };
    }
    return { file, size, md5Hex: md5Digest.toString('hex'), ...(verified ? { checksum: verified } : {}) };
  } catch (error) {
    output.destroy();
    if (!output.closed) await once(output, 'close').catch(() => undefined);
    await rm(path, { force: true });
    throw error;
  }
}

interface ChecksumExpectation {
  readonly algorithm: ChecksumAlgorithm;
  /** Given up front in a header; otherwise it comes in the trailer (or the algorithm was only requested). */
  readonly value?: string;
  readonly inTrailer: boolean;
}

function checksumExpectation(req: IncomingMessage, requestedAlgorithm: string | undefined): ChecksumExpectation | undefined {
  const given = CHECKSUM_ALGORITHMS.filter((algorithm) => headerText(req, checksumHeader(algorithm)) !== undefined);
  if (given.length > 1) throw new AwsError('InvalidRequest', 'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
  const trailer = headerText(req, 'x-amz-trailer')?.trim().toLowerCase();
  const inTrailer = CHECKSUM_ALGORITHMS.find((algorithm) => checksumHeader(algorithm) === trailer);
  if (trailer !== undefined && trailer !== '' && !inTrailer) throw new AwsError('InvalidRequest', `The value specified in the x-amz-trailer header is not supported`);
  const [inHeader] = given;
  if (inHeader) return { algorithm: inHeader, value: headerText(req, checksumHeader(inHeader)), inTrailer: false };
  if (inTrailer) return { algorithm: inTrailer, inTrailer: true };
  const sdkAlgorithm = headerText(req, 'x-amz-sdk-checksum-algorithm') ?? requestedAlgorithm;
  return sdkAlgorithm === undefined ? undefined : { algorithm: parseChecksumAlgorithm(sdkAlgorithm), inTrailer: false };
}

function incompleteBody(): AwsError {
  return new AwsError('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header');
}
