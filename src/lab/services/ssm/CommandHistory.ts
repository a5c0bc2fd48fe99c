// Run Command history journaled under <stateDir>/ssm/commands.journal, so SendCommand results survive a lab restart; a
// restart ends every unfinished invocation with a terminal status saying why (the lab does not re-run scripts it lost track of).
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { LabRuntime } from '../../LabRuntime';
import { readJsonFile } from '../../state/atomicWrite';
import { StateLoadError, type JournalOp } from '../../state/journalFormat';
import { StateStore } from '../../state/StateStore';
import type { Table } from '../../state/Table';
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

/** The whole-document commands.json of older labs, imported the first time. */
async function legacyCommands(path: string): Promise<JournalOp[] | undefined> {
  const raw = await readJsonFile(path);
  if (raw === undefined) return undefined;
  if (!isHistory(raw)) throw new StateLoadError(`The lab state file ${path} is not in a format this lab understands. Move it aside or choose another --state-dir.`);
  return raw.commands.map((command): JournalOp => [TABLE, command.commandId, command]);
}

const TABLE = 'commands';

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
  private constructor(
    private readonly store: StateStore,
    private readonly saved: Table<SavedCommand>,
  ) {}

  /** Loads the history and ends what a stop interrupted; returns the commands, oldest first. */
  static async open(runtime: LabRuntime): Promise<{ history: CommandHistory; commands: CommandRecord[] }> {
    const folder = join(runtime.config.stateDir, 'ssm');
    const legacy = join(folder, 'commands.json');
    const store = new StateStore(join(folder, 'commands.journal'), { log: runtime.log, importWhenMissing: () => legacyCommands(legacy) });
    const saved = store.table<SavedCommand>(TABLE);
    await store.open();
    await rm(legacy, { force: true });
    const at = runtime.now().toISOString();
    for (const [commandId, command] of saved.entries()) {
      const invocations = command.invocations.map((invocation) => afterRestart(invocation, at));
      if (invocations.some((invocation, index) => invocation !== command.invocations[index])) saved.put(commandId, { ...command, invocations });
    }
    await store.durable();
    const commands = [...saved.values()].map((command): CommandRecord => ({
      ...command,
      requestedAt: new Date(command.requestedAt),
      invocations: new Map(command.invocations.map((invocation) => [invocation.instanceId, toLive(invocation)])),
    }));
    return { history: new CommandHistory(store, saved), commands };
  }

  /** Saves a new command; resolves once it is on disk (SendCommand answers only then). */
  async add(command: CommandRecord): Promise<void> {
    this.saved.put(command.commandId, {
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
    // Oldest first: the table keeps insertion order, so the first keys are the oldest commands.
    for (const commandId of this.saved.keys()) {
      if (this.saved.size <= MAX_SAVED_COMMANDS) break;
      this.saved.delete(commandId);
    }
    await this.store.durable();
  }

  /** Saves an invocation's state as it will be once `change` is applied; resolves once that is on disk. */
  async update(commandId: string, invocation: InvocationRecord, change: Partial<InvocationRecord>): Promise<void> {
    const saved = this.saved.get(commandId);
    const index = saved?.invocations.findIndex((candidate) => candidate.instanceId === invocation.instanceId) ?? -1;
    if (!saved || index < 0) return;
    saved.invocations[index] = toSaved({ ...invocation, ...change });
    this.saved.touch(commandId);
    await this.store.durable();
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
