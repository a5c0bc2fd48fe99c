// S3's additional checksums (CRC32, CRC32C, CRC64NVME, SHA1, SHA256) computed incrementally, base64 as S3 prints them.
import { AwsCrc32c } from '@aws-crypto/crc32c';
import { Crc64Nvme } from '@aws-sdk/crc64-nvme';
import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { AwsError } from '../../http/AwsError';

export const CHECKSUM_ALGORITHMS = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

export interface IncrementalChecksum {
  update(data: Buffer): void;
  /** Base64 of the big-endian digest. */
  digest(): Promise<string>;
}

/** Header carrying a checksum value, e.g. x-amz-checksum-crc64nvme. */
export function checksumHeader(algorithm: ChecksumAlgorithm): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`;
}

export function parseChecksumAlgorithm(value: string): ChecksumAlgorithm {
  const upper = value.toUpperCase();
  const found = CHECKSUM_ALGORITHMS.find((algorithm) => algorithm === upper);
  if (!found) throw new AwsError('InvalidRequest', 'Value for x-amz-checksum-algorithm header is invalid.');
  return found;
}

export function createChecksum(algorithm: ChecksumAlgorithm): IncrementalChecksum {
  switch (algorithm) {
    case 'CRC32': {
      let value = 0;
      return { update: (data) => (value = crc32(data, value)), digest: () => Promise.resolve(uint32Base64(value)) };
    }
    case 'CRC32C': {
      const state = new AwsCrc32c();
      return { update: (data) => state.update(data), digest: async () => Buffer.from(await state.digest()).toString('base64') };
    }
    case 'CRC64NVME': {
      const state = new Crc64Nvme();
      return { update: (data) => state.update(data), digest: async () => Buffer.from(await state.digest()).toString('base64') };
    }
    case 'SHA1':
    case 'SHA256':
      return hashChecksum(createHash(algorithm === 'SHA1' ? 'sha1' : 'sha256'));
  }
}

function hashChecksum(hash: Hash): IncrementalChecksum {
  return { update: (data) => hash.update(data), digest: () => Promise.resolve(hash.digest('base64')) };
}

function uint32Base64(value: number): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0);
  return bytes.toString('base64');
}

/**
 * A multipart object's COMPOSITE checksum: the checksum of the parts' binary checksums, then "-<parts>".
 * CRC64NVME is always FULL_OBJECT (computed over the whole data) and is not built here.
 */
export async function compositeChecksum(algorithm: ChecksumAlgorithm, partChecksums: readonly string[]): Promise<string> {
  const checksum = createChecksum(algorithm);
  for (const part of partChecksums) checksum.update(Buffer.from(part, 'base64'));
  return `${await checksum.digest()}-${partChecksums.length}`;
}
