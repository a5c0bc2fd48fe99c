// Loads botocore's service models (Debian's awscli) as typed JSON, and turns the model's Java-style patterns into RegExps.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const BOTOCORE_DATA = '/usr/lib/python3/dist-packages/awscli/botocore/data';

export interface ShapeRef {
  readonly shape: string;
  readonly locationName?: string;
}

export interface ModelShape {
  readonly type: string;
  readonly members?: Readonly<Record<string, ShapeRef>>;
  readonly member?: ShapeRef;
  readonly key?: ShapeRef;
  readonly value?: ShapeRef;
  readonly required?: readonly string[];
  readonly enum?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly flattened?: boolean;
  readonly exception?: boolean;
}

export interface ModelOperation {
  readonly input?: ShapeRef;
  readonly output?: ShapeRef & { readonly resultWrapper?: string };
  readonly errors?: readonly ShapeRef[];
}

export interface ServiceModel {
  readonly metadata: { readonly protocol: string; readonly targetPrefix?: string; readonly apiVersion: string; readonly signingName?: string; readonly endpointPrefix: string };
  readonly operations: Readonly<Record<string, ModelOperation>>;
  readonly shapes: Readonly<Record<string, ModelShape>>;
}

const cache = new Map<string, ServiceModel>();

export function loadModel(service: string): ServiceModel {
  const cached = cache.get(service);
  if (cached) return cached;
  const folder = join(BOTOCORE_DATA, service);
  const version = readdirSync(folder).sort().pop() ?? '';
  const model = JSON.parse(readFileSync(join(folder, version, 'service-2.json'), 'utf8')) as ServiceModel;
  cache.set(service, model);
  return model;
}

export function shapeOf(model: ServiceModel, name: string): ModelShape {
  const shape = model.shapes[name];
  if (!shape) throw new Error(`shape ${name} is not in the model`);
  return shape;
}

const compiled = new Map<string, RegExp | undefined>();

/**
 * The model's pattern as a JavaScript RegExp (Java's \A and \z anchors become ^ and $); undefined when JavaScript cannot
 * read it. Like Java's Matcher.matches, the pattern must match the whole value unless it anchors itself.
 */
export function patternRegExp(pattern: string): RegExp | undefined {
  if (compiled.has(pattern)) return compiled.get(pattern);
  const source = pattern.replace(/\\A/g, '^').replace(/\\[zZ]/g, '$');
  let regExp: RegExp | undefined;
  for (const flags of ['u', '']) {
    try {
      regExp = new RegExp(`^(?:${source})$`, flags);
      break;
    } catch {
      regExp = undefined;
    }
  }
  compiled.set(pattern, regExp);
  return regExp;
}

/** String length as the services count it: Unicode code points. */
export function codePointLength(text: string): number {
  return [...text].length;
}
