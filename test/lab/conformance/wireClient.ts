// Hand-signed AWS requests (signed by @smithy/signature-v4, not the lab) in JSON 1.1 and query form, recorded for the model checks.
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { RunningLab } from '../../../src/lab/index';
import { shapeOf, type ServiceModel } from './serviceModel';

export type ServiceName = 'storagegateway' | 'ssm' | 'cloudformation';

export interface WireAnswer {
  readonly status: number;
  readonly text: string;
  /** JSON body, or the query protocol's error <Code>. */
  readonly json: Record<string, unknown> | undefined;
  /** The error's name: `__type` without its namespace, or the query error's <Code>. */
  readonly errorType: string | undefined;
}

export interface WireExchange {
  readonly service: ServiceName;
  readonly operation: string;
  readonly input: Record<string, unknown>;
  readonly answer: WireAnswer;
}

/** Encodes an input the way botocore's query serializer does: `A.member.N`, `A.entry.N.key`, nested structures dotted. */
export function formEncode(model: ServiceModel, shapeName: string, value: unknown, prefix: string, out: [string, string][]): void {
  const shape = shapeOf(model, shapeName);
  if (value === undefined) return;
  switch (shape.type) {
    case 'structure':
      for (const [name, member] of Object.entries(value as Record<string, unknown>)) {
        const ref = shape.members?.[name];
        const key = prefix === '' ? name : `${prefix}.${name}`;
        if (ref) formEncode(model, ref.shape, member, key, out);
        else out.push([key, String(member)]);
      }
      return;
    case 'list': {
      const items = value as unknown[];
      if (items.length === 0) out.push([prefix, '']);
      items.forEach((item, index) => formEncode(model, shape.member?.shape ?? '', item, `${prefix}.member.${index + 1}`, out));
      return;
    }
    case 'map':
      Object.entries(value as Record<string, unknown>).forEach(([key, item], index) => {
        out.push([`${prefix}.entry.${index + 1}.key`, key]);
        formEncode(model, shape.value?.shape ?? '', item, `${prefix}.entry.${index + 1}.value`, out);
      });
      return;
    default:
      out.push([prefix, String(value)]);
  }
}

const TARGETS: Record<Exclude<ServiceName, 'cloudformation'>, string> = { storagegateway: 'StorageGateway_20130630', ssm: 'AmazonSSM' };

export class WireClient {
  readonly exchanges: WireExchange[] = [];

  constructor(
    private readonly lab: RunningLab,
    private readonly models: Readonly<Record<ServiceName, ServiceModel>>,
  ) {}

  /** Sends and records the exchange. */
  async send(service: ServiceName, operation: string, input: Record<string, unknown>): Promise<WireAnswer> {
    const answer = await this.probe(service, operation, input);
    this.exchanges.push({ service, operation, input, answer });
    return answer;
  }

  /** Sends without recording. */
  async probe(service: ServiceName, operation: string, input: Record<string, unknown>): Promise<WireAnswer> {
    const url = new URL(this.lab.endpoint);
    const headers: Record<string, string> = { host: url.host };
    let body: string;
    if (service === 'cloudformation') {
      const model = this.models.cloudformation;
      const fields: [string, string][] = [['Action', operation], ['Version', model.metadata.apiVersion]];
      const inputShape = model.operations[operation]?.input?.shape;
      if (inputShape) formEncode(model, inputShape, input, '', fields);
      body = new URLSearchParams(fields).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8';
    } else {
      body = JSON.stringify(input);
      headers['content-type'] = 'application/x-amz-json-1.1';
      headers['x-amz-target'] = `${TARGETS[service]}.${operation}`;
    }
    const signer = new SignatureV4({ service, region: this.lab.region, credentials: { accessKeyId: this.lab.accessKeyId, secretAccessKey: this.lab.secretAccessKey }, sha256: Sha256 });
    const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', query: {}, headers, body });
    const response = await fetch(`${this.lab.endpoint}/`, { method: 'POST', headers: signed.headers, body });
    const text = await response.text();
    return { status: response.status, text, ...parseAnswer(service, text) };
  }

  /** Sends and insists on success; returns the JSON output (query answers: the raw text under `xml`). */
  async ok(service: ServiceName, operation: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
    const answer = await this.send(service, operation, input);
    if (answer.status !== 200) throw new Error(`${service} ${operation} ${JSON.stringify(input).slice(0, 300)} answered ${answer.status}: ${answer.text.slice(0, 500)}`);
    return answer.json ?? { xml: answer.text };
  }
}

function parseAnswer(service: ServiceName, text: string): Pick<WireAnswer, 'json' | 'errorType'> {
  if (service === 'cloudformation') {
    const code = /<Error>[\s\S]*?<Code>([^<]*)<\/Code>/.exec(text)?.[1];
    return { json: undefined, errorType: code };
  }
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const type = typeof json.__type === 'string' ? json.__type.split('#').pop() : undefined;
    return { json, errorType: type };
  } catch {
    return { json: undefined, errorType: undefined };
  }
}
