// A WebSocket proxy on loopback between the native client and the lab that can duplicate, reorder, delay, corrupt or drop frames.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer, type RawData } from 'ws';
import { decodeClientMessage } from '../../../../src/session/protocol';

export type Send = (data: Buffer, isBinary: boolean) => void;
/** Decides what to forward for one frame; the default forwards it unchanged. */
export type FrameHook = (data: Buffer, isBinary: boolean, send: Send) => void;

export const forward: FrameHook = (data, isBinary, send) => send(data, isBinary);

interface Pair {
  readonly client: WebSocket;
  readonly upstream: WebSocket;
}

export class FaultProxy {
  toClient: FrameHook = forward;
  toLab: FrameHook = forward;
  /** Binary frames seen in each direction (before the hooks). */
  readonly counts = { toClient: 0, toLab: 0 };
  connections = 0;
  private readonly pairs = new Set<Pair>();
  private readonly wss = new WebSocketServer({ noServer: true });

  private constructor(private readonly server: Server, private readonly port: number, private readonly labPort: number) {
    server.on('upgrade', (request, socket, head) => this.wss.handleUpgrade(request, socket, head, (client) => this.pair(client, request.url ?? '/')));
  }

  static async start(labPort: number): Promise<FaultProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new FaultProxy(server, (server.address() as AddressInfo).port, labPort);
  }

  /** The lab's StreamUrl rewritten to pass through this proxy. */
  url(streamUrl: string): string {
    const url = new URL(streamUrl);
    url.port = String(this.port);
    return url.toString();
  }

  /** Cuts every connection from one side: 'client' closes the client's socket, 'lab' the lab's. */
  drop(side: 'client' | 'lab'): void {
    for (const pair of this.pairs) (side === 'client' ? pair.client : pair.upstream).terminate();
  }

  async stop(): Promise<void> {
    this.drop('client');
    this.drop('lab');
    this.wss.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private pair(client: WebSocket, path: string): void {
    this.connections += 1;
    const upstream = new WebSocket(`ws://127.0.0.1:${this.labPort}${path}`);
    const pair: Pair = { client, upstream };
    this.pairs.add(pair);
    const early: [Buffer, boolean][] = [];
    const toLabSend: Send = (data, isBinary) => {
      if (upstream.readyState === WebSocket.OPEN) upstream.send(data, { binary: isBinary });
    };
    const toClientSend: Send = (data, isBinary) => {
      if (client.readyState === WebSocket.OPEN) client.send(data, { binary: isBinary });
    };
    client.on('message', (data, isBinary) => {
      const buffer = toBuffer(data);
      if (isBinary) this.counts.toLab += 1;
      if (upstream.readyState !== WebSocket.OPEN) early.push([buffer, isBinary]);
      else this.toLab(buffer, isBinary, toLabSend);
    });
    upstream.on('open', () => {
      for (const [buffer, isBinary] of early.splice(0)) this.toLab(buffer, isBinary, toLabSend);
    });
    upstream.on('message', (data, isBinary) => {
      if (isBinary) this.counts.toClient += 1;
      this.toClient(toBuffer(data), isBinary, toClientSend);
    });
    const closeBoth = (code?: number) => {
      this.pairs.delete(pair);
      const forwardable = code !== undefined && code >= 1000 && code < 5000 && code !== 1005 && code !== 1006;
      for (const socket of [client, upstream]) {
        if (socket.readyState === WebSocket.OPEN) {
          if (forwardable) socket.close(code);
          else socket.terminate();
        } else if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
      }
    };
    client.on('close', (code) => closeBoth(code));
    upstream.on('close', (code) => closeBoth(code));
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  }
}

function toBuffer(data: RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
}

/** The MessageType and PayloadType of a binary frame, or undefined when it does not decode. */
export function frameKind(data: Buffer): { messageType: string; payloadType: number; sequenceNumber: number } | undefined {
  try {
    const { message } = decodeClientMessage(data);
    return { messageType: message.messageType, payloadType: message.payloadType, sequenceNumber: message.sequenceNumber };
  } catch {
    return undefined;
  }
}
