// Opens the data-channel WebSocket at StreamUrl exactly as given and sends the OpenDataChannelInput TEXT frame (token, client id, message schema version), as session-manager-plugin does.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { Corkable, OpenDataChannelInput } from './protocol';
import { seconds, SessionChannelError } from './SessionChannelError';

interface DialOptions {
  readonly streamUrl: string;
  readonly tokenValue: string;
  readonly clientId: string;
  readonly clientVersion: string;
  readonly timeoutMs: number;
}

export interface DialedChannel {
  readonly socket: WebSocket;
  /** The TCP socket under the WebSocket (from its upgrade response), for batching writes. */
  readonly transport: Corkable | undefined;
}

/** Resolves with an open socket whose first frame (the token) is already sent; rejects with a SessionChannelError, never hangs. */
export function dialDataChannel(options: DialOptions): Promise<DialedChannel> {
  return new Promise((resolve, reject) => {
    let socket: WebSocket;
    let transport: Corkable | undefined;
    try {
      socket = new WebSocket(options.streamUrl, { handshakeTimeout: options.timeoutMs, perMessageDeflate: false });
    } catch {
      reject(new SessionChannelError('Unreachable', 'The session stream URL is not a valid WebSocket URL; start the session again.'));
      return;
    }
    let settled = false;
    const settle = (error: SessionChannelError | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.off('open', onOpen);
      socket.off('error', onError);
      socket.off('close', onClose);
      if (error) {
        socket.on('error', () => undefined);
        socket.terminate();
        reject(error);
      } else {
        resolve({ socket, transport });
      }
    };
    const timer = setTimeout(() => settle(new SessionChannelError('OpenTimeout', `The Session Manager data channel did not open within ${seconds(options.timeoutMs)} s. Check your network connection or proxy and try again.`)), options.timeoutMs);
    const onOpen = () => {
      const input: OpenDataChannelInput = {
        MessageSchemaVersion: '1.0',
        RequestId: randomUUID(),
        TokenValue: options.tokenValue,
        ClientId: options.clientId,
        ClientVersion: options.clientVersion,
      };
      socket.send(JSON.stringify(input));
      settle(undefined);
    };
    const onError = (error: Error) => settle(new SessionChannelError('Unreachable', `The Session Manager data channel could not be reached (${error.message}). Check your network connection and try again.`));
    const onClose = () => settle(new SessionChannelError('Unreachable', 'The Session Manager data channel closed before it opened. Try again.'));
    socket.once('upgrade', (response) => {
      transport = response.socket;
    });
    socket.on('open', onOpen);
    socket.on('error', onError);
    socket.on('close', onClose);
  });
}
