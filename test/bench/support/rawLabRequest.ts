// One SigV4-signed JSON 1.1 request to the lab, returning the raw body (for the SDK-floor server to replay byte for byte).
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { LabReady } from './labProcess';

export async function rawStorageGatewayCall(lab: LabReady, operation: string, input: Record<string, unknown>): Promise<string> {
  const url = new URL(lab.endpoint);
  const body = JSON.stringify(input);
  const signer = new SignatureV4({ service: 'storagegateway', region: lab.region, credentials: { accessKeyId: lab.accessKeyId, secretAccessKey: lab.secretAccessKey }, sha256: Sha256 });
  const headers = { host: url.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `StorageGateway_20130630.${operation}` };
  const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', query: {}, headers, body });
  const response = await fetch(`${lab.endpoint}/`, { method: 'POST', headers: signed.headers, body });
  const text = await response.text();
  if (!response.ok) throw new Error(`${operation} answered ${response.status}: ${text}`);
  return text;
}
