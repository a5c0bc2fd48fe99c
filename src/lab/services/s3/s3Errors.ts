// S3's own error codes, HTTP statuses and messages, with the extra elements S3 puts in its <Error> document.
import { AwsError } from '../../http/AwsError';

export const noSuchBucket = (bucket: string) => new AwsError('NoSuchBucket', 'The specified bucket does not exist', { status: 404, body: { BucketName: bucket } });
export const noSuchKey = (key: string) => new AwsError('NoSuchKey', 'The specified key does not exist.', { status: 404, body: { Key: key } });
export const noSuchUpload = (uploadId: string) =>
  new AwsError('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', { status: 404, body: { UploadId: uploadId } });
export const bucketNotEmpty = (bucket: string) => new AwsError('BucketNotEmpty', 'The bucket you tried to delete is not empty', { status: 409, body: { BucketName: bucket } });
export const bucketAlreadyOwnedByYou = (bucket: string) =>
  new AwsError('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', { status: 409, body: { BucketName: bucket } });
export const invalidBucketName = (bucket: string) => new AwsError('InvalidBucketName', 'The specified bucket is not valid.', { body: { BucketName: bucket } });
export const invalidArgument = (message: string, name: string, value: string) => new AwsError('InvalidArgument', message, { body: { ArgumentName: name, ArgumentValue: value } });
export const methodNotAllowed = (method: string, resourceType: 'SERVICE' | 'BUCKET' | 'OBJECT') =>
  new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', { status: 405, body: { Method: method, ResourceType: resourceType } });
/**
 * A request for a sub-resource the lab's S3 does not keep (`?acl`, `?versioning`, `?policy`, PUT `?tagging`, …). S3 answers
 * functionality it lacks with NotImplemented (501); the message names the sub-resource and says where to run it instead.
 */
export const subResourceNotServed = (method: string, subResource: string, target: 'bucket' | 'object') =>
  new AwsError(
    'NotImplemented',
    `The lab's S3 does not serve ${method} ?${subResource} on ${target === 'object' ? 'an object' : 'a bucket'}: it keeps buckets, objects, listings, multipart uploads and (empty) object tag sets only. Run this request against AWS, or leave the sub-resource out when you work on the lab.`,
    { status: 501 },
  );
export const keyTooLong = (size: number) => new AwsError('KeyTooLongError', 'Your key is too long', { body: { Size: size, MaxSizeAllowed: 1024 } });
export const preconditionFailed = (condition: string) => new AwsError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', { status: 412, body: { Condition: condition } });

/** A request signed for another region than the bucket's: S3 names the right one so clients can retry there. */
export const wrongRegion = (given: string, expected: string) =>
  new AwsError('AuthorizationHeaderMalformed', `The authorization header is malformed; the region '${given}' is wrong; expecting '${expected}'`, { body: { Region: expected } });
