// For host tests: cuts this process's TCP connections to a loopback port, as a network failure would (the peer sees a reset, nothing is closed cleanly).
import type { Socket } from 'node:net';

interface ProcessWithHandles {
  _getActiveHandles?: () => unknown[];
}

/** Destroys the client sockets to `port`; `websocket` keeps only those a WebSocket took over (the data channel). Returns how many. */
export function dropSocketsTo(port: number, only: 'websocket' | 'all' = 'all'): number {
  const handles = (process as ProcessWithHandles)._getActiveHandles?.() ?? [];
  let dropped = 0;
  for (const handle of handles) {
    const socket = handle as Partial<Socket>;
    if (typeof socket.destroy !== 'function' || socket.remotePort !== port) continue;
    // The ws package marks the sockets it has upgraded with a symbol described as "websocket".
    if (only === 'websocket' && !Object.getOwnPropertySymbols(socket).some((symbol) => symbol.description === 'websocket')) continue;
    socket.destroy();
    dropped += 1;
  }
  return dropped;
}
