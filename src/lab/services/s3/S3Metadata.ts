// S3's metadata (buckets, objects, multipart uploads) in memory, made durable by an fsynced append-only journal.
import { appendFile, mkdir, open, readFile, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../state/atomicWrite';

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

type JournalEntry =
  | { op: 'bucket'; bucket: BucketRecord }
  | { op: 'dropBucket'; name: string }
  | { op: 'object'; bucket: string; object: ObjectRecord }
  | { op: 'dropObject'; bucket: string; key: string }
  | { op: 'upload'; upload: UploadRecord }
  | { op: 'part'; uploadId: string; part: PartRecord }
  | { op: 'dropUpload'; uploadId: string };

interface Snapshot {
  buckets: BucketRecord[];
  objects: Record<string, ObjectRecord[]>;
  uploads: UploadRecord[];
}

/**
 * The only place S3 state is persisted. Every change is one JSON line appended and fsynced before the
 * caller answers, so a write costs the same however many objects exist; opening replays the journal
 * over the last snapshot and writes a fresh snapshot (a torn last line from a kill is ignored).
 */
export class S3Metadata {
  private readonly bucketMap = new Map<string, BucketRecord>();
  private readonly objectMaps = new Map<string, Map<string, ObjectRecord>>();
  private readonly uploadMap = new Map<string, UploadRecord>();
  private queue: Promise<void> = Promise.resolve();
  private journal: FileHandle | undefined;

  private constructor(private readonly folder: string) {}

  static async open(folder: string): Promise<S3Metadata> {
    await mkdir(folder, { recursive: true });
    const store = new S3Metadata(folder);
    const snapshotText = await readText(join(folder, 'metadata.json'));
    if (snapshotText !== undefined) store.loadSnapshot(JSON.parse(snapshotText) as Snapshot);
    const journalText = (await readText(join(folder, 'journal.jsonl'))) ?? '';
    for (const line of journalText.split('\n')) {
      if (line.trim() === '') continue;
      try {
        store.apply(JSON.parse(line) as JournalEntry);
      } catch {
        break; // A kill in the middle of an append: everything before it was acknowledged, this line never was.
      }
    }
    await writeFileAtomic(join(folder, 'metadata.json'), JSON.stringify(store.snapshot()));
    await rm(join(folder, 'journal.jsonl'), { force: true });
    store.journal = await open(join(folder, 'journal.jsonl'), 'a');
    return store;
  }

  buckets(): BucketRecord[] {
    return [...this.bucketMap.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  bucket(name: string): BucketRecord | undefined {
    return this.bucketMap.get(name);
  }

  object(bucket: string, key: string): ObjectRecord | undefined {
    return this.objectMaps.get(bucket)?.get(key);
  }

  /** Keys of a bucket in UTF-8 binary order, as S3 lists them. */
  sortedKeys(bucket: string): string[] {
    return [...(this.objectMaps.get(bucket)?.keys() ?? [])].sort(compareUtf8);
  }

  objectCount(bucket: string): number {
    return this.objectMaps.get(bucket)?.size ?? 0;
  }

  upload(uploadId: string): UploadRecord | undefined {
    return this.uploadMap.get(uploadId);
  }

  uploads(bucket: string): UploadRecord[] {
    return [...this.uploadMap.values()].filter((upload) => upload.bucket === bucket);
  }

  /** Every data file some record still refers to (the rest can be removed). */
  referencedFiles(): Set<string> {
    const files = new Set<string>();
    for (const objects of this.objectMaps.values()) for (const object of objects.values()) for (const segment of object.segments) files.add(segment.file);
    for (const upload of this.uploadMap.values()) for (const part of Object.values(upload.parts)) files.add(part.file);
    return files;
  }

  putBucket(bucket: BucketRecord): Promise<void> {
    return this.record({ op: 'bucket', bucket });
  }

  dropBucket(name: string): Promise<void> {
    return this.record({ op: 'dropBucket', name });
  }

  putObject(bucket: string, object: ObjectRecord): Promise<void> {
    return this.record({ op: 'object', bucket, object });
  }

  dropObject(bucket: string, key: string): Promise<void> {
    return this.record({ op: 'dropObject', bucket, key });
  }

  putUpload(upload: UploadRecord): Promise<void> {
    return this.record({ op: 'upload', upload });
  }

  putPart(uploadId: string, part: PartRecord): Promise<void> {
    return this.record({ op: 'part', uploadId, part });
  }

  dropUpload(uploadId: string): Promise<void> {
    return this.record({ op: 'dropUpload', uploadId });
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.journal?.close();
    this.journal = undefined;
  }

  /** Applies the change in memory at once (later requests see it) and resolves when it is durable. */
  private record(entry: JournalEntry): Promise<void> {
    this.apply(entry);
    const line = `${JSON.stringify(entry)}\n`;
    const write = async () => {
      if (!this.journal) return appendFile(join(this.folder, 'journal.jsonl'), line);
      await this.journal.appendFile(line);
      await this.journal.sync();
    };
    this.queue = this.queue.then(write, write);
    return this.queue;
  }

  private apply(entry: JournalEntry): void {
    switch (entry.op) {
      case 'bucket':
        this.bucketMap.set(entry.bucket.name, entry.bucket);
        if (!this.objectMaps.has(entry.bucket.name)) this.objectMaps.set(entry.bucket.name, new Map());
        return;
      case 'dropBucket':
        this.bucketMap.delete(entry.name);
        this.objectMaps.delete(entry.name);
        return;
      case 'object':
        this.objectMaps.get(entry.bucket)?.set(entry.object.key, entry.object);
        return;
      case 'dropObject':
        this.objectMaps.get(entry.bucket)?.delete(entry.key);
        return;
      case 'upload':
        this.uploadMap.set(entry.upload.uploadId, entry.upload);
        return;
      case 'part': {
        const upload = this.uploadMap.get(entry.uploadId);
        if (upload) upload.parts[String(entry.part.partNumber)] = entry.part;
        return;
      }
      case 'dropUpload':
        this.uploadMap.delete(entry.uploadId);
        return;
    }
  }

  private loadSnapshot(snapshot: Snapshot): void {
    for (const bucket of snapshot.buckets) this.apply({ op: 'bucket', bucket });
    for (const [bucket, objects] of Object.entries(snapshot.objects)) for (const object of objects) this.apply({ op: 'object', bucket, object });
    for (const upload of snapshot.uploads) this.apply({ op: 'upload', upload });
  }

  private snapshot(): Snapshot {
    return {
      buckets: this.buckets(),
      objects: Object.fromEntries([...this.objectMaps].map(([bucket, objects]) => [bucket, [...objects.values()]])),
      uploads: [...this.uploadMap.values()],
    };
  }
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** S3 orders keys by their UTF-8 bytes; JavaScript compares UTF-16 units, which differs above U+FFFF. */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
