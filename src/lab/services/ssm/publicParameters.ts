// The public /aws/service/... AMI parameters the lab serves, and GetParameter/GetParameters/GetParametersByPath.
import { AwsError } from '../../http/AwsError';
import { AMAZON_IMAGES, amiIdFor } from '../ec2/amazonImages';

export interface ParameterView {
  readonly Name: string;
  readonly Type: 'String';
  readonly Value: string;
  readonly Version: number;
  readonly LastModifiedDate: number;
  readonly ARN: string;
  readonly DataType: string;
}

/** When the lab's public AMI parameters were "last published" (epoch seconds; fixed so answers are stable). */
const PUBLISHED = Date.UTC(2026, 10, 1) / 1000;

export function publicParameter(name: string, region: string): ParameterView | undefined {
  const image = AMAZON_IMAGES.find((candidate) => candidate.parameterName === name);
  if (!image) return undefined;
  return { Name: name, Type: 'String', Value: amiIdFor(image, region), Version: 1, LastModifiedDate: PUBLISHED, ARN: `arn:aws:ssm:${region}::parameter${name}`, DataType: 'text' };
}

export function readParameterValue(name: string, region: string): string | undefined {
  return publicParameter(name, region)?.Value;
}

export function parameterNotFound(): AwsError {
  // AWS sends ParameterNotFound with an empty message.
  return new AwsError('ParameterNotFound', '');
}

/** Parameters under a path: only direct children unless recursive (AWS's hierarchy rule). */
export function parametersByPath(path: string, recursive: boolean, region: string): ParameterView[] {
  const prefix = path.endsWith('/') ? path : `${path}/`;
  return AMAZON_IMAGES.map((image) => image.parameterName)
    .filter((name) => name.startsWith(prefix) && (recursive || !name.slice(prefix.length).includes('/')))
    .sort()
    .flatMap((name) => publicParameter(name, region) ?? []);
}
