// Reads a template body (JSON or YAML) into a plain object, with CloudFormation's format error messages.
import { LineCounter, parseDocument } from 'yaml';
import { AwsError } from '../../../http/AwsError';
import { jsonErrorOffset } from './jsonErrorOffset';
import { CLOUDFORMATION_YAML_TAGS } from './yamlShortTags';
import type { Template } from './Template';

/** CloudFormation's TemplateBody limit for CreateStack/UpdateStack/ValidateTemplate. */
export const MAX_TEMPLATE_BODY_BYTES = 51_200;

/** CloudFormation's documented per-template quotas (resources 500; parameters, outputs and mappings 200 each). */
export const TEMPLATE_SECTION_LIMITS: Readonly<Record<string, number>> = { Resources: 500, Parameters: 200, Outputs: 200, Mappings: 200 };

/**
 * Deepest nesting of objects and lists the lab reads. AWS documents no figure; real templates stay far below it, and it
 * keeps every recursive walk (intrinsic functions, references) well inside the call stack.
 */
export const MAX_TEMPLATE_DEPTH = 100;

/** yaml's guard against alias expansion ("billion laughs"): aliases may add at most this many times the nodes they copy. */
const MAX_YAML_ALIAS_COUNT = 100;

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
  if (depthOf(value) > MAX_TEMPLATE_DEPTH) {
    throw templateFormatError(`the template nests objects and lists (intrinsic functions included) more than ${MAX_TEMPLATE_DEPTH} levels deep. Flatten the nesting, e.g. with one Fn::Join over a list or a Fn::Sub string.`);
  }
  const template = value as Template;
  for (const [section, limit] of Object.entries(TEMPLATE_SECTION_LIMITS)) {
    const members = (value as Record<string, unknown>)[section];
    const count = members !== null && typeof members === 'object' ? Object.keys(members).length : 0;
    if (count > limit) throw templateFormatError(`Number of ${section.toLowerCase()}, ${count}, is greater than maximum allowed, ${limit}`);
  }
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
  try {
    return document.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
  } catch (error) {
    // yaml throws a ReferenceError when aliases would expand past the limit (an alias bomb).
    if (error instanceof ReferenceError) throw templateFormatError('YAML aliases (*name) expand to too many nodes. Repeat the values instead of nesting aliases of aliases.');
    throw error;
  }
}

/** Nesting depth of a parsed value, walked without recursion so that any depth is measured safely. */
function depthOf(root: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[root, 1]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [value, depth] = next;
    if (value === null || typeof value !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_TEMPLATE_DEPTH) return deepest;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return deepest;
}
