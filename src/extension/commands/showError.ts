// Shows a failure to the user as one sentence and writes the technical detail to the log channel.
import * as vscode from 'vscode';
import { AwsFailure } from '../../aws/AwsFailure';

export function showError(log: vscode.LogOutputChannel, error: unknown, context: string): undefined {
  const failure = error instanceof AwsFailure ? error : undefined;
  const message = failure ? failure.userMessage : `${context}: ${error instanceof Error ? error.message : String(error)}`;
  log.error(failure ? failure.logLine() : `${context}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  void vscode.window.showErrorMessage(message, 'Show Log').then((choice) => {
    if (choice) log.show(true);
  });
  return undefined;
}
