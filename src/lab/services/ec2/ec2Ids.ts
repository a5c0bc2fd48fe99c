// AWS-format resource ids (vpc-0…, i-0…, 17 hex digits) and names derived from them.
import { randomBytes } from 'node:crypto';

/** e.g. resourceId('i') -> "i-0a1b2c3d4e5f60718": a 0 then 16 hex digits, as current EC2 ids look. */
export function resourceId(prefix: string): string {
  return `${prefix}-0${randomBytes(8).toString('hex')}`;
}

/** CloudFormation's generated names: `<stack>-<logicalId>-<12 uppercase letters and digits>`. */
export function generatedName(stackName: string, logicalId: string, maxLength = 64): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const suffix = [...randomBytes(12)].map((byte) => alphabet[byte % alphabet.length]).join('');
  const head = `${stackName}-${logicalId}`.slice(0, maxLength - suffix.length - 1);
  return `${head}-${suffix}`;
}

/** EC2's private DNS name for an address: ip-10-0-1-5.ec2.internal in us-east-1, else <region>.compute.internal. */
export function privateDnsName(ip: string, region: string): string {
  const domain = region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`;
  return `ip-${ip.replace(/\./g, '-')}.${domain}`;
}
