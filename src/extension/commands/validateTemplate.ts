// Runs CloudFormation ValidateTemplate on a template (CodeLens argument or the active editor) against the current connection and reports the result.
import * as vscode from 'vscode';
import { CloudFormationApi, TemplateInvalid } from '../../aws/CloudFormationApi';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { showError } from './showError';

/** What the command reports (also its return value, for tests and other commands). */
export interface TemplateValidationResult {
  readonly valid: boolean;
  readonly message: string;
}

/** The document a template command works on: the URI it was given, else the active editor's. */
export async function templateDocument(argument: unknown): Promise<vscode.TextDocument | undefined> {
  if (argument instanceof vscode.Uri) return vscode.workspace.openTextDocument(argument);
  return vscode.window.activeTextEditor?.document;
}

export const validateTemplate: TapeGatewayCommand = {
  id: 'tapeGateway.validateTemplate',
  async run({ connection, log }, argument?: unknown): Promise<TemplateValidationResult | undefined> {
    const document = await templateDocument(argument);
    if (!document) {
      void vscode.window.showInformationMessage('Open a CloudFormation template (YAML or JSON) first, then run Validate again.');
      return undefined;
    }
    const state = connection.state;
    if (state.kind !== 'connected') {
      void vscode.window.showWarningMessage('Validate needs a connection: start the local lab or connect to AWS, then run Validate again.', 'Start Local Lab', 'Connect to AWS…').then((choice) => {
        if (choice === 'Start Local Lab') void vscode.commands.executeCommand('tapeGateway.startLocalLab');
        if (choice === 'Connect to AWS…') void vscode.commands.executeCommand('tapeGateway.connectToAws');
      });
      return undefined;
    }
    const name = vscode.workspace.asRelativePath(document.uri);
    try {
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Validating ${name}…` }, () => new CloudFormationApi(state.clients).validateTemplate(document.getText()));
      const capabilities = result.capabilities.length > 0 ? ` Deploying needs ${result.capabilities.join(', ')}${result.capabilitiesReason ? ` (${result.capabilitiesReason.replace(/\.$/, '')})` : ''}.` : '';
      const message = `${name} is valid on ${state.label}: ${result.parameterNames.length} parameter(s).${capabilities}`;
      log.info(`ValidateTemplate: ${message}`);
      void vscode.window.showInformationMessage(message);
      return { valid: true, message };
    } catch (error) {
      if (error instanceof TemplateInvalid) {
        const message = `CloudFormation rejected ${name}: ${error.message.replace(/\.?$/, '.')} Fix the template and validate again.`;
        log.warn(`ValidateTemplate: ${message}`);
        void vscode.window.showErrorMessage(message);
        return { valid: false, message };
      }
      showError(log, error, `${name} could not be validated`);
      return undefined;
    }
  },
};
