// The template CodeLens's "Deploy stack": hands the template to the tapeGateway.deployStack command, or says clearly why it cannot.
import * as vscode from 'vscode';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { templateDocument } from './validateTemplate';

export const DEPLOY_STACK_COMMAND = 'tapeGateway.deployStack';

export const deployStackFromTemplate: TapeGatewayCommand = {
  id: 'tapeGateway.deployStackFromTemplate',
  async run({ log }, argument?: unknown): Promise<unknown> {
    const document = await templateDocument(argument);
    if (!document) {
      void vscode.window.showInformationMessage('Open a CloudFormation template (YAML or JSON) first, then choose Deploy stack again.');
      return undefined;
    }
    const registered = await vscode.commands.getCommands(true);
    if (!registered.includes(DEPLOY_STACK_COMMAND)) {
      const message = 'Deploying a stack is not available in this version of the Tape Gateway extension. Use "Validate", or deploy with "aws cloudformation deploy --capabilities CAPABILITY_IAM" meanwhile.';
      log.warn(`${DEPLOY_STACK_COMMAND} is not registered; Deploy stack from ${document.uri.toString()} was not run.`);
      void vscode.window.showWarningMessage(message);
      return undefined;
    }
    return vscode.commands.executeCommand(DEPLOY_STACK_COMMAND, document.uri);
  },
};
