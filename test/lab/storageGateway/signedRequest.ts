// Sends hand-made, correctly SigV4-signed requests (signed by @smithy/signature-v4, not by the lab's code) to probe bad input.
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { RunningLab } from '../../../src/lab/index';

export interface RawAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: Record<string, unknown> | undefined;
}

export interface RawRequest {
  readonly target?: string;
  readonly body: string | Uint8Array;
  readonly contentType?: string;
  readonly secretAccessKey?: string;
  readonly service?: string;
}

export async function signedPost(lab: RunningLab, request: RawRequest): Promise<RawAnswer> {
  const url = new URL(lab.endpoint);
  const signer = new SignatureV4({
    service: request.service ?? 'storagegateway',
    region: lab.region,
    credentials: { accessKeyId: lab.accessKeyId, secretAccessKey: request.secretAccessKey ?? lab.secretAccessKey },
    sha256: Sha256,
  });
  const headers: Record<string, string> = { host: url.host };
  if (request.contentType !== undefined) headers['content-type'] = request.contentType;
  if (request.target !== undefined) headers['x-amz-target'] = request.target;
  const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', query: {}, headers, body: request.body });
  const response = await fetch(`${lab.endpoint}/`, { method: 'POST', headers: signed.headers, body: request.body });
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
