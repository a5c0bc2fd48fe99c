// The lab's service table: every AWS API the lab serves, built from the shared runtime.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ServiceDefinition } from '../http/types';
import type { LabRuntime } from '../LabRuntime';
import { createSsmSessions } from './ssmSessions/createSsmSessions';
import type { ResolveTarget } from './ssmSessions/ssmSessionOperations';

export interface LabServices {
  readonly definitions: readonly ServiceDefinition[];
  /** Flushes and closes whatever the services hold open. */
  close(): Promise<void>;
  /** WebSocket upgrades (the Session Manager data channel); false when no service owns the path. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
}

/** What the services need from outside the runtime. */
export interface ServiceHooks {
  /** The client host behind an instance id (Session Manager targets); none resolve when omitted. */
  readonly resolveClientHost?: ResolveTarget;
  /** 'always' makes shell sessions start with a HandshakeRequest instead of output. */
  readonly sessionHandshake?: 'auto' | 'always';
}

export async function createServices(runtime: LabRuntime, hooks: ServiceHooks = {}): Promise<LabServices> {
  const ssmSessions = createSsmSessions(runtime, { resolveTarget: hooks.resolveClientHost ?? (() => undefined), handshake: hooks.sessionHandshake });
  const definitions: ServiceDefinition[] = [
    // The lead merges these operations with the Run Command side into one AmazonSSM service.
    { protocol: 'json', signingName: 'ssm', targetPrefixes: ['AmazonSSM'], operations: ssmSessions.operations },
  ];
  return {
    definitions,
    close: async () => ssmSessions.close(),
    handleUpgrade: (request, socket, head) => ssmSessions.handleUpgrade(request, socket, head),
  };
}
