// The records S3's metadata is made of (buckets, objects, multipart uploads and their parts) and their keys in the store.

export interface BucketRecord {
  readonly name: string;
  readonly region: string;
  readonly creationDate: string;
}

/** One stretch of an object's bytes, kept in a file under the data folder (multipart objects have one per part). */
export interface Segment {
  readonly file: string;
  readonly size: number;
}

export interface StoredChecksum {
  readonly algorithm: string;
  readonly value: string;
  readonly type: 'FULL_OBJECT' | 'COMPOSITE';
}

export interface ObjectRecord {
  readonly key: string;
  readonly size: number;
  /** Quoted, as S3 prints it. */
  readonly etag: string;
  readonly lastModified: string;
  /** Content-Type, Content-Encoding, Cache-Control, Content-Disposition, Content-Language, Expires (lower-case names). */
  readonly headers: Readonly<Record<string, string>>;
  /** x-amz-meta-* without the prefix. */
  readonly metadata: Readonly<Record<string, string>>;
  readonly checksum?: StoredChecksum;
  readonly segments: readonly Segment[];
  /** Number of parts of a multipart object. */
  readonly partsCount?: number;
}

export interface PartRecord {
  readonly partNumber: number;
  readonly etag: string;
  readonly size: number;
  readonly file: string;
  readonly lastModified: string;
  readonly checksum?: string;
}

export interface UploadRecord {
  readonly uploadId: string;
  readonly bucket: string;
  readonly key: string;
  readonly initiated: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly metadata: Readonly<Record<string, string>>;
  readonly checksumAlgorithm?: string;
  readonly parts: Record<string, PartRecord>;
}

/** An object as the store keeps it: with its bucket, so the bucket index can file it. */
export type StoredObject = ObjectRecord & { readonly bucket: string };
/** An upload as the store keeps it: its parts are records of their own, so a part costs one small line. */
export type StoredUpload = Omit<UploadRecord, 'parts'>;
export type StoredPart = PartRecord & { readonly uploadId: string };

/** Bucket names have no "/" (letters, digits, dots, hyphens), so the first "/" ends the bucket. */
export function objectKeyOf(bucket: string, key: string): string {
  return `${bucket}/${key}`;
}

export function partKeyOf(uploadId: string, partNumber: number): string {
  return `${uploadId} ${String(partNumber).padStart(5, '0')}`;
}
