// Serves the Session Manager data channel on the lab's HTTP port: WebSocket upgrade, then the token check on the first TEXT frame.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseOpenDataChannelInput, type Corkable } from '../../../session/protocol';
import { requestUrl } from '../../http/hostCheck';
import type { SessionRegistry } from './SessionRegistry';

export const DATA_CHANNEL_PATH = '/v1/data-channel/';
/** Close code for a refused OpenDataChannelInput (policy violation). */
export const TOKEN_REFUSED_CLOSE_CODE = 1008;
const OPEN_TIMEOUT_MS = 10_000;

export class DataChannelServer {
  private readonly server = new WebSocketServer({ noServer: true });

  constructor(private readonly registry: SessionRegistry, private readonly log: (line: string) => void) {}

  /** Handles the upgrade when the path is a data-channel URL; returns false to let others try. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = requestUrl(request.url)?.pathname ?? '';
    if (!path.startsWith(DATA_CHANNEL_PATH)) return false;
    let sessionId: string;
    try {
      sessionId = decodeURIComponent(path.slice(DATA_CHANNEL_PATH.length));
    } catch {
      // A malformed escape (e.g. "%E0%A4%A") names no session; thrown here it would end the lab process.
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return true;
    }
    this.server.handleUpgrade(request, socket, head, (webSocket) => this.awaitOpen(webSocket, sessionId, socket));
    return true;
  }

  close(): void {
    for (const client of this.server.clients) client.terminate();
    this.server.close();
  }

  private awaitOpen(socket: WebSocket, sessionId: string, transport: Corkable): void {
    const timer = setTimeout(() => socket.close(TOKEN_REFUSED_CLOSE_CODE, 'No OpenDataChannelInput was received.'), OPEN_TIMEOUT_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    socket.on('error', () => undefined);
    socket.once('message', (data, isBinary) => {
      clearTimeout(timer);
      const session = this.registry.get(sessionId);
      let token: string | undefined;
      try {
        token = isBinary ? undefined : parseOpenDataChannelInput(Buffer.from(data as Buffer).toString('utf8')).TokenValue;
      } catch {
        token = undefined;
      }
      if (!session || token === undefined || session.token === undefined || !sameToken(token, session.token)) {
        this.log(`ssm: refused a data channel for session ${sessionId} (unknown session or token)`);
        socket.close(TOKEN_REFUSED_CLOSE_CODE, 'The session token is not valid.');
        return;
      }
      session.channel.attach(socket, transport);
    });
  }
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
