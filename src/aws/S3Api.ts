// S3 calls the extension makes to deploy a template folder: buckets for packaged child templates and their uploads.
import type { BucketLocationConstraint } from '@aws-sdk/client-s3';
import type { AwsClients } from './AwsClients';
import { callAws } from './callAws';

const sdk = () => import('@aws-sdk/client-s3');

export class S3Api {
  constructor(private readonly clients: AwsClients) {}

  /** Bucket names of the account (every region). */
  async listBuckets(): Promise<string[]> {
    const { ListBucketsCommand } = await sdk();
    const client = await this.clients.s3();
    return callAws(this.clients, 'ListBuckets', async () => ((await client.send(new ListBucketsCommand({}))).Buckets ?? []).flatMap((bucket) => (bucket.Name ? [bucket.Name] : [])));
  }

  /** Creates the bucket in the connection's region unless it is already there (and yours). */
  async ensureBucket(bucket: string): Promise<void> {
    const { CreateBucketCommand, HeadBucketCommand } = await sdk();
    const client = await this.clients.s3();
    const exists = await callAws(this.clients, 'HeadBucket', () =>
      client.send(new HeadBucketCommand({ Bucket: bucket })).then(
        () => true,
        (error: { name?: string; $metadata?: { httpStatusCode?: number } }) => {
          if (error.name === 'NotFound' || error.$metadata?.httpStatusCode === 404) return false;
          throw error;
        },
      ),
    );
    if (exists) return;
    const region = this.clients.target.region;
    const location = region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } };
    await callAws(this.clients, 'CreateBucket', () => client.send(new CreateBucketCommand({ Bucket: bucket, ...location })));
  }

  /** Uploads unless an object with that key is already there (keys are content hashes); returns its https URL. */
  async uploadTemplate(bucket: string, key: string, body: string): Promise<string> {
    const { HeadObjectCommand, PutObjectCommand } = await sdk();
    const client = await this.clients.s3();
    const present = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(
      () => true,
      () => false,
    );
    if (!present) await callAws(this.clients, 'PutObject', () => client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'text/plain' })));
    return templateUrl(bucket, key, this.clients.target.region);
  }
}

/** The path-style URL `aws cloudformation package` writes: https://s3.REGION.amazonaws.com/BUCKET/KEY. */
export function templateUrl(bucket: string, key: string, region: string): string {
  return `https://s3.${region}.amazonaws.com/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}
