// JSON payloads of the data channel: OpenDataChannelInput, acknowledge, size, handshake, channel_closed.
import { Buffer } from 'node:buffer';

/** The TEXT frame a client sends first; TokenValue is the only credential on the channel. */
export interface OpenDataChannelInput {
  readonly MessageSchemaVersion: string;
  readonly RequestId: string;
  readonly TokenValue: string;
  readonly ClientId?: string;
  readonly ClientVersion?: string;
}

export interface AcknowledgeContent {
  readonly AcknowledgedMessageType: string;
  readonly AcknowledgedMessageId: string;
  readonly AcknowledgedMessageSequenceNumber: number;
  readonly IsSequentialMessage: boolean;
}

interface SizeData {
  readonly cols: number;
  readonly rows: number;
}

interface RequestedClientAction {
  readonly ActionType: string;
  readonly ActionParameters: unknown;
}

export interface HandshakeRequestPayload {
  readonly AgentVersion: string;
  readonly RequestedClientActions: readonly RequestedClientAction[];
}

export interface ProcessedClientAction {
  readonly ActionType: string;
  readonly ActionStatus: number;
  readonly ActionResult: unknown;
  readonly Error: string;
}

export interface HandshakeResponsePayload {
  readonly ClientVersion: string;
  readonly ProcessedClientActions: readonly ProcessedClientAction[];
  readonly Errors: readonly string[] | null;
}

interface HandshakeCompletePayload {
  /** Nanoseconds. */
  readonly HandshakeTimeToComplete: number;
  readonly CustomerMessage: string;
}

export interface ChannelClosedPayload {
  readonly MessageId: string;
  readonly CreatedDate: string;
  readonly DestinationId: string;
  readonly SessionId: string;
  readonly MessageType: 'channel_closed';
  readonly SchemaVersion: number;
  readonly Output: string;
}

class PayloadFormatError extends Error {}

export function toJsonPayload(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

function parseObject(payload: Uint8Array, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch {
    throw new PayloadFormatError(`The ${what} payload is not JSON.`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new PayloadFormatError(`The ${what} payload is not a JSON object.`);
  return value as Record<string, unknown>;
}

export function parseOpenDataChannelInput(text: string): OpenDataChannelInput {
  const value = parseObject(Buffer.from(text, 'utf8'), 'OpenDataChannelInput');
  if (typeof value.TokenValue !== 'string') throw new PayloadFormatError('OpenDataChannelInput has no TokenValue.');
  return {
    MessageSchemaVersion: typeof value.MessageSchemaVersion === 'string' ? value.MessageSchemaVersion : '',
    RequestId: typeof value.RequestId === 'string' ? value.RequestId : '',
    TokenValue: value.TokenValue,
    ...(typeof value.ClientId === 'string' ? { ClientId: value.ClientId } : {}),
    ...(typeof value.ClientVersion === 'string' ? { ClientVersion: value.ClientVersion } : {}),
  };
}

/** Only AcknowledgedMessageSequenceNumber matters to receivers; the agent and plugin ignore the other fields. */
export function parseAcknowledge(payload: Uint8Array): AcknowledgeContent {
  const value = parseObject(payload, 'acknowledge');
  const sequence = value.AcknowledgedMessageSequenceNumber;
  if (typeof sequence !== 'number' || !Number.isInteger(sequence)) throw new PayloadFormatError('The acknowledge payload has no AcknowledgedMessageSequenceNumber.');
  return {
    AcknowledgedMessageType: String(value.AcknowledgedMessageType ?? ''),
    AcknowledgedMessageId: String(value.AcknowledgedMessageId ?? ''),
    AcknowledgedMessageSequenceNumber: sequence,
    IsSequentialMessage: value.IsSequentialMessage !== false,
  };
}

export function parseSize(payload: Uint8Array): SizeData {
  const value = parseObject(payload, 'size');
  const { cols, rows } = value;
  if (!isDimension(cols) || !isDimension(rows)) throw new PayloadFormatError('The size payload needs whole-number cols and rows.');
  return { cols, rows };
}

function isDimension(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff;
}

export function parseHandshakeRequest(payload: Uint8Array): HandshakeRequestPayload {
  const value = parseObject(payload, 'HandshakeRequest');
  const actions = Array.isArray(value.RequestedClientActions) ? value.RequestedClientActions : [];
  return {
    AgentVersion: String(value.AgentVersion ?? ''),
    RequestedClientActions: actions
      .filter((a): a is Record<string, unknown> => a !== null && typeof a === 'object')
      .map((a) => ({ ActionType: String(a.ActionType ?? ''), ActionParameters: a.ActionParameters ?? null })),
  };
}

export function parseHandshakeResponse(payload: Uint8Array): HandshakeResponsePayload {
  const value = parseObject(payload, 'HandshakeResponse');
  const actions = Array.isArray(value.ProcessedClientActions) ? value.ProcessedClientActions : [];
  return {
    ClientVersion: String(value.ClientVersion ?? ''),
    ProcessedClientActions: actions
      .filter((a): a is Record<string, unknown> => a !== null && typeof a === 'object')
      .map((a) => ({ ActionType: String(a.ActionType ?? ''), ActionStatus: typeof a.ActionStatus === 'number' ? a.ActionStatus : 0, ActionResult: a.ActionResult ?? null, Error: String(a.Error ?? '') })),
    Errors: Array.isArray(value.Errors) ? value.Errors.map(String) : null,
  };
}

export function parseHandshakeComplete(payload: Uint8Array): HandshakeCompletePayload {
  const value = parseObject(payload, 'HandshakeComplete');
  return {
    HandshakeTimeToComplete: typeof value.HandshakeTimeToComplete === 'number' ? value.HandshakeTimeToComplete : 0,
    CustomerMessage: typeof value.CustomerMessage === 'string' ? value.CustomerMessage : '',
  };
}

/** channel_closed's Output, or '' when the payload is missing or not JSON (it is informational only). */
export function parseChannelClosedOutput(payload: Uint8Array): string {
  if (payload.length === 0) return '';
  try {
    const output = parseObject(payload, 'channel_closed').Output;
    return typeof output === 'string' ? output : '';
  } catch {
    return '';
  }
}

export function parseFlagPayload(payload: Uint8Array): number | undefined {
  return payload.length >= 4 ? Buffer.from(payload).readUInt32BE(0) : undefined;
}
