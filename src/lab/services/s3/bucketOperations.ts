// S3 bucket operations keyed by their AWS names: CreateBucket, HeadBucket, ListBuckets, DeleteBucket, GetBucketLocation.
import { AwsError } from '../../http/AwsError';
import { malformedXml, parseXmlDocument } from '../../http/restXml';
import { bucketAlreadyOwnedByYou, bucketNotEmpty, invalidBucketName } from './s3Errors';
import { existingBucket, ownerOf, readDocument, type S3Operation } from './S3Store';

/**
 * General purpose bucket names: 3-63 characters of a-z, 0-9, "." and "-", starting and ending with a letter or
 * digit, no "..", not an IP address, none of the prefixes and suffixes S3 reserves.
 */
export function isValidBucketName(name: string): boolean {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name)) return false;
  if (name.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(name)) return false;
  if (['xn--', 'sthree-', 'amzn-s3-demo-'].some((prefix) => name.startsWith(prefix))) return false;
  return !['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'].some((suffix) => name.endsWith(suffix));
}

export const bucketOperations: Record<string, S3Operation> = {
  async CreateBucket(call, store) {
    const name = call.address.bucket ?? '';
    if (!isValidBucketName(name)) throw invalidBucketName(name);
    const document = await readDocument(call, store);
    let constraint: string | undefined;
    if (document.trim() !== '') {
      const parsed = parseXmlDocument(document).CreateBucketConfiguration;
      if (parsed === undefined) throw malformedXml();
      const value = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).LocationConstraint : undefined;
      constraint = typeof value === 'string' && value !== '' ? value : undefined;
    }
    const region = call.ctx.region;
    // us-east-1 takes no LocationConstraint (naming it is an error); every other region must be named, and match.
    if (constraint === 'us-east-1' || (constraint !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(constraint) && constraint !== 'EU')) {
      throw new AwsError('InvalidLocationConstraint', 'The specified location-constraint is not valid', { body: { LocationConstraint: constraint } });
    }
    if (region !== 'us-east-1' && constraint === undefined) {
      throw new AwsError('IllegalLocationConstraintException', 'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.');
    }
    if (constraint !== undefined && constraint !== region) {
      throw new AwsError('IllegalLocationConstraintException', `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`);
    }
    const existing = store.metadata.bucket(name);
    if (existing) {
      // Re-creating a bucket you own answers 200 in us-east-1 (legacy behaviour) and BucketAlreadyOwnedByYou elsewhere.
      if (existing.region === 'us-east-1' && region === 'us-east-1') return { headers: { Location: `/${name}` } };
      throw bucketAlreadyOwnedByYou(name);
    }
    await store.metadata.putBucket({ name, region, creationDate: call.ctx.now().toISOString() });
    return { headers: { Location: region === 'us-east-1' ? `/${name}` : `http://${name}.s3.amazonaws.com/` } };
  },

  async HeadBucket(call, store) {
    const bucket = existingBucket(call, store);
    return { headers: { 'x-amz-bucket-region': bucket.region, 'x-amz-access-point-alias': 'false' } };
  },

  async ListBuckets(call, store) {
    return {
      document: {
        root: 'ListAllMyBucketsResult',
        content: {
          Owner: ownerOf(call.ctx.accountId),
          Buckets: { Bucket: store.metadata.buckets().map((bucket) => ({ Name: bucket.name, CreationDate: new Date(bucket.creationDate) })) },
        },
      },
    };
  },

  async DeleteBucket(call, store) {
    const bucket = existingBucket(call, store);
    if (store.metadata.objectCount(bucket.name) > 0 || store.metadata.uploads(bucket.name).length > 0) throw bucketNotEmpty(bucket.name);
    await store.metadata.dropBucket(bucket.name);
    return { status: 204 };
  },

  async GetBucketLocation(call, store) {
    const name = call.address.bucket ?? '';
    const bucket = store.metadata.bucket(name);
    if (!bucket) throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', { status: 404, body: { BucketName: name } });
    // GetBucketLocation answers from any region; us-east-1 is an empty LocationConstraint.
    return { document: { root: 'LocationConstraint', content: bucket.region === 'us-east-1' ? {} : { '#text': bucket.region } } };
  },
};
