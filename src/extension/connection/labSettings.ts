// Reads the lab settings (tapeGateway.lab.*) from the VS Code configuration, with the lab's own defaults.
import * as vscode from 'vscode';

/** The lab's defaults and its published test keys (any SigV4 signature with them is accepted; they are not a secret). */
export const LAB_DEFAULTS = { region: 'us-east-1', timeScale: 1, accessKeyId: 'test', secretAccessKey: 'test' } as const;

export interface LabSettings {
  /** An already running lab to use instead of starting one. */
  readonly endpoint: string | undefined;
  readonly region: string;
  readonly timeScale: number;
  /** The Node executable that runs dist/lab.js; undefined = the editor's own runtime. */
  readonly nodePath: string | undefined;
}

export function readLabSettings(): LabSettings {
  const config = vscode.workspace.getConfiguration('tapeGateway.lab');
  const endpoint = config.get<string>('endpoint')?.trim();
  const nodePath = config.get<string>('nodePath')?.trim();
  const timeScale = config.get<number>('timeScale');
  return {
    endpoint: endpoint ? endpoint : undefined,
    region: config.get<string>('region') || LAB_DEFAULTS.region,
    timeScale: typeof timeScale === 'number' && timeScale >= 0 ? timeScale : LAB_DEFAULTS.timeScale,
    nodePath: nodePath ? nodePath : undefined,
  };
}
