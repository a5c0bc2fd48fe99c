// Types of codeServer.mjs for the TypeScript benchmarks that start code-server.
export const PROJECT_ROOT: string;
export const CHROMIUM_ARGS: string[];
export function freePort(): Promise<number>;
export interface RunningCodeServer {
  readonly url: string;
  readonly port: number;
  readonly workspaceDir: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  stop(): Promise<void>;
}
export function installVsixInto(vsix: string, folders: { userDataDir: string; extensionsDir: string; log?: (text: string) => void }): void;
export function startCodeServer(options?: {
  settings?: Record<string, unknown>;
  installExtension?: boolean;
  installVsix?: string;
  port?: number;
  keepFolders?: boolean;
  logLevel?: 'trace' | 'debug' | 'info';
  log?: (text: string) => void;
}): Promise<RunningCodeServer>;
