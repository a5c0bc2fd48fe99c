// A simulated gateway appliance (an EC2 instance running the Storage Gateway AMI): its record and its activation page.
import { randomInt } from 'node:crypto';
import type { SimulatedHttpResponse } from './ClientHost';

/** Keys expire 30 minutes after issue if unused. */
export const ACTIVATION_KEY_LIFETIME_MS = 30 * 60 * 1000;
/** 5 groups of 5 [A-Z0-9], e.g. 29AV1-3OFV9-VVIUB-NKT0I-LRO6V. */
export const ACTIVATION_KEY_PATTERN = /^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$/;

export interface LocalDiskRecord {
  diskId: string;
  diskPath: string;
  diskNode: string;
  sizeInBytes: number;
}

export interface IssuedKey {
  /** Epoch ms, lab clock. */
  issuedAt: number;
  activationRegion: string;
}

export interface ApplianceRecord {
  instanceId: string;
  accountId: string;
  region: string;
  privateIp: string;
  privateDnsName: string;
  /** The VPC of a stack's gateway instance; admin-created appliances have none and answer from anywhere. */
  vpcId?: string;
  disks: LocalDiskRecord[];
  activationKeys: Record<string, IssuedKey>;
  /** Set once ActivateGateway consumed one of its keys; the appliance then closes port 80. */
  gatewayArn?: string;
  /**
   * Epoch ms (lab clock) when its EC2 instance was terminated. An activated gateway stays registered, but nothing
   * answers at its address any more, which a later instance (e.g. of a redeployed stack) may reuse.
   */
  terminatedAt?: number;
  /** Epoch ms (lab clock) when its EC2 instance was stopped; nothing answers at its address until it starts again. */
  stoppedAt?: number;
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function generateActivationKey(): string {
  const group = () => Array.from({ length: 5 }, () => KEY_ALPHABET.charAt(randomInt(KEY_ALPHABET.length))).join('');
  return Array.from({ length: 5 }, group).join('-');
}

/**
 * GET /?activationRegion=R[&gatewayType][&vpcEndpoint][&endpointType][&no_redirect]: a 302 whose Location ends with
 * activationKey=KEY, or 200 with the bare key when no_redirect is present.
 */
export function answerActivationPage(url: URL, issueKey: (activationRegion: string) => string): SimulatedHttpResponse {
  if (url.pathname !== '/') return textResponse(404, 'Not found. The activation page is at / with ?activationRegion=<region>.\n');
  const activationRegion = url.searchParams.get('activationRegion');
  if (!activationRegion || !/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(activationRegion)) {
    return textResponse(400, 'Add activationRegion=<region> to the query, e.g. /?activationRegion=us-east-1&gatewayType=VTL.\n');
  }
  const key = issueKey(activationRegion);
  if (url.searchParams.has('no_redirect')) return textResponse(200, key);
  const location = new URL('https://console.aws.amazon.com/storagegateway/home');
  location.searchParams.set('region', activationRegion);
  location.searchParams.set('activationRegion', activationRegion);
  for (const name of ['gatewayType', 'vpcEndpoint', 'endpointType']) {
    const value = url.searchParams.get(name);
    if (value !== null) location.searchParams.set(name, value);
  }
  location.searchParams.set('activationKey', key);
  return { status: 302, headers: { location: location.toString(), 'content-type': 'text/html', 'content-length': '0' }, body: '' };
}

function textResponse(status: number, body: string): SimulatedHttpResponse {
  return { status, headers: { 'content-type': 'text/plain', 'content-length': String(Buffer.byteLength(body)) }, body };
}
