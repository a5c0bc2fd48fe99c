// Chooses the template to deploy: a path or body passed in, the active editor's CloudFormation template, or the bundled one.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../ExtensionServices';
import { argsOf, Cancelled } from './commandTargets';

export interface ChosenTemplate {
  readonly body: string;
  readonly label: string;
  /** Where it was read from, so child templates named by relative path can be found. */
  readonly uri?: vscode.Uri;
  /** The S3 URL the packaged template was uploaded to when it is too large to send as a TemplateBody. */
  readonly templateUrl?: string;
}

/** A document is taken for a CloudFormation template when it has a top-level Resources section. */
function looksLikeCloudFormation(text: string): boolean {
  return /^AWSTemplateFormatVersion\s*:/m.test(text) || /^Resources\s*:/m.test(text) || /"Resources"\s*:\s*\{/.test(text);
}

export async function chooseTemplate(services: ExtensionServices, target: unknown): Promise<ChosenTemplate> {
  const args = argsOf(target);
  if (typeof args.templateBody === 'string') return { body: args.templateBody, label: 'the given template' };
  if (typeof args.templatePath === 'string') {
    const uri = vscode.Uri.file(args.templatePath);
    return { body: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), label: vscode.workspace.asRelativePath(uri), uri };
  }
  if (target instanceof vscode.Uri) {
    // The CodeLens passes the document's URI; an open editor may hold unsaved changes, which are what the user sees.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
    return { body: open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(target)), label: vscode.workspace.asRelativePath(target), uri: target };
  }
  const bundledUri = vscode.Uri.joinPath(services.context.extensionUri, 'templates', 'tape-gateway.yaml');
  const bundled = async () => ({ body: new TextDecoder().decode(await vscode.workspace.fs.readFile(bundledUri)), label: 'templates/tape-gateway.yaml' });
  const editor = vscode.window.activeTextEditor;
  if (!editor || !looksLikeCloudFormation(editor.document.getText())) return bundled();
  const choice = await services.prompts.pick(
    [
      { label: vscode.workspace.asRelativePath(editor.document.uri), description: 'the template in the active editor', value: 'editor' },
      { label: 'templates/tape-gateway.yaml', description: 'the tape gateway stack that comes with the extension', value: 'bundled' },
    ],
    { title: 'Deploy Stack: template' },
  );
  if (!choice) throw new Cancelled();
  return choice === 'editor' ? { body: editor.document.getText(), label: vscode.workspace.asRelativePath(editor.document.uri), uri: editor.document.uri } : bundled();
}
