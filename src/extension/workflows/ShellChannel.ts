// The small surface a workflow needs from a session terminal: type text, watch output, know when the session ends.
import type { Disposable } from '../../session';

export interface ShellChannel {
  /** Types text into the shell as keystrokes (the shell echoes it, so the user sees it); throws a sentence when the session has ended. */
  sendText(text: string): void;
  /** Raw output as the terminal receives it, markers included. */
  onOutput(listener: (text: string) => void): Disposable;
  /** The session ended (closed terminal, `exit`, lost network): a sentence that says so. */
  onEnd(listener: (sentence: string) => void): Disposable;
}
