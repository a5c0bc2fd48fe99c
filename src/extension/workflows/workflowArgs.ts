// What a workflow command accepts as its first argument: explicit options (tests, the library view) or a tree node carrying the same fields.

export interface WorkflowArgs {
  readonly gatewayArn?: string;
  /** The SSM-managed client instance whose shell runs the tools. */
  readonly clientInstanceId?: string;
  /** Data Transfer Element (0-based). */
  readonly drive?: number;
  /** Drives to log in to (connectLibrary). */
  readonly drives?: readonly number[];
  readonly slot?: number;
  readonly barcode?: string;
  /** Destination slot (moveTape, unloadTape). */
  readonly toSlot?: number;
  /** Paths on the client (writeFilesToTape). */
  readonly paths?: readonly string[];
  /** Tape file number of an archive (readFilesFromTape, listTapeContents). */
  readonly archive?: number;
  /** Folder on the client to extract into (readFilesFromTape). */
  readonly directory?: string;
  /** The caller already asked the user (moveTape into an import/export slot). */
  readonly confirmed?: boolean;
}

function field(source: Record<string, unknown>, name: string): unknown {
  if (name in source) return source[name];
  // Tree nodes may nest the domain object: node.gateway.gatewayArn, node.tape.barcode.
  for (const nested of ['gateway', 'tape', 'drive', 'slot', 'item']) {
    const inner = source[nested];
    if (inner && typeof inner === 'object' && name in inner) return (inner as Record<string, unknown>)[name];
  }
  return undefined;
}

const asString = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);
const asNumber = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined);

export function toWorkflowArgs(arg: unknown): WorkflowArgs {
  if (!arg || typeof arg !== 'object') return {};
  const source = arg as Record<string, unknown>;
  const drives = field(source, 'drives');
  const paths = field(source, 'paths');
  return {
    gatewayArn: asString(field(source, 'gatewayArn')),
    clientInstanceId: asString(field(source, 'clientInstanceId')),
    drive: asNumber(field(source, 'drive')) ?? asNumber(field(source, 'element')),
    drives: Array.isArray(drives) ? drives.filter((d): d is number => asNumber(d) !== undefined) : undefined,
    slot: asNumber(field(source, 'slot')),
    barcode: asString(field(source, 'barcode')),
    toSlot: asNumber(field(source, 'toSlot')),
    paths: Array.isArray(paths) ? paths.filter((p): p is string => asString(p) !== undefined) : undefined,
    archive: asNumber(field(source, 'archive')),
    directory: asString(field(source, 'directory')),
    confirmed: field(source, 'confirmed') === true,
  };
}
