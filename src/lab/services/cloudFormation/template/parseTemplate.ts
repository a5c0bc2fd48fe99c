// Reads a template body (JSON or YAML) into a plain object, with CloudFormation's format error messages.
import { LineCounter, parseDocument } from 'yaml';
import { AwsError } from '../../../http/AwsError';
import { jsonErrorOffset } from './jsonErrorOffset';
import { CLOUDFORMATION_YAML_TAGS } from './yamlShortTags';
import type { Template } from './Template';

/** CloudFormation's TemplateBody limit for CreateStack/UpdateStack/ValidateTemplate. */
export const MAX_TEMPLATE_BODY_BYTES = 51_200;

export function templateFormatError(detail: string): AwsError {
  return new AwsError('ValidationError', `Template format error: ${detail}`);
}

/** `limit`: 51,200 bytes for a TemplateBody; templates read from a TemplateURL may be larger. */
export function parseTemplate(body: string, limit = MAX_TEMPLATE_BODY_BYTES): Template {
  if (Buffer.byteLength(body, 'utf8') > limit) {
    throw new AwsError('ValidationError', `1 validation error detected: Value '${body.slice(0, 64)}...' at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to ${limit}`);
  }
  const value = body.trimStart().startsWith('{') ? parseJson(body) : parseYaml(body);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw templateFormatError('unsupported structure.');
  }
  const template = value as Template;
  if (template.Resources === undefined || template.Resources === null) {
    throw templateFormatError('At least one Resources member must be defined.');
  }
  if (typeof template.Resources !== 'object' || Array.isArray(template.Resources)) {
    throw templateFormatError('Resources must be an object.');
  }
  return template;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    const offset = Math.max(0, jsonErrorOffset(body));
    const before = body.slice(0, offset).split('\n');
    throw templateFormatError(`JSON not well-formed. (line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1})`);
  }
}

function parseYaml(body: string): unknown {
  const lineCounter = new LineCounter();
  const document = parseDocument(body, { customTags: CLOUDFORMATION_YAML_TAGS, lineCounter, uniqueKeys: true, prettyErrors: false });
  const first = document.errors[0];
  if (first) {
    const { line, col } = lineCounter.linePos(first.pos[0]);
    throw templateFormatError(`YAML not well-formed. (line ${line}, column ${col})`);
  }
  return document.toJS({ maxAliasCount: 100 });
}
