// Runs one task per resource as soon as the resources it needs have succeeded, in parallel, as CloudFormation does.

export interface GraphRun {
  readonly succeeded: string[];
  readonly failed: string[];
  /** Never started because something failed first (or what they need failed). */
  readonly skipped: string[];
}

/**
 * `needs` maps each id to the ids that must succeed first (ids outside `ids` are ignored).
 * After the first failure no new task starts; tasks already running finish.
 */
export async function runInDependencyOrder(
  ids: readonly string[],
  needs: ReadonlyMap<string, ReadonlySet<string>>,
  task: (id: string) => Promise<boolean>,
): Promise<GraphRun> {
  const members = new Set(ids);
  const succeeded: string[] = [];
  const failed: string[] = [];
  const started = new Set<string>();
  const running = new Map<string, Promise<void>>();
  let stop = false;

  const ready = (id: string) => [...(needs.get(id) ?? [])].every((need) => !members.has(need) || succeeded.includes(need));
  const launch = () => {
    if (stop) return;
    for (const id of ids) {
      if (started.has(id) || !ready(id)) continue;
      started.add(id);
      running.set(
        id,
        task(id).then(
          (ok) => {
            running.delete(id);
            if (ok) succeeded.push(id);
            else {
              failed.push(id);
              stop = true;
            }
          },
          () => {
            running.delete(id);
            failed.push(id);
            stop = true;
          },
        ),
      );
    }
  };
  launch();
  while (running.size > 0) {
    await Promise.race(running.values());
    launch();
  }
  return { succeeded, failed, skipped: ids.filter((id) => !started.has(id)) };
}

/** The reverse graph: for deletion, a resource waits until everything that needs it is gone. */
export function reverseNeeds(needs: ReadonlyMap<string, ReadonlySet<string>>): Map<string, Set<string>> {
  const reversed = new Map<string, Set<string>>();
  for (const id of needs.keys()) reversed.set(id, new Set());
  for (const [id, required] of needs) {
    for (const need of required) {
      if (!reversed.has(need)) reversed.set(need, new Set());
      reversed.get(need)?.add(id);
    }
  }
  return reversed;
}
