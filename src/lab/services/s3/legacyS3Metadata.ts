// The S3 metadata files of older labs (metadata.json snapshot plus journal.jsonl), read once and imported into the store.
import { readFile } from 'node:fs/promises';
import type { JournalOp } from '../../state/journalFormat';
import { StateLoadError } from '../../state/journalFormat';
import { objectKeyOf, partKeyOf, type BucketRecord, type ObjectRecord, type PartRecord, type UploadRecord } from './s3Records';

type LegacyEntry =
  | { op: 'bucket'; bucket: BucketRecord }
  | { op: 'dropBucket'; name: string }
  | { op: 'object'; bucket: string; object: ObjectRecord }
  | { op: 'dropObject'; bucket: string; key: string }
  | { op: 'upload'; upload: UploadRecord }
  | { op: 'part'; uploadId: string; part: PartRecord }
  | { op: 'dropUpload'; uploadId: string };

interface LegacySnapshot {
  buckets: BucketRecord[];
  objects: Record<string, ObjectRecord[]>;
  uploads: UploadRecord[];
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The state the old snapshot and journal described, as store operations; undefined when neither file exists. */
export async function legacyS3Operations(snapshotPath: string, journalPath: string): Promise<JournalOp[] | undefined> {
  const snapshotText = await readText(snapshotPath);
  const journalText = await readText(journalPath);
  if (snapshotText === undefined && journalText === undefined) return undefined;
  const buckets = new Map<string, BucketRecord>();
  const objects = new Map<string, Map<string, ObjectRecord>>();
  const uploads = new Map<string, UploadRecord>();
  const apply = (entry: LegacyEntry): void => {
    switch (entry.op) {
      case 'bucket':
        buckets.set(entry.bucket.name, entry.bucket);
        if (!objects.has(entry.bucket.name)) objects.set(entry.bucket.name, new Map());
        return;
      case 'dropBucket':
        buckets.delete(entry.name);
        objects.delete(entry.name);
        return;
      case 'object':
        objects.get(entry.bucket)?.set(entry.object.key, entry.object);
        return;
      case 'dropObject':
        objects.get(entry.bucket)?.delete(entry.key);
        return;
      case 'upload':
        uploads.set(entry.upload.uploadId, { ...entry.upload, parts: { ...entry.upload.parts } });
        return;
      case 'part': {
        const upload = uploads.get(entry.uploadId);
        if (upload) upload.parts[String(entry.part.partNumber)] = entry.part;
        return;
      }
      case 'dropUpload':
        uploads.delete(entry.uploadId);
        return;
    }
  };
  if (snapshotText !== undefined) {
    let snapshot: LegacySnapshot;
    try {
      snapshot = JSON.parse(snapshotText) as LegacySnapshot;
    } catch (error) {
      throw new StateLoadError(`The lab state file ${snapshotPath} could not be read (${(error as Error).message}). Move it aside or choose another --state-dir.`);
    }
    for (const bucket of snapshot.buckets ?? []) apply({ op: 'bucket', bucket });
    for (const [bucket, list] of Object.entries(snapshot.objects ?? {})) for (const object of list) apply({ op: 'object', bucket, object });
    for (const upload of snapshot.uploads ?? []) apply({ op: 'upload', upload });
  }
  for (const line of (journalText ?? '').split('\n')) {
    if (line.trim() === '') continue;
    try {
      apply(JSON.parse(line) as LegacyEntry);
    } catch {
      break; // A kill in the middle of an append: everything before it was acknowledged, this line never was.
    }
  }
  const ops: JournalOp[] = [];
  for (const bucket of buckets.values()) ops.push(['buckets', bucket.name, bucket]);
  for (const [bucket, list] of objects) for (const object of list.values()) ops.push(['objects', objectKeyOf(bucket, object.key), { ...object, bucket }]);
  for (const { parts, ...upload } of uploads.values()) {
    ops.push(['uploads', upload.uploadId, upload]);
    for (const part of Object.values(parts)) ops.push(['parts', partKeyOf(upload.uploadId, part.partNumber), { ...part, uploadId: upload.uploadId }]);
  }
  return ops;
}
