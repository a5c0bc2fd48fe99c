// EC2 query requests for fault tests (the lab has no EC2 SDK client in the test deps): SigV4-signed by @smithy/signature-v4.
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { ReadyLine } from './labChild';

/** Sends Action with its parameters; resolves with the status and the XML answer. */
export async function ec2Call(lab: ReadyLine, action: string, params: Record<string, string>): Promise<{ status: number; text: string }> {
  const url = new URL(lab.endpoint);
  const body = new URLSearchParams({ Action: action, Version: '2016-11-15', ...params }).toString();
  const signer = new SignatureV4({ service: 'ec2', region: lab.region, credentials: { accessKeyId: lab.accessKeyId, secretAccessKey: lab.secretAccessKey }, sha256: Sha256 });
  const headers = { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
  const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', query: {}, headers, body });
  const response = await fetch(`${lab.endpoint}/`, { method: 'POST', headers: signed.headers, body });
  return { status: response.status, text: await response.text() };
}

/** The state name DescribeInstances shows for one instance (pending, running, stopping, stopped, terminated). */
export async function instanceStateName(lab: ReadyLine, instanceId: string): Promise<string | undefined> {
  const answer = await ec2Call(lab, 'DescribeInstances', { 'InstanceId.1': instanceId });
  return /<instanceState>\s*<code>\d+<\/code>\s*<name>([a-z-]+)<\/name>/.exec(answer.text)?.[1];
}
