// One keyed collection of a StateStore: records in memory, secondary indexes kept current on every change, changes reported for the journal.

/** Derives the index value of a record; undefined leaves the record out of that index. */
export type IndexFunction<T> = (record: T) => string | undefined;

export interface TableSpec<T> {
  /** Secondary indexes by name: each maps an index value to the keys of the records that have it. */
  readonly indexes?: Readonly<Record<string, IndexFunction<T>>>;
}

/** What a Table tells its store: a record was put (value) or deleted (undefined). */
export type ChangeListener = (table: string, key: string, value: unknown) => void;

const EMPTY: ReadonlySet<string> = new Set<string>();

interface IndexState<T> {
  readonly derive: IndexFunction<T>;
  readonly buckets: Map<string, Set<string>>;
  /** Sorted copies of buckets, built on first read and then kept in order as keys come and go. */
  readonly sorted: Map<string, string[]>;
  /** The value each key is filed under, so a change can unfile it without knowing the record's old content. */
  readonly filed: Map<string, string>;
  /** Indexes are built on their first lookup (a restart loads records only), then kept current on every change. */
  built: boolean;
}

export class Table<T> {
  private readonly records = new Map<string, T>();
  private readonly indexes = new Map<string, IndexState<T>>();
  private sortedKeys: string[] | undefined;

  constructor(
    readonly name: string,
    spec: TableSpec<T>,
    private readonly onChange: ChangeListener,
  ) {
    for (const [indexName, derive] of Object.entries(spec.indexes ?? {})) this.indexes.set(indexName, { derive, buckets: new Map(), sorted: new Map(), filed: new Map(), built: false });
  }

  get size(): number {
    return this.records.size;
  }

  get(key: string): T | undefined {
    return this.records.get(key);
  }

  has(key: string): boolean {
    return this.records.has(key);
  }

  keys(): IterableIterator<string> {
    return this.records.keys();
  }

  values(): IterableIterator<T> {
    return this.records.values();
  }

  entries(): IterableIterator<[string, T]> {
    return this.records.entries();
  }

  /** Inserts or replaces a record; the change is journaled with the other changes of this synchronous stretch. */
  put(key: string, record: T): void {
    if (!this.records.has(key) && this.sortedKeys) insertSorted(this.sortedKeys, key);
    this.records.set(key, record);
    this.refile(key, record);
    this.onChange(this.name, key, record);
  }

  /** The record under `key` was changed in place: re-index and journal it. */
  touch(key: string): void {
    const record = this.records.get(key);
    if (record !== undefined) this.put(key, record);
  }

  delete(key: string): boolean {
    if (!this.records.delete(key)) return false;
    if (this.sortedKeys) removeSorted(this.sortedKeys, key);
    this.unfile(key);
    this.onChange(this.name, key, undefined);
    return true;
  }

  /** Keys of the records whose index `indexName` has `value` (a live set: copy it before changing the table while iterating). */
  lookup(indexName: string, value: string): ReadonlySet<string> {
    return this.index(indexName).buckets.get(value) ?? EMPTY;
  }

  /** The same keys in ascending order (built on first read, then kept in order). */
  lookupSorted(indexName: string, value: string): readonly string[] {
    const index = this.index(indexName);
    let sorted = index.sorted.get(value);
    if (!sorted) {
      sorted = [...(index.buckets.get(value) ?? EMPTY)].sort();
      index.sorted.set(value, sorted);
    }
    return sorted;
  }

  /** Every key in ascending order (built on first read, then kept in order). */
  allKeysSorted(): readonly string[] {
    this.sortedKeys ??= [...this.records.keys()].sort();
    return this.sortedKeys;
  }

  /** Loads a record from disk: indexed, not journaled again. */
  restore(key: string, record: T | undefined): void {
    this.sortedKeys = undefined;
    if (record === undefined) {
      this.records.delete(key);
      this.unfile(key);
      return;
    }
    this.records.set(key, record);
    this.refile(key, record);
  }

  private index(indexName: string): IndexState<T> {
    const index = this.indexes.get(indexName);
    if (!index) throw new Error(`Table ${this.name} has no index named ${indexName}.`);
    if (!index.built) {
      index.built = true;
      for (const [key, record] of this.records) fileIn(index, key, record);
    }
    return index;
  }

  private refile(key: string, record: T): void {
    for (const index of this.indexes.values()) if (index.built) fileIn(index, key, record);
  }

  private unfile(key: string): void {
    for (const index of this.indexes.values()) {
      const old = index.filed.get(key);
      if (old === undefined) continue;
      removeFrom(index, old, key);
      index.filed.delete(key);
    }
  }
}

function fileIn<T>(index: IndexState<T>, key: string, record: T): void {
  const value = index.derive(record);
  const old = index.filed.get(key);
  if (old === value) return;
  if (old !== undefined) removeFrom(index, old, key);
  if (value === undefined) index.filed.delete(key);
  else {
    index.filed.set(key, value);
    addTo(index, value, key);
  }
}

function addTo<T>(index: IndexState<T>, value: string, key: string): void {
  let bucket = index.buckets.get(value);
  if (!bucket) index.buckets.set(value, (bucket = new Set()));
  if (bucket.has(key)) return;
  bucket.add(key);
  const sorted = index.sorted.get(value);
  if (sorted) insertSorted(sorted, key);
}

function removeFrom<T>(index: IndexState<T>, value: string, key: string): void {
  const bucket = index.buckets.get(value);
  if (!bucket?.delete(key)) return;
  if (bucket.size === 0) index.buckets.delete(value);
  const sorted = index.sorted.get(value);
  if (sorted) removeSorted(sorted, key);
}

/** Index of the first element of `sorted` that is greater than or equal to `key`. */
export function lowerBound(sorted: readonly string[], key: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as string) < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

function insertSorted(sorted: string[], key: string): void {
  const at = lowerBound(sorted, key);
  if (sorted[at] !== key) sorted.splice(at, 0, key);
}

function removeSorted(sorted: string[], key: string): void {
  const at = lowerBound(sorted, key);
  if (sorted[at] === key) sorted.splice(at, 1);
}
