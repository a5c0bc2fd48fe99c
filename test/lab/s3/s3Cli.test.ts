// The AWS CLI's own s3 commands against the lab: mb, cp --recursive (multipart above 8 MB), ls, cp between buckets, rm, rb.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startS3Lab, type S3Lab } from './s3Fixture';

let s3: S3Lab;
let tree: string;
const big = randomBytes(9 * 1024 * 1024 + 123);

before(async () => {
  s3 = await startS3Lab();
  tree = join(s3.dir, 'tree');
  await mkdir(join(tree, 'sub dir'), { recursive: true });
  await writeFile(join(tree, 'a.txt'), 'alpha\n');
  await writeFile(join(tree, 'sub dir', 'b+c.txt'), 'beta\n');
  await writeFile(join(tree, 'big.bin'), big);
});
after(() => s3.close());

async function ok(args: string[], options?: { region?: string }): Promise<string> {
  const result = await s3.aws(args, options);
  assert.equal(result.code, 0, `aws ${args.join(' ')}\n${result.stderr}`);
  return result.stdout;
}

test('mb, cp --recursive, ls, cp back, cp between buckets, rm --recursive, rb', async () => {
  assert.match(await ok(['s3', 'mb', 's3://cli-bucket']), /make_bucket: cli-bucket/);
  const upload = await ok(['s3', 'cp', '--recursive', tree, 's3://cli-bucket/tree/']);
  assert.match(upload, /upload: .*big\.bin to s3:\/\/cli-bucket\/tree\/big\.bin/);
  const top = await ok(['s3', 'ls', 's3://cli-bucket/tree/']);
  assert.match(top, /PRE sub dir\//);
  assert.match(top, /\s6 a\.txt/);
  assert.match(top, new RegExp(`\\s${big.length} big\\.bin`));
  const all = await ok(['s3', 'ls', '--recursive', 's3://cli-bucket']);
  assert.deepEqual(all.trim().split('\n').map((line) => line.split(/\s+/).slice(3).join(' ')).sort(), ['tree/a.txt', 'tree/big.bin', 'tree/sub dir/b+c.txt']);
  const head = JSON.parse(await ok(['s3api', 'head-object', '--bucket', 'cli-bucket', '--key', 'tree/big.bin'])) as { ETag: string; ContentLength: number };
  assert.match(head.ETag, /-2"$/, 'the CLI switched to multipart above 8 MB');
  await ok(['s3', 'cp', 's3://cli-bucket/tree/big.bin', join(s3.dir, 'big.back')]);
  assert.equal((await readFile(join(s3.dir, 'big.back'))).equals(big), true);
  assert.equal(await ok(['s3', 'cp', 's3://cli-bucket/tree/sub dir/b+c.txt', '-']), 'beta\n');
  await ok(['s3', 'mb', 's3://cli-copies']);
  await ok(['s3', 'cp', '--recursive', 's3://cli-bucket/tree/', 's3://cli-copies/copied/']);
  await ok(['s3', 'cp', 's3://cli-copies/copied/big.bin', join(s3.dir, 'big.copy')]);
  assert.equal((await readFile(join(s3.dir, 'big.copy'))).equals(big), true);
  const refused = await s3.aws(['s3', 'rb', 's3://cli-bucket']);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /BucketNotEmpty/);
  assert.match(await ok(['s3', 'rm', '--recursive', 's3://cli-bucket/']), /delete: s3:\/\/cli-bucket\/tree\/big\.bin/);
  assert.match(await ok(['s3', 'rb', 's3://cli-bucket']), /remove_bucket: cli-bucket/);
  await ok(['s3', 'rb', '--force', 's3://cli-copies']);
  assert.doesNotMatch(await ok(['s3', 'ls']), /cli-/);
});

test('a bucket in eu-west-1 carries its region; the CLI errors name S3 codes', async () => {
  await ok(['s3', 'mb', 's3://cli-europe'], { region: 'eu-west-1' });
  const location = JSON.parse(await ok(['s3api', 'get-bucket-location', '--bucket', 'cli-europe'])) as { LocationConstraint: string };
  assert.equal(location.LocationConstraint, 'eu-west-1');
  await ok(['s3', 'cp', join(tree, 'a.txt'), 's3://cli-europe/a.txt'], { region: 'eu-west-1' });
  assert.match(await ok(['s3', 'ls', 's3://cli-europe/'], { region: 'eu-west-1' }), /a\.txt/);
  const missing = await s3.aws(['s3api', 'get-object', '--bucket', 'cli-europe', '--key', 'nope', join(s3.dir, 'nope')], { region: 'eu-west-1' });
  assert.match(missing.stderr, /An error occurred \(NoSuchKey\) when calling the GetObject operation: The specified key does not exist\./);
  const noBucket = await s3.aws(['s3', 'ls', 's3://no-such-bucket-here']);
  assert.match(noBucket.stderr, /NoSuchBucket/);
  const invalid = await s3.aws(['s3api', 'create-bucket', '--bucket', 'UPPER_case']);
  assert.match(invalid.stderr, /InvalidBucketName|Invalid bucket name/);
});

test('`aws s3 presign` URLs work without credentials until they expire; a tampered one is refused', async () => {
  await ok(['s3', 'mb', 's3://cli-presign']);
  await ok(['s3', 'cp', join(tree, 'a.txt'), 's3://cli-presign/shared.txt']);
  const url = (await ok(['s3', 'presign', 's3://cli-presign/shared.txt', '--expires-in', '300'])).trim();
  const fetched = await fetch(url);
  assert.equal(fetched.status, 200);
  assert.equal(await fetched.text(), 'alpha\n');
  const tampered = await fetch(url.replace('shared.txt', 'other.txt'));
  assert.equal(tampered.status, 403);
  assert.match(await tampered.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
  const { SignatureV4 } = await import('@smithy/signature-v4');
  const { Sha256 } = await import('@aws-crypto/sha256-js');
  const endpoint = new URL(s3.lab.endpoint);
  const signer = new SignatureV4({ service: 's3', region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, sha256: Sha256, uriEscapePath: false });
  const old = await signer.presign({ method: 'GET', protocol: 'http:', hostname: endpoint.hostname, port: Number(endpoint.port), path: '/cli-presign/shared.txt', headers: { host: endpoint.host }, query: {} }, { signingDate: new Date(Date.now() - 3_600_000), expiresIn: 60 });
  const expired = await fetch(`${s3.lab.endpoint}${old.path}?${new URLSearchParams(old.query as Record<string, string>).toString()}`);
  assert.equal(expired.status, 403);
  assert.match(await expired.text(), /<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
});
