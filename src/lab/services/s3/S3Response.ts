// What an S3 operation answers: status, headers, and an XML document or a stretch of object bytes; and how it is written.
import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { buildXmlDocument, s3RequestIds, type RestXmlValue } from '../../http/restXml';
import type { Segment } from './S3Metadata';

export interface S3Response {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string | number | undefined>>;
  readonly document?: { readonly root: string; readonly content: Record<string, RestXmlValue> };
  /** Bytes start..end (inclusive) of an object made of these segments. */
  readonly bytes?: { readonly segments: readonly Segment[]; readonly start: number; readonly end: number };
}

export async function writeS3Response(res: ServerResponse, requestId: string, method: string, dataDir: string, answer: S3Response): Promise<void> {
  const headers: Record<string, string | number> = { ...s3RequestIds(requestId) };
  for (const [name, value] of Object.entries(answer.headers ?? {})) if (value !== undefined) headers[name] = value;
  if (answer.document) {
    const body = Buffer.from(buildXmlDocument(answer.document.root, answer.document.content), 'utf8');
    res.writeHead(answer.status ?? 200, { ...headers, 'Content-Type': 'application/xml', 'Content-Length': body.length });
    res.end(body);
    return;
  }
  if (!answer.bytes) {
    res.writeHead(answer.status ?? 200, { 'Content-Length': 0, ...headers });
    res.end();
    return;
  }
  const { segments, start, end } = answer.bytes;
  res.writeHead(answer.status ?? 200, { ...headers, 'Content-Length': Math.max(0, end - start + 1) });
  if (method === 'HEAD' || end < start) {
    res.end();
    return;
  }
  await pipeline(readSegments(dataDir, segments, start, end), res);
}

/** Streams bytes start..end of the concatenated segments, one file at a time. */
export async function* readSegments(dataDir: string, segments: readonly Segment[], start: number, end: number): AsyncGenerator<Buffer> {
  let offset = 0;
  for (const segment of segments) {
    const segmentEnd = offset + segment.size - 1;
    if (segment.size > 0 && segmentEnd >= start && offset <= end) {
      const from = Math.max(start, offset) - offset;
      const to = Math.min(end, segmentEnd) - offset;
      for await (const chunk of createReadStream(join(dataDir, segment.file), { start: from, end: to, highWaterMark: 1024 * 1024 })) yield chunk as Buffer;
    }
    offset += segment.size;
  }
}
