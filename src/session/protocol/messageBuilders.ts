// Builders for the messages each side sends, with the header conventions of the plugin and agent (message types, flags, sequence numbers, acks).
import { Buffer } from 'node:buffer';
import type { ClientMessage } from './clientMessage';
import { newMessageId } from './messageId';
import { MessageFlags, MessageType, PayloadType } from './messageTypes';
import { toJsonPayload, type AcknowledgeContent, type ChannelClosedPayload } from './payloads';

export function streamDataMessage(messageType: string, sequenceNumber: number, payloadType: number, payload: Uint8Array, nowMs: number, flags: number = MessageFlags.None): ClientMessage {
  return {
    messageType,
    schemaVersion: 1,
    createdDate: nowMs,
    sequenceNumber,
    flags,
    messageId: newMessageId(),
    payloadType,
    payload: Buffer.isBuffer(payload) ? payload : Buffer.from(payload),
  };
}

/** The plugin's ack format: header seq 0, flags 3, PayloadType 0; the acked seq lives in the JSON payload. */
export function acknowledgeMessage(acked: ClientMessage, nowMs: number): ClientMessage {
  const content: AcknowledgeContent = {
    AcknowledgedMessageType: acked.messageType,
    AcknowledgedMessageId: acked.messageId,
    AcknowledgedMessageSequenceNumber: acked.sequenceNumber,
    IsSequentialMessage: true,
  };
  return {
    messageType: MessageType.Acknowledge,
    schemaVersion: 1,
    createdDate: nowMs,
    sequenceNumber: 0,
    flags: MessageFlags.SynFin,
    messageId: newMessageId(),
    payloadType: PayloadType.None,
    payload: toJsonPayload(content),
  };
}

export function channelClosedMessage(sessionId: string, output: string, now: Date): ClientMessage {
  const messageId = newMessageId();
  const content: ChannelClosedPayload = {
    MessageId: messageId,
    CreatedDate: now.toISOString(),
    DestinationId: sessionId,
    SessionId: sessionId,
    MessageType: 'channel_closed',
    SchemaVersion: 1,
    Output: output,
  };
  return {
    messageType: MessageType.ChannelClosed,
    schemaVersion: 1,
    createdDate: now.getTime(),
    sequenceNumber: 0,
    flags: MessageFlags.SynFin,
    messageId,
    payloadType: PayloadType.None,
    payload: toJsonPayload(content),
  };
}
