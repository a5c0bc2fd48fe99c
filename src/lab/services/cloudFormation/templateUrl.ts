// TemplateURL: the S3 URL forms CloudFormation accepts, read from the lab's own S3, with CloudFormation's errors.
import { AwsError } from '../../http/AwsError';

/** Reads an S3 object's bytes (at most `limit`), or undefined when the bucket or key does not exist. */
export type ReadS3Object = (bucket: string, key: string, limit: number) => Promise<Buffer | undefined>;

/** A template given by URL may be up to 1 MB (a TemplateBody only 51,200 bytes). */
export const MAX_TEMPLATE_URL_BYTES = 1_000_000;

export interface S3ObjectLocation {
  readonly bucket: string;
  readonly key: string;
}

/**
 * The bucket and key an https S3 URL names: virtual-hosted `BUCKET.s3[.-]REGION.amazonaws.com/KEY`,
 * `BUCKET.s3.amazonaws.com/KEY`, `BUCKET.s3.dualstack.REGION.amazonaws.com/KEY`, or path-style
 * `s3[.-]REGION.amazonaws.com/BUCKET/KEY`, `s3.amazonaws.com/BUCKET/KEY`. The lab's own endpoint on
 * loopback (`http://127.0.0.1:PORT/BUCKET/KEY`, `http://BUCKET.localhost:PORT/KEY`) is an S3 URL as well,
 * since that is what a client configured with the lab as its S3 endpoint produces.
 */
export function parseTemplateUrl(text: string): S3ObjectLocation | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const host = url.hostname.toLowerCase();
  const path = safeDecode(url.pathname.slice(1));
  if (path === undefined) return undefined;
  const virtual = /^(.+?)\.s3(?:[.-](?:dualstack\.)?[a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/.exec(host) ?? /^(.+?)(?:\.s3(?:\.[a-z0-9-]+)?)?\.localhost$/.exec(host);
  if (virtual?.[1] && !/^s3([.-]|$)/.test(virtual[1])) return path === '' ? undefined : { bucket: virtual[1], key: path };
  const pathStyle = /^s3(?:[.-](?:dualstack\.)?[a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/.test(host) || host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
  if (!pathStyle) return undefined;
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) return undefined;
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

export const UNSUPPORTED_TEMPLATE_URL = 'TemplateURL must be a supported URL.';
export const UNREADABLE_TEMPLATE_URL = 'TemplateURL must reference a valid S3 object to which you have access.';

/** Fetches a template body from the lab's S3; AWS's ValidationError when the URL is not S3's or the object is missing. */
export async function readTemplateUrl(url: string, readObject: ReadS3Object): Promise<{ body: string; location: S3ObjectLocation }> {
  const location = parseTemplateUrl(url);
  if (!location) throw new AwsError('ValidationError', UNSUPPORTED_TEMPLATE_URL);
  const bytes = await readObject(location.bucket, location.key, MAX_TEMPLATE_URL_BYTES + 1);
  if (bytes === undefined) throw new AwsError('ValidationError', UNREADABLE_TEMPLATE_URL);
  if (bytes.length > MAX_TEMPLATE_URL_BYTES) throw new AwsError('ValidationError', `Template may not exceed ${MAX_TEMPLATE_URL_BYTES} bytes in size.`);
  return { body: bytes.toString('utf8'), location };
}
