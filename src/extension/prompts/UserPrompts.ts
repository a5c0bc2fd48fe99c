// The questions commands ask (quick picks, input boxes, confirmations), behind one interface so tests can answer them.
import * as vscode from 'vscode';

export interface PickItem<T> {
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  readonly value: T;
  readonly picked?: boolean;
}

export interface InputOptions {
  readonly title: string;
  readonly prompt: string;
  readonly value?: string;
  readonly placeHolder?: string;
  /** A sentence saying what is wrong with the value, or undefined when it is fine. */
  readonly validate?: (value: string) => string | undefined;
}

export interface UserPrompts {
  pick<T>(items: readonly PickItem<T>[], options: { title: string; placeHolder?: string }): Promise<T | undefined>;
  pickMany<T>(items: readonly PickItem<T>[], options: { title: string; placeHolder?: string }): Promise<T[] | undefined>;
  input(options: InputOptions): Promise<string | undefined>;
  /** A modal question; true only when the user chose `action`. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
}

type VsPick<T> = vscode.QuickPickItem & { value: T };

export class VsCodePrompts implements UserPrompts {
  async pick<T>(items: readonly PickItem<T>[], options: { title: string; placeHolder?: string }): Promise<T | undefined> {
    const picked = await vscode.window.showQuickPick<VsPick<T>>(items.map((i) => ({ ...i })), { ...options, ignoreFocusOut: true });
    return picked?.value;
  }

  async pickMany<T>(items: readonly PickItem<T>[], options: { title: string; placeHolder?: string }): Promise<T[] | undefined> {
    const picked = await vscode.window.showQuickPick<VsPick<T>>(items.map((i) => ({ ...i })), { ...options, canPickMany: true, ignoreFocusOut: true });
    return picked?.map((p) => p.value);
  }

  input(options: InputOptions): Promise<string | undefined> {
    return Promise.resolve(
      vscode.window.showInputBox({ title: options.title, prompt: options.prompt, value: options.value, placeHolder: options.placeHolder, ignoreFocusOut: true, validateInput: options.validate }),
    );
  }

  async confirm(message: string, detail: string, action: string): Promise<boolean> {
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
  }
}
