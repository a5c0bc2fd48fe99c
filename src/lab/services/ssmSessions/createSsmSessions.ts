// Builds the lab's Session Manager side: the session registry, its SSM operations and the data-channel upgrade handler.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { OperationTable } from '../../http/types';
import type { LabRuntime } from '../../LabRuntime';
import { DATA_CHANNEL_PATH, DataChannelServer } from './DataChannelServer';
import { SessionHistory } from './SessionHistory';
import { SessionRegistry } from './SessionRegistry';
import { ssmSessionOperations, type ResolveTarget } from './ssmSessionOperations';

export interface SsmSessionsOptions {
  /** Finds the client host behind an instance id; undefined means TargetNotConnected. */
  readonly resolveTarget: ResolveTarget;
  readonly handshake?: 'auto' | 'always';
}

export interface SsmSessions {
  readonly operations: OperationTable;
  /** Attach to the lab HTTP server's 'upgrade' event; returns false for paths that are not data channels. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): Promise<void>;
}

export async function createSsmSessions(runtime: LabRuntime, options: SsmSessionsOptions): Promise<SsmSessions> {
  const { history, past } = await SessionHistory.open(runtime.config.stateDir, runtime.now(), runtime.log);
  const registry = new SessionRegistry(runtime.log, runtime.now, history, past);
  const server = new DataChannelServer(registry, runtime.log);
  const { host, port } = runtime.config;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  const operations = ssmSessionOperations({
    registry,
    resolveTarget: options.resolveTarget,
    handshake: options.handshake ?? 'auto',
    streamUrl: (sessionId) => `ws://${hostInUrl}:${port}${DATA_CHANNEL_PATH}${encodeURIComponent(sessionId)}?role=publish_subscribe`,
  });
  return {
    operations,
    handleUpgrade: (request, socket, head) => server.handleUpgrade(request, socket, head),
    close: async () => {
      registry.closeAll();
      server.close();
      await history.close();
    },
  };
}
