// Runs a node's loader, logs its time at debug level, and turns a failure into an error node ("click to retry, see the log").
import type * as vscode from 'vscode';
import { AwsFailure } from '../../aws/AwsFailure';
import type { ExplorerNode } from './ExplorerNode';
import { MessageNode } from './MessageNode';

export async function loadChildren(parentId: string, log: vscode.LogOutputChannel, what: string, load: () => Promise<ExplorerNode[]>): Promise<ExplorerNode[]> {
  const started = performance.now();
  try {
    const children = await load();
    log.debug(`Explorer: ${what} loaded in ${(performance.now() - started).toFixed(0)} ms.`);
    return children;
  } catch (error) {
    const failure = error instanceof AwsFailure ? error : undefined;
    log.error(failure ? failure.logLine() : `Loading ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    return [MessageNode.error(`${parentId}/error`, failure ? failure.userMessage : `Could not load ${what}.`)];
  }
}

/** "1.5 GiB", "100 GiB", "2 TiB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}
