// Answers prompts from a script instead of a person (host tests): each answer is checked as the real prompt would check it.
import type { InputOptions, PickItem, UserPrompts } from './UserPrompts';

/** A label to pick, labels to pick many, text to type, "yes"/"no" for a confirmation, or undefined to press Escape. */
export type ScriptedAnswer = string | readonly string[] | undefined;

interface PromptRecord {
  readonly title: string;
  readonly answer: ScriptedAnswer;
  /** What validation said about a typed answer; the next scripted answer is then typed instead. */
  readonly problem?: string;
}

const stripIcons = (label: string) => label.replace(/\$\([^)]*\)\s*/g, '').trim();

export class ScriptedPrompts implements UserPrompts {
  readonly transcript: PromptRecord[] = [];

  constructor(private readonly answers: ScriptedAnswer[]) {}

  get remaining(): number {
    return this.answers.length;
  }

  async pick<T>(items: readonly PickItem<T>[], options: { title: string }): Promise<T | undefined> {
    const answer = this.next(options.title);
    if (answer === undefined) return undefined;
    const item = items.find((i) => stripIcons(i.label) === answer) ?? items.find((i) => stripIcons(i.label).startsWith(String(answer)));
    if (!item) throw new Error(`Scripted answer "${String(answer)}" matches no item of "${options.title}": ${items.map((i) => i.label).join(', ')}`);
    return item.value;
  }

  async pickMany<T>(items: readonly PickItem<T>[], options: { title: string }): Promise<T[] | undefined> {
    const answer = this.next(options.title);
    if (answer === undefined) return undefined;
    const labels = typeof answer === 'string' ? [answer] : answer;
    return labels.map((label) => {
      const item = items.find((i) => stripIcons(i.label) === label);
      if (!item) throw new Error(`Scripted answer "${label}" matches no item of "${options.title}".`);
      return item.value;
    });
  }

  async input(options: InputOptions): Promise<string | undefined> {
    for (;;) {
      const answer = this.answers.shift();
      if (typeof answer !== 'string') {
        this.transcript.push({ title: options.title, answer });
        return undefined;
      }
      const problem = options.validate?.(answer);
      this.transcript.push({ title: options.title, answer, problem });
      if (!problem) return answer;
    }
  }

  async confirm(message: string, _detail: string, action: string): Promise<boolean> {
    const answer = this.next(message);
    return answer === 'yes' || answer === action;
  }

  private next(title: string): ScriptedAnswer {
    if (this.answers.length === 0) throw new Error(`No scripted answer left for the prompt "${title}".`);
    const answer = this.answers.shift();
    this.transcript.push({ title, answer });
    return answer;
  }
}
