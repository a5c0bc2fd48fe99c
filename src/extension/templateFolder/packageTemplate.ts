// What `aws cloudformation package` does for nested stacks: children named by local path are packaged, uploaded and their URLs rewritten. Pure (no vscode).
import { createHash } from 'node:crypto';
import { dirname, isAbsolute, resolve } from 'node:path';
import { isMap, isScalar, parseDocument, type Node, type Pair, type Scalar } from 'yaml';
import { CLOUDFORMATION_TAGS } from '../codelens/templateLocator';

export interface LocalTemplateUrl {
  readonly logicalId: string;
  /** As written in the template (relative to the template's folder, or absolute). */
  readonly path: string;
  /** Where the value sits in the text, to replace it without touching anything else. */
  readonly range: readonly [number, number];
  readonly json: boolean;
}

/** Uploads a packaged child template; returns the https S3 URL CloudFormation will read it from. */
export type UploadTemplate = (key: string, body: string) => Promise<string>;

export class TemplatePackagingError extends Error {}

/** The bucket the extension keeps packaged templates in on the lab (created on first use). */
export function labTemplateBucket(region: string): string {
  return `tape-gateway-templates-${region}`;
}

const S3_URL = /^(https?|s3):\/\//i;

/** AWS::CloudFormation::Stack resources whose TemplateURL is a literal local path (not an http(s) or s3 URL). */
export function localTemplateUrls(text: string): LocalTemplateUrl[] {
  let root: Node | null;
  try {
    root = parseDocument(text, { customTags: CLOUDFORMATION_TAGS, strict: false, uniqueKeys: false, prettyErrors: false }).contents;
  } catch {
    return [];
  }
  const resources = valueOf(root, 'Resources');
  if (!isMap(resources)) return [];
  const json = text.trimStart().startsWith('{');
  return resources.items.flatMap((pair: Pair) => {
    if (scalarText(valueOf(pair.value, 'Type')) !== 'AWS::CloudFormation::Stack') return [];
    const url = valueOf(valueOf(pair.value, 'Properties'), 'TemplateURL');
    const path = scalarText(url);
    if (!isScalar(url) || url.tag !== undefined || path === undefined || path === '' || S3_URL.test(path) || !url.range) return [];
    return [{ logicalId: scalarText(pair.key) ?? '', path, range: [url.range[0], url.range[1]] as const, json }];
  });
}

export interface PackagedTemplate {
  /** The template with every local TemplateURL replaced by the uploaded child's S3 URL. */
  readonly body: string;
  /** Child template files uploaded, deepest first. */
  readonly uploaded: readonly string[];
}

/**
 * Packages `path`: each child named by a local path is packaged the same way (depth first), uploaded under
 * `<md5 of its packaged text>.template` (the key the AWS CLI uses), and its URL written in place of the path.
 * A template that names one of its own ancestors is refused: CloudFormation would nest it without end.
 */
export async function packageTemplate(path: string, readText: (path: string) => Promise<string>, upload: UploadTemplate, ancestors: readonly string[] = []): Promise<PackagedTemplate> {
  const absolute = resolve(path);
  if (ancestors.includes(absolute)) throw new TemplatePackagingError(`${absolute} includes itself through ${[...ancestors.slice(ancestors.indexOf(absolute) + 1), absolute].join(' → ')}: a nested stack cannot contain itself.`);
  let text: string;
  try {
    text = await readText(absolute);
  } catch (error) {
    const from = ancestors.at(-1);
    throw new TemplatePackagingError(`Cannot read the child template ${absolute}${from ? ` named in ${from}` : ''}: ${error instanceof Error ? error.message : String(error)}. Fix its TemplateURL.`);
  }
  const uploaded: string[] = [];
  let body = text;
  // Replace from the end so the earlier ranges stay valid.
  for (const child of localTemplateUrls(text).sort((a, b) => b.range[0] - a.range[0])) {
    const childPath = isAbsolute(child.path) ? child.path : resolve(dirname(absolute), child.path);
    const packaged = await packageTemplate(childPath, readText, upload, [...ancestors, absolute]);
    uploaded.push(...packaged.uploaded);
    const key = `${createHash('md5').update(packaged.body).digest('hex')}.template`;
    const url = await upload(key, packaged.body);
    uploaded.push(childPath);
    body = `${body.slice(0, child.range[0])}${child.json ? JSON.stringify(url) : url}${body.slice(child.range[1])}`;
  }
  return { body, uploaded };
}

function valueOf(node: unknown, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((item: Pair) => scalarText(item.key) === key);
  return (pair?.value ?? undefined) as Node | undefined;
}

function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = (node as Scalar).value;
  return typeof value === 'string' ? value : undefined;
}
