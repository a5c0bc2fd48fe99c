// Where the extension's AWS calls go: the user's AWS profile and region, or a lab endpoint on loopback.

interface LabTarget {
  readonly kind: 'lab';
  readonly endpoint: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

interface AwsTarget {
  readonly kind: 'aws';
  /** Profile name from the shared config files; undefined = the default provider chain (environment, default profile, ...). */
  readonly profile: string | undefined;
  readonly region: string;
}

export type ConnectionTarget = LabTarget | AwsTarget;

export function describeTarget(target: ConnectionTarget): string {
  if (target.kind === 'lab') return `Lab (${target.region})`;
  return `${target.profile ?? 'default credentials'} / ${target.region}`;
}
