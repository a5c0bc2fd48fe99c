// The template CodeLens's "Deploy stack": hands the open template to the tapeGateway.deployStack command.
import * as vscode from 'vscode';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { templateDocument } from './validateTemplate';

export const deployStackFromTemplate: TapeGatewayCommand = {
  id: 'tapeGateway.deployStackFromTemplate',
  async run(_services, argument?: unknown): Promise<unknown> {
    const document = await templateDocument(argument);
    if (!document) {
      void vscode.window.showInformationMessage('Open a CloudFormation template (YAML or JSON) first, then choose Deploy stack again.');
      return undefined;
    }
    return vscode.commands.executeCommand('tapeGateway.deployStack', document.uri);
  },
};
