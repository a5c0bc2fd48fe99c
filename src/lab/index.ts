// The lab's only door for other code: startLab() serves the AWS APIs on loopback, in-process.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { hostName, refuseForeignRequest } from './http/hostCheck';
import { createPipeline } from './http/pipeline';
import { defaultStateDir } from './defaultStateDir';
import { isLoopbackHost } from './isLoopbackHost';
import { createRuntime, type LabConfig } from './LabRuntime';
import type { LabAdmin } from './admin/LabAdmin';
import type { ClientHost, SimulatedNetwork } from './hosts/ClientHost';
import type { LibraryDirectory } from './library/VirtualLibrary';
import { createServices } from './services';
import type { InstanceHooks } from './services/ec2/SimulatedInstance';

export type { LabAdmin, EjectResult } from './admin/LabAdmin';
export type { ApplianceInfo, CreateApplianceOptions } from './hosts/ApplianceRegistry';

export interface StartLabOptions {
  port?: number;
  host?: string;
  stateDir?: string;
  region?: string;
  accountId?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  timeScale?: number;
  /** Injected clock for tests. */
  now?: () => Date;
  /** Receives the lab's log lines (never secrets). */
  log?: (line: string) => void;
  /** Finds the client host behind an instance id for Session Manager (tests inject their own). */
  resolveClientHost?: (instanceId: string) => ClientHost | undefined;
  /** 'always' starts shell sessions with a handshake; 'auto' (default) behaves like the real agent. */
  sessionHandshake?: 'auto' | 'always';
  /** What simulated instances become (gateway appliances, client hosts); tests pass their own. */
  instanceHooks?: InstanceHooks;
  /** Host names (besides localhost, *.localhost and loopback addresses) that requests may name in Host and Origin. */
  allowedHosts?: readonly string[];
}

/** What a started lab tells its user; the same fields the CLI prints as JSON. */
export interface LabConnection {
  readonly endpoint: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly stateDir: string;
  /** Secret for the /_lab admin routes (Authorization: Bearer <token>); also in <stateDir>/admin-token, readable by the user only. */
  readonly adminToken: string;
}

/** Name of the file in the state folder that holds the running lab's admin token. */
export const ADMIN_TOKEN_FILE = 'admin-token';

export interface RunningLab extends LabConnection {
  readonly port: number;
  /** Test hook (not an AWS API): create gateway appliances, eject tapes. Also at POST /_lab/... on the endpoint. */
  readonly admin: LabAdmin;
  /** Tape Gateway libraries as a client host's iSCSI side sees them (same object the lab's hosts use). */
  readonly libraries: LibraryDirectory;
  /** The simulated VPC: what a client host's curl reaches at an appliance's private IP or DNS name. */
  readonly network: SimulatedNetwork;
  stop(): Promise<void>;
}

export const LAB_DEFAULTS = {
  port: 0,
  host: '127.0.0.1',
  region: 'us-east-1',
  accountId: '123456789012',
  accessKeyId: 'test',
  secretAccessKey: 'test',
  timeScale: 1,
} as const;

export class LabStartError extends Error {}

export async function startLab(options: StartLabOptions = {}): Promise<RunningLab> {
  const host = options.host ?? LAB_DEFAULTS.host;
  if (!isLoopbackHost(host)) {
    throw new LabStartError(`The lab only listens on loopback; "${host}" is not a loopback address. Use 127.0.0.1 or ::1.`);
  }
  const port = options.port ?? LAB_DEFAULTS.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new LabStartError(`Port ${port} is not a TCP port; give a number from 0 to 65535 (0 picks a free one).`);
  const timeScale = options.timeScale ?? LAB_DEFAULTS.timeScale;
  if (!Number.isFinite(timeScale) || timeScale < 0) throw new LabStartError(`Time scale ${timeScale} must be a number of 0 or more.`);
  const allowedHosts = (options.allowedHosts ?? []).map((name) => name.toLowerCase());
  for (const name of allowedHosts) {
    if (hostName(name) !== name || name.includes(':')) throw new LabStartError(`"${name}" is not a host name; give a name such as lab.example.test (no scheme, port or path).`);
  }
  const stateDir = resolve(options.stateDir ?? defaultStateDir());
  await mkdir(stateDir, { recursive: true });
  const adminToken = randomBytes(32).toString('hex');
  const tokenFile = join(stateDir, ADMIN_TOKEN_FILE);
  await writeFile(tokenFile, `${adminToken}\n`, { mode: 0o600 });
  // An older file keeps its old mode through writeFile; on Windows only the read-only bit exists, and the folder is per-user.
  await chmod(tokenFile, 0o600);

  const log = options.log ?? (() => undefined);
  const now = options.now ?? (() => new Date());
  const partialConfig = {
    host,
    stateDir,
    region: options.region ?? LAB_DEFAULTS.region,
    accountId: options.accountId ?? LAB_DEFAULTS.accountId,
    accessKeyId: options.accessKeyId ?? LAB_DEFAULTS.accessKeyId,
    secretAccessKey: options.secretAccessKey ?? LAB_DEFAULTS.secretAccessKey,
    timeScale,
    allowedHosts,
    adminToken,
  };
  const server = createServer();
  const boundPort = await listen(server, port, host);
  // After listening, a server error (e.g. EMFILE while accepting) concerns one connection: logged, never thrown.
  server.on('error', (error) => log(`lab: the API server reported ${error.message}`));
  const config: LabConfig = { ...partialConfig, port: boundPort };
  const runtime = createRuntime(config, now, log);
  let services;
  try {
    services = await createServices(runtime, { resolveClientHost: options.resolveClientHost, sessionHandshake: options.sessionHandshake, instanceHooks: options.instanceHooks });
  } catch (error) {
    await closeServer(server);
    throw error;
  }
  server.on('upgrade', (request, socket, head) => {
    // Node removes its own error handler from an upgraded socket: without this one, a peer's reset would end the lab.
    socket.on('error', () => socket.destroy());
    const refused = refuseForeignRequest(request.headers, allowedHosts, true);
    if (refused) {
      log(`lab: refused a WebSocket upgrade (${refused.message.split('.')[0]})`);
      socket.end(`HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(refused.message) + 1}\r\n\r\n${refused.message}\n`);
      return;
    }
    if (!services.handleUpgrade(request, socket, head)) socket.destroy();
  });
  server.on('request', createPipeline({ services: services.definitions, credentials: () => [config], now, log, adminRoutes: services.adminRoutes, allowedHosts }));

  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  let stopped: Promise<void> | undefined;
  return {
    endpoint: `http://${hostInUrl}:${boundPort}`,
    port: boundPort,
    region: config.region,
    accessKeyId: config.accessKeyId,
    secretAccessKey: config.secretAccessKey,
    stateDir,
    adminToken,
    admin: services.admin,
    libraries: services.libraries,
    network: services.network,
    stop: () => {
      stopped ??= (async () => {
        // Services first: open data-channel sockets would otherwise keep the server from closing.
        await services.close();
        await closeServer(server);
      })();
      return stopped;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(new LabStartError(error.code === 'EADDRINUSE' ? `Port ${port} on ${host} is already in use; choose another with --port, or 0 for any free port.` : `The lab could not listen on ${host}:${port}: ${error.message}.`));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolvePort((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolveClose) => {
    server.close(() => resolveClose());
    server.closeAllConnections();
  });
}
