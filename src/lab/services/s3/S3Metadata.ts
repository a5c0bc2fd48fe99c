// S3's metadata (buckets, objects, multipart uploads) in the lab's storage layer: <stateDir>/s3/metadata.journal.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { LabRuntime } from '../../LabRuntime';
import { StateStore } from '../../state/StateStore';
import type { Table } from '../../state/Table';
import { compareUtf8, insertInOrder, removeInOrder } from './keyOrder';
import { legacyS3Operations } from './legacyS3Metadata';
import { objectKeyOf, partKeyOf, type BucketRecord, type ObjectRecord, type PartRecord, type StoredObject, type StoredPart, type StoredUpload, type UploadRecord } from './s3Records';

export type { BucketRecord, ObjectRecord, PartRecord, Segment, StoredChecksum, UploadRecord } from './s3Records';
export { compareUtf8 } from './keyOrder';

/**
 * The only place S3 state is persisted. Every change is journaled and on disk before the caller answers (each method
 * resolves then), and costs the same however many objects exist. Objects are indexed by bucket, and each bucket's keys
 * are kept in S3's listing order once first listed, so a listing with a prefix starts where the prefix does.
 */
export class S3Metadata {
  /** Each listed bucket's keys in UTF-8 order, kept current as objects come and go. */
  private readonly sorted = new Map<string, string[]>();
  /** Uploads with their parts assembled, as the multipart operations read them. */
  private readonly uploadViews = new Map<string, UploadRecord>();

  private constructor(
    private readonly store: StateStore,
    private readonly bucketTable: Table<BucketRecord>,
    private readonly objectTable: Table<StoredObject>,
    private readonly uploadTable: Table<StoredUpload>,
    private readonly partTable: Table<StoredPart>,
  ) {
    for (const upload of uploadTable.values()) this.uploadViews.set(upload.uploadId, { ...upload, parts: {} });
    for (const part of partTable.values()) {
      const { uploadId, ...record } = part;
      const view = this.uploadViews.get(uploadId);
      if (view) view.parts[String(record.partNumber)] = record;
    }
  }

  /** Opens `<folder>/metadata.journal` (undefined: in memory only), importing an older lab's metadata.json and journal.jsonl the first time. */
  static async open(folder: string | undefined, log?: LabRuntime['log']): Promise<S3Metadata> {
    const legacySnapshot = folder === undefined ? undefined : join(folder, 'metadata.json');
    const legacyJournal = folder === undefined ? undefined : join(folder, 'journal.jsonl');
    const store = new StateStore(folder === undefined ? undefined : join(folder, 'metadata.journal'), {
      log,
      importWhenMissing: async () => (legacySnapshot && legacyJournal ? legacyS3Operations(legacySnapshot, legacyJournal) : undefined),
    });
    const buckets = store.table<BucketRecord>('buckets');
    const objects = store.table<StoredObject>('objects', { indexes: { bucket: (object) => object.bucket } });
    const uploads = store.table<StoredUpload>('uploads', { indexes: { bucket: (upload) => upload.bucket } });
    const parts = store.table<StoredPart>('parts');
    await store.open();
    // The journal now holds what the older files held.
    for (const path of [legacySnapshot, legacyJournal]) if (path) await rm(path, { force: true });
    return new S3Metadata(store, buckets, objects, uploads, parts);
  }

  buckets(): BucketRecord[] {
    return [...this.bucketTable.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  bucket(name: string): BucketRecord | undefined {
    return this.bucketTable.get(name);
  }

  object(bucket: string, key: string): ObjectRecord | undefined {
    return this.objectTable.get(objectKeyOf(bucket, key));
  }

  /** Keys of a bucket in UTF-8 binary order, as S3 lists them (a live array: do not change it; copy it to keep it). */
  sortedKeys(bucket: string): readonly string[] {
    let keys = this.sorted.get(bucket);
    if (!keys) {
      keys = [...this.objectTable.lookup('bucket', bucket)].map((stored) => stored.slice(bucket.length + 1)).sort(compareUtf8);
      this.sorted.set(bucket, keys);
    }
    return keys;
  }

  objectCount(bucket: string): number {
    return this.objectTable.lookup('bucket', bucket).size;
  }

  upload(uploadId: string): UploadRecord | undefined {
    return this.uploadViews.get(uploadId);
  }

  uploads(bucket: string): UploadRecord[] {
    const found: UploadRecord[] = [];
    for (const uploadId of this.uploadTable.lookup('bucket', bucket)) {
      const view = this.uploadViews.get(uploadId);
      if (view) found.push(view);
    }
    return found;
  }

  /** Every data file some record still refers to (the rest can be removed). */
  referencedFiles(): Set<string> {
    const files = new Set<string>();
    for (const object of this.objectTable.values()) for (const segment of object.segments) files.add(segment.file);
    for (const part of this.partTable.values()) files.add(part.file);
    return files;
  }

  putBucket(bucket: BucketRecord): Promise<void> {
    this.bucketTable.put(bucket.name, bucket);
    return this.store.durable();
  }

  /** Drops an (empty) bucket. */
  dropBucket(name: string): Promise<void> {
    this.bucketTable.delete(name);
    this.sorted.delete(name);
    return this.store.durable();
  }

  putObject(bucket: string, object: ObjectRecord): Promise<void> {
    const key = objectKeyOf(bucket, object.key);
    const sorted = this.sorted.get(bucket);
    if (sorted && !this.objectTable.has(key)) insertInOrder(sorted, object.key);
    this.objectTable.put(key, { ...object, bucket });
    return this.store.durable();
  }

  dropObject(bucket: string, key: string): Promise<void> {
    if (this.objectTable.delete(objectKeyOf(bucket, key))) {
      const sorted = this.sorted.get(bucket);
      if (sorted) removeInOrder(sorted, key);
    }
    return this.store.durable();
  }

  putUpload(upload: UploadRecord): Promise<void> {
    const { parts, ...stored } = upload;
    this.uploadTable.put(upload.uploadId, stored);
    this.uploadViews.set(upload.uploadId, { ...stored, parts: { ...parts } });
    for (const part of Object.values(parts)) this.partTable.put(partKeyOf(upload.uploadId, part.partNumber), { ...part, uploadId: upload.uploadId });
    return this.store.durable();
  }

  /** Records a part of an upload, replacing an earlier one of the same number. */
  putPart(uploadId: string, part: PartRecord): Promise<void> {
    const view = this.uploadViews.get(uploadId);
    if (!view) return Promise.resolve();
    view.parts[String(part.partNumber)] = part;
    this.partTable.put(partKeyOf(uploadId, part.partNumber), { ...part, uploadId });
    return this.store.durable();
  }

  dropUpload(uploadId: string): Promise<void> {
    const view = this.uploadViews.get(uploadId);
    if (!view) return Promise.resolve();
    this.uploadViews.delete(uploadId);
    this.uploadTable.delete(uploadId);
    for (const part of Object.values(view.parts)) this.partTable.delete(partKeyOf(uploadId, part.partNumber));
    return this.store.durable();
  }

  /** Bytes the journal takes on disk and the bytes of the live records, for figures and tests. */
  footprint(): { fileBytes: number; liveBytes: number } {
    return this.store.footprint();
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
