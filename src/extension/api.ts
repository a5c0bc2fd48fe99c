// What activate() returns: a small API other extensions and the host tests can use.
import type { ConnectionState } from './connection/ConnectionManager';
import type { ExplorerNode } from './explorer/ExplorerNode';
import type { ScriptedAnswer, ScriptedPrompts } from './prompts/ScriptedPrompts';
import type { SessionTerminal } from './shell/SessionTerminal';
import type * as vscode from 'vscode';

export interface TapeGatewayApi {
  connectionState(): ConnectionState;
  readonly onDidChangeConnection: vscode.Event<ConnectionState>;
  /** The explorer's data provider, for reading the tree as VS Code does. */
  readonly explorer: vscode.TreeDataProvider<ExplorerNode>;
  statusBarText(): string;
  /** Answers the commands' quick picks and input boxes from a script (tests, automation) until restore(). */
  readonly prompts: { script(answers: ScriptedAnswer[]): ScriptedPrompts; restore(): void };
  /** Open native Session Manager terminals (state, session id, transcript, output events). */
  sessionTerminals(): readonly SessionTerminal[];
  readonly onDidOpenSessionTerminal: vscode.Event<SessionTerminal>;
  /** The process id of the lab Start Local Lab started, while it runs (tests stop it from outside to see the extension cope). */
  labProcessId(): number | undefined;
  /** Walkthrough milestones seen in session terminals (libraryConnected, tapeLoaded, fileWritten, fileReadBack). */
  walkthroughMilestones(): readonly string[];
  /** What the extension keeps between sessions and where it writes files, so tests can check that no secret is among them. */
  storedState(): StoredState;
}

export interface StoredState {
  readonly globalState: Readonly<Record<string, unknown>>;
  readonly workspaceState: Readonly<Record<string, unknown>>;
  /** Folders the extension writes to: its global storage (the in-process lab's state), workspace storage, and logs. */
  readonly folders: readonly string[];
}
