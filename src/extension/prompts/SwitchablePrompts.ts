// The prompts commands use: VS Code's by default; a host test can swap in scripted answers for a while.
import { ScriptedPrompts, type ScriptedAnswer } from './ScriptedPrompts';
import { VsCodePrompts, type InputOptions, type PickItem, type UserPrompts } from './UserPrompts';

export class SwitchablePrompts implements UserPrompts {
  private readonly interactive = new VsCodePrompts();
  private current: UserPrompts = this.interactive;

  /** Answers the next prompts from `answers` until restore() is called. */
  script(answers: ScriptedAnswer[]): ScriptedPrompts {
    const scripted = new ScriptedPrompts(answers);
    this.current = scripted;
    return scripted;
  }

  restore(): void {
    this.current = this.interactive;
  }

  pick<T>(items: readonly PickItem<T>[], options: { title: string; placeHolder?: string }): Promise<T | undefined> {
    return this.current.pick(items, options);
  }

  pickMany<T>(items: readonly PickItem<T>[], options: { title: string; placeHolder?: string }): Promise<T[] | undefined> {
    return this.current.pickMany(items, options);
  }

  input(options: InputOptions): Promise<string | undefined> {
    return this.current.input(options);
  }

  confirm(message: string, detail: string, action: string): Promise<boolean> {
    return this.current.confirm(message, detail, action);
  }
}
