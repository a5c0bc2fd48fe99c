// Stacks in the lab's storage layer: one journaled record per stack, indexed by id (the key), by live name per region and by region.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { LabRuntime } from '../../LabRuntime';
import { readJsonFile } from '../../state/atomicWrite';
import type { JournalOp } from '../../state/journalFormat';
import { StateStore } from '../../state/StateStore';
import type { Table } from '../../state/Table';
import type { StackRecord } from './StackRecord';

function liveNameKey(region: string, stackName: string): string {
  return `${region} ${stackName}`;
}

export class StackStore {
  private constructor(
    private readonly store: StateStore,
    private readonly stacks: Table<StackRecord>,
  ) {}

  /** Opens `<stateDir>/cloudformation/stacks.journal`, importing the whole-document stacks.json of older labs the first time. */
  static async open(runtime: LabRuntime): Promise<StackStore> {
    const folder = join(runtime.config.stateDir, 'cloudformation');
    const legacy = join(folder, 'stacks.json');
    const store = new StateStore(join(folder, 'stacks.journal'), { log: runtime.log, importWhenMissing: () => legacyStacks(legacy) });
    const stacks = store.table<StackRecord>('stacks', {
      indexes: {
        liveName: (stack) => (stack.status === 'DELETE_COMPLETE' ? undefined : liveNameKey(stack.region, stack.stackName)),
        liveRegion: (stack) => (stack.status === 'DELETE_COMPLETE' ? undefined : stack.region),
      },
    });
    await store.open();
    // The journal now holds what the older file held.
    await rm(legacy, { force: true });
    return new StackStore(store, stacks);
  }

  /** Every stack, oldest first (journal order is creation order). */
  load(): StackRecord[] {
    return [...this.stacks.values()];
  }

  /** Records a stack's current content; it is journaled with the other changes of this synchronous stretch. */
  save(stack: StackRecord): void {
    this.stacks.put(stack.stackId, stack);
  }

  byId(stackId: string): StackRecord | undefined {
    return this.stacks.get(stackId);
  }

  /** The stack of that name in that region that is not DELETE_COMPLETE (at most one exists). */
  liveByName(region: string, stackName: string): StackRecord | undefined {
    for (const stackId of this.stacks.lookup('liveName', liveNameKey(region, stackName))) return this.stacks.get(stackId);
    return undefined;
  }

  /** The stacks of a region that are not DELETE_COMPLETE, oldest first (a stack never comes back from DELETE_COMPLETE, so filing order is creation order). */
  liveInRegion(region: string): StackRecord[] {
    const found: StackRecord[] = [];
    for (const stackId of this.stacks.lookup('liveRegion', region)) {
      const stack = this.stacks.get(stackId);
      if (stack) found.push(stack);
    }
    return found;
  }

  /** Resolves once every saved change is on disk. */
  flush(): Promise<void> {
    return this.store.durable();
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

async function legacyStacks(path: string): Promise<JournalOp[] | undefined> {
  const raw = (await readJsonFile(path)) as { stacks?: StackRecord[] } | undefined;
  return raw?.stacks?.map((stack): JournalOp => ['stacks', stack.stackId, stack]);
}
