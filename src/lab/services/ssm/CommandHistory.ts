// Run Command history kept under <stateDir>/ssm/commands.json, so SendCommand results survive a lab restart; a restart
// ends every unfinished invocation with a terminal status saying why (the lab does not re-run scripts it lost track of).
import { join } from 'node:path';
import type { LabRuntime } from '../../LabRuntime';
import { DurableDocument } from '../../state/DurableDocument';
import { TERMINAL_STATUSES, type CommandRecord, type InvocationRecord, type InvocationStatus } from './CommandRecord';

interface SavedInvocation {
  instanceId: string;
  status: InvocationStatus;
  statusDetails: string;
  responseCode: number;
  startedAt?: string;
  endedAt?: string;
  stdout: string;
  stderr: string;
}

interface SavedCommand {
  commandId: string;
  documentName: string;
  comment: string;
  parameters: Record<string, string[]>;
  instanceIds: string[];
  requestedAt: string;
  timeoutSeconds: number;
  executionTimeoutSeconds: number;
  maxConcurrency?: string;
  maxErrors?: string;
  region?: string;
  invocations: SavedInvocation[];
}

interface HistoryDocument {
  version: 1;
  commands: SavedCommand[];
}

/** AWS keeps command history for 30 days; the lab keeps the newest commands up to this count. */
export const MAX_SAVED_COMMANDS = 1000;

/** What an invocation that was running when the lab stopped reads as afterwards. */
export const INTERRUPTED_MESSAGE = 'The lab stopped while this command was running, so it did not finish. Check what it changed on the instance, then send it again.\n';

function isHistory(raw: unknown): raw is HistoryDocument {
  return typeof raw === 'object' && raw !== null && (raw as HistoryDocument).version === 1 && Array.isArray((raw as HistoryDocument).commands);
}

/** The terminal state an unfinished invocation gets at a restart: Pending was never delivered, InProgress was cut short. */
function afterRestart(invocation: SavedInvocation, at: string): SavedInvocation {
  if (TERMINAL_STATUSES.includes(invocation.status)) return invocation;
  if (invocation.status === 'Cancelling') return { ...invocation, status: 'Cancelled', statusDetails: 'Cancelled', endedAt: at, startedAt: invocation.startedAt ?? at };
  if (invocation.status === 'Pending' || invocation.status === 'Delayed') return { ...invocation, status: 'Failed', statusDetails: 'Undeliverable', endedAt: at, startedAt: at };
  return { ...invocation, status: 'Failed', statusDetails: 'Failed', responseCode: -1, stderr: `${invocation.stderr}${INTERRUPTED_MESSAGE}`, endedAt: at, startedAt: invocation.startedAt ?? at };
}

function toSaved(invocation: InvocationRecord): SavedInvocation {
  const { instanceId, status, statusDetails, responseCode, startedAt, endedAt, stdout, stderr } = invocation;
  return { instanceId, status, statusDetails, responseCode, ...(startedAt ? { startedAt: startedAt.toISOString() } : {}), ...(endedAt ? { endedAt: endedAt.toISOString() } : {}), stdout, stderr };
}

function toLive(saved: SavedInvocation): InvocationRecord {
  const { startedAt, endedAt, ...rest } = saved;
  return { ...rest, ...(startedAt ? { startedAt: new Date(startedAt) } : {}), ...(endedAt ? { endedAt: new Date(endedAt) } : {}), abort: new AbortController() };
}

export class CommandHistory {
  private constructor(private readonly document: DurableDocument<HistoryDocument>) {}

  /** Loads the history and ends what a stop interrupted; returns the commands, oldest first. */
  static async open(runtime: LabRuntime): Promise<{ history: CommandHistory; commands: CommandRecord[] }> {
    const document = await DurableDocument.open<HistoryDocument>(join(runtime.config.stateDir, 'ssm', 'commands.json'), () => ({ version: 1, commands: [] }), isHistory);
    const at = runtime.now().toISOString();
    let changed = false;
    for (const command of document.value.commands) {
      command.invocations = command.invocations.map((invocation) => {
        const ended = afterRestart(invocation, at);
        if (ended !== invocation) changed = true;
        return ended;
      });
    }
    if (changed) await document.save();
    const commands = document.value.commands.map((saved): CommandRecord => ({
      ...saved,
      requestedAt: new Date(saved.requestedAt),
      invocations: new Map(saved.invocations.map((invocation) => [invocation.instanceId, toLive(invocation)])),
    }));
    return { history: new CommandHistory(document), commands };
  }

  /** Saves a new command; resolves once it is on disk (SendCommand answers only then). */
  async add(command: CommandRecord): Promise<void> {
    const commands = this.document.value.commands;
    commands.push({
      commandId: command.commandId,
      documentName: command.documentName,
      comment: command.comment,
      parameters: Object.fromEntries(Object.entries(command.parameters).map(([name, values]) => [name, [...values]])),
      instanceIds: [...command.instanceIds],
      requestedAt: command.requestedAt.toISOString(),
      timeoutSeconds: command.timeoutSeconds,
      executionTimeoutSeconds: command.executionTimeoutSeconds,
      ...(command.maxConcurrency === undefined ? {} : { maxConcurrency: command.maxConcurrency }),
      ...(command.maxErrors === undefined ? {} : { maxErrors: command.maxErrors }),
      ...(command.region === undefined ? {} : { region: command.region }),
      invocations: [...command.invocations.values()].map(toSaved),
    });
    if (commands.length > MAX_SAVED_COMMANDS) commands.splice(0, commands.length - MAX_SAVED_COMMANDS);
    await this.document.save();
  }

  /** Saves an invocation's state as it will be once `change` is applied; resolves once that is on disk. */
  async update(commandId: string, invocation: InvocationRecord, change: Partial<InvocationRecord>): Promise<void> {
    const saved = this.document.value.commands.find((command) => command.commandId === commandId);
    const index = saved?.invocations.findIndex((candidate) => candidate.instanceId === invocation.instanceId) ?? -1;
    if (!saved || index < 0) return;
    saved.invocations[index] = toSaved({ ...invocation, ...change });
    await this.document.save();
  }

  close(): Promise<void> {
    return this.document.close();
  }
}
