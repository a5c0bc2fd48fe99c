// The native Session Manager client: what the extension's terminal wraps.
export { SessionChannel, CLIENT_VERSION, type SessionChannelOptions, type SessionChannelState, type SessionEnd, type TerminalSize } from './SessionChannel';
export { SessionChannelError, describeStartSessionFailure, type SessionChannelErrorCode } from './SessionChannelError';
export type { Disposable, Event } from './events';
