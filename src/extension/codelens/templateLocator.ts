// Finds what the template CodeLens annotates in a CloudFormation template (YAML or JSON): where it starts, tape gateway instances, their disks. Pure (no vscode).
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type Tags, type YAMLMap } from 'yaml';

export const VTL_AMI_PARAMETER = '/aws/service/storagegateway/ami/VTL/latest';

/** CloudFormation's short-form intrinsics: read as plain nodes that keep their tag, so "!Ref X" is a scalar tagged !Ref. */
const SHORT_FORMS = ['Ref', 'Condition', 'Sub', 'GetAtt', 'Join', 'Select', 'Split', 'GetAZs', 'If', 'Equals', 'And', 'Or', 'Not', 'Base64', 'FindInMap', 'ImportValue', 'Cidr', 'Transform'];
export const CLOUDFORMATION_TAGS: Tags = SHORT_FORMS.flatMap((name) => [
  { tag: `!${name}`, resolve: (text: string) => text },
  { tag: `!${name}`, collection: 'seq' as const, resolve: (node: unknown) => node as never },
  { tag: `!${name}`, collection: 'map' as const, resolve: (node: unknown) => node as never },
]);

interface GatewayDisk {
  /** Device name, or the logical id of an AWS::EC2::Volume attached to the instance. */
  readonly name: string;
  /** Undefined when the size is a parameter without a default (chosen at deploy time). */
  readonly sizeGiB: number | undefined;
  readonly offset: number;
}

export interface GatewayInstanceLocation {
  readonly logicalId: string;
  /** Offset of the resource's key, where its CodeLenses go. */
  readonly offset: number;
  readonly imageIdOffset: number;
  readonly amiParameterName: string;
  /** Literal or the parameter's default; undefined when chosen at deploy time. */
  readonly instanceType: string | undefined;
  readonly disks: readonly GatewayDisk[];
}

interface TemplateOutline {
  /** Offset of the first top-level key (AWSTemplateFormatVersion, Resources, …), where Deploy and Validate go. */
  readonly offset: number;
  readonly gatewayInstances: readonly GatewayInstanceLocation[];
}

/** Undefined when the text is not a CloudFormation template (no AWSTemplateFormatVersion and no Resources with AWS:: types). */
export function locateTemplate(text: string): TemplateOutline | undefined {
  if (!/AWSTemplateFormatVersion|AWS::/.test(text)) return undefined;
  let root: Node | null;
  try {
    const document = parseDocument(text, { customTags: CLOUDFORMATION_TAGS, strict: false, uniqueKeys: false, prettyErrors: false });
    root = document.contents;
  } catch {
    return undefined;
  }
  if (!isMap(root)) return undefined;
  const resources = valueOf(root, 'Resources');
  const hasVersion = valueOf(root, 'AWSTemplateFormatVersion') !== undefined;
  const resourceMap = isMap(resources) ? resources : undefined;
  const hasAwsResources = resourceMap?.items.some((pair) => /^AWS::/.test(scalarText(valueOf(pair.value, 'Type')) ?? '')) ?? false;
  if (!hasVersion && !hasAwsResources) return undefined;
  const first = root.items[0]?.key as Node | undefined;
  const parameters = valueOf(root, 'Parameters');
  return {
    offset: first?.range?.[0] ?? 0,
    gatewayInstances: resourceMap ? findGatewayInstances(resourceMap, isMap(parameters) ? parameters : undefined) : [],
  };
}

