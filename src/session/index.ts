// The native Session Manager client: what the extension's terminal wraps.
//
// Wiring to a Pseudoterminal (one SessionChannel and one set of emitters per terminal):
//   const channel = new SessionChannel({ sessionId, streamUrl, tokenValue, resume, terminate, initialSize });
//   channel.onOutput((text) => writeEmitter.fire(text));
//   channel.onEnd((end) => { writeEmitter.fire(`\r\n${end.message}\r\n`); closeEmitter.fire(); });
//   open(dimensions) -> channel.resize(dimensions.columns, dimensions.rows); channel.open().catch(showError)
//   handleInput(data) -> channel.sendInput(data);  setDimensions(d) -> channel.resize(d.columns, d.rows)
//   close() -> channel.close()  (calls TerminateSession through `terminate`)
export { SessionChannel, CLIENT_VERSION } from './SessionChannel';
export type { SessionChannelOptions, SessionChannelState, SessionEnd, TerminalSize } from './SessionChannelOptions';
export { SessionChannelError, describeStartSessionFailure, type SessionChannelErrorCode } from './SessionChannelError';
export { KMS_NOT_SUPPORTED } from './handshakeResponse';
export type { Disposable, Event } from './events';
