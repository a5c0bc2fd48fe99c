// The small surface a workflow needs from a session terminal: type text, watch output. Any session terminal can provide it.
import type { Disposable } from '../../session';

export interface ShellChannel {
  /** Types text into the shell as keystrokes (the shell echoes it, so the user sees it). */
  sendText(text: string): void;
  /** Raw output as the terminal receives it, markers included. */
  onOutput(listener: (text: string) => void): Disposable;
}