function findGatewayInstances(resources: YAMLMap, parameters: YAMLMap | undefined): GatewayInstanceLocation[] {
  const located: GatewayInstanceLocation[] = [];
  for (const pair of resources.items) {
    const logicalId = scalarText(pair.key);
    if (!logicalId || scalarText(valueOf(pair.value, 'Type')) !== 'AWS::EC2::Instance') continue;
    const properties = valueOf(pair.value, 'Properties');
    const imageId = valueOf(properties, 'ImageId');
    const amiParameterName = imageId ? vtlParameterOf(imageId, parameters) : undefined;
    if (!imageId || !amiParameterName) continue;
    located.push({
      logicalId,
      offset: (pair.key as Node).range?.[0] ?? 0,
      imageIdOffset: imageId.range?.[0] ?? 0,
      amiParameterName,
      instanceType: literalOrDefault(valueOf(properties, 'InstanceType'), parameters),
      disks: [...blockDeviceDisks(valueOf(properties, 'BlockDeviceMappings'), parameters), ...attachedVolumes(resources, logicalId, parameters)],
    });
  }
  return located;
}

/** The VTL AMI parameter behind an ImageId: a {{resolve:ssm:…}} reference, or a Ref to a parameter whose default names it. */
function vtlParameterOf(imageId: Node, parameters: YAMLMap | undefined): string | undefined {
  const literal = scalarText(imageId);
  const dynamic = literal === undefined ? undefined : /^\{\{resolve:ssm:([^:}]+)(?::\d+)?\}\}$/.exec(literal)?.[1];
  if (dynamic === VTL_AMI_PARAMETER) return dynamic;
  const referenced = refName(imageId);
  const parameter = referenced ? valueOf(parameters, referenced) : undefined;
  return scalarText(valueOf(parameter, 'Default')) === VTL_AMI_PARAMETER ? VTL_AMI_PARAMETER : undefined;
}

function blockDeviceDisks(mappings: Node | undefined, parameters: YAMLMap | undefined): GatewayDisk[] {
  if (!isSeq(mappings)) return [];
  return mappings.items.flatMap((item) => {
    const node = item as Node;
    const size = valueOf(valueOf(node, 'Ebs'), 'VolumeSize');
    if (!size) return [];
    return [{ name: scalarText(valueOf(node, 'DeviceName')) ?? 'disk', sizeGiB: numberOf(literalOrDefault(size, parameters)), offset: size.range?.[0] ?? 0 }];
  });
}

/** Separate AWS::EC2::Volume resources attached with an AWS::EC2::VolumeAttachment to the instance (the awstut layout). */
function attachedVolumes(resources: YAMLMap, instanceId: string, parameters: YAMLMap | undefined): GatewayDisk[] {
  return resources.items.flatMap((pair) => {
    if (scalarText(valueOf(pair.value, 'Type')) !== 'AWS::EC2::VolumeAttachment') return [];
    const properties = valueOf(pair.value, 'Properties');
    if (refName(valueOf(properties, 'InstanceId')) !== instanceId) return [];
    const volumeId = refName(valueOf(properties, 'VolumeId'));
    const volume = volumeId ? valueOf(resources, volumeId) : undefined;
    const size = valueOf(valueOf(volume, 'Properties'), 'Size');
    if (!volumeId || !size) return [];
    return [{ name: volumeId, sizeGiB: numberOf(literalOrDefault(size, parameters)), offset: size.range?.[0] ?? 0 }];
  });
}

/** A scalar's text, or a Ref'd parameter's Default. */
function literalOrDefault(node: Node | undefined, parameters: YAMLMap | undefined): string | undefined {
  if (!node) return undefined;
  const referenced = refName(node);
  if (referenced) return scalarText(valueOf(valueOf(parameters, referenced), 'Default'));
  return scalarText(node);
}

/** "X" for `!Ref X` or `{"Ref": "X"}`. */
function refName(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (isScalar(node) && node.tag === '!Ref') return scalarText(node);
  if (isMap(node) && node.items.length === 1 && scalarText(node.items[0]?.key) === 'Ref') return scalarText(node.items[0]?.value);
  return undefined;
}

function valueOf(node: unknown, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((item: Pair) => scalarText(item.key) === key);
  return (pair?.value ?? undefined) as Node | undefined;
}

function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

function numberOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
