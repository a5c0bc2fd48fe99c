// Reads the lab settings (tapeGateway.lab.*) from the VS Code configuration, with safe defaults.
import * as vscode from 'vscode';
import { LAB_DEFAULTS } from '../../lab/index';
import type { LabSettings } from './ConnectionManager';

export function readLabSettings(): LabSettings {
  const config = vscode.workspace.getConfiguration('tapeGateway.lab');
  const endpoint = config.get<string>('endpoint')?.trim();
  const timeScale = config.get<number>('timeScale');
  return {
    endpoint: endpoint ? endpoint : undefined,
    region: config.get<string>('region') || LAB_DEFAULTS.region,
    timeScale: typeof timeScale === 'number' && timeScale >= 0 ? timeScale : LAB_DEFAULTS.timeScale,
  };
}
