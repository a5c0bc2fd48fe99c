// Builds the lab's S3 service (REST-XML, SigV4 service "s3") over objects stored as files under the state folder.
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AwsError } from '../../http/AwsError';
import { writeRestXmlError } from '../../http/restXml';
import type { RestXmlServiceDefinition } from '../../http/types';
import type { LabRuntime } from '../../LabRuntime';
import { bucketOperations } from './bucketOperations';
import { copyOperations } from './copyOperations';
import { listOperations } from './listOperations';
import { multipartOperations } from './multipartOperations';
import { objectOperations } from './objectOperations';
import { methodNotAllowed, subResourceNotServed } from './s3Errors';
import { S3Metadata } from './S3Metadata';
import { isS3Request, parseS3Address, s3OperationName } from './s3Request';
import { readSegments, writeS3Response } from './S3Response';
import type { S3Operation, S3Store } from './S3Store';

export interface S3Service {
  readonly definition: RestXmlServiceDefinition;
  /** The object's bytes, or undefined when the bucket or key does not exist (CloudFormation's TemplateURL). */
  readObject(bucket: string, key: string, limit: number): Promise<Buffer | undefined>;
  close(): Promise<void>;
}

const OPERATIONS: Record<string, S3Operation> = { ...bucketOperations, ...objectOperations, ...copyOperations, ...multipartOperations, ...listOperations };

export async function createS3Service(runtime: LabRuntime): Promise<S3Service> {
  const folder = join(runtime.config.stateDir, 's3');
  const dataDir = join(folder, 'data');
  await mkdir(dataDir, { recursive: true });
  const metadata = await S3Metadata.open(folder, runtime.log);
  // Data files no record names: uploads a kill interrupted, or objects replaced while a reader held them open.
  const referenced = metadata.referencedFiles();
  for (const name of await readdir(dataDir)) if (!referenced.has(name)) await rm(join(dataDir, name), { force: true });
  const store: S3Store = { metadata, dataDir, now: runtime.now };

  const definition: RestXmlServiceDefinition = {
    protocol: 'rest-xml',
    signingName: 's3',
    claims: isS3Request,
    async handle(req, res, ctx, identity) {
      const method = req.method ?? 'GET';
      let answer;
      try {
        const address = parseS3Address(req);
        const name = s3OperationName(method, address, req.headers['x-amz-copy-source'] !== undefined);
        const operation = name === undefined ? undefined : OPERATIONS[name];
        if (!operation) {
          // A sub-resource the lab does not serve (?acl, ?versioning, …) is NotImplemented; an unknown method is not allowed.
          const supportedMethod = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'].includes(method) && address.bucket !== undefined;
          if (!supportedMethod) throw methodNotAllowed(method, address.key ? 'OBJECT' : address.bucket ? 'BUCKET' : 'SERVICE');
          const subResource = [...address.query.keys()].find((key) => !/^x-amz-/i.test(key) && key !== 'x-id') ?? '';
          throw subResourceNotServed(method, subResource, address.key === undefined ? 'bucket' : 'object');
        }
        answer = await operation({ req, method, ctx, identity, address }, store);
      } catch (error) {
        if (!(error instanceof AwsError)) throw error;
        const region = error.body?.Region;
        return writeRestXmlError(res, ctx.requestId, error, method, typeof region === 'string' ? { 'x-amz-bucket-region': region } : {});
      }
      await writeS3Response(res, ctx.requestId, method, dataDir, answer);
    },
  };

  return {
    definition,
    async readObject(bucket, key, limit) {
      const object = metadata.object(bucket, key);
      if (!object) return undefined;
      const chunks: Buffer[] = [];
      for await (const chunk of readSegments(dataDir, object.segments, 0, Math.min(object.size, limit) - 1)) chunks.push(chunk);
      return Buffer.concat(chunks);
    },
    close: () => metadata.close(),
  };
}
