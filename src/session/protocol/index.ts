// The pure Session Manager data-channel codec shared by the lab (agent side) and the native client.
export * from './clientMessage';
export * from './IncomingStream';
export * from './messageBuilders';
export * from './messageId';
export * from './messageTypes';
export * from './OutgoingStream';
export * from './payloads';
export * from './SequencedChannel';
export * from './WriteBatch';
