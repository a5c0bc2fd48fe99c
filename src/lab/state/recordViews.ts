// Object-shaped views of a Table for code written against plain `Record<string, T>` state: reads go to the table,
// and through a tracked view every write, however deep inside a record, re-indexes and journals that record.
import type { Table } from './Table';

const rawOf = new WeakMap<object, object>();

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** Replaces tracked proxies inside a value about to be stored with the objects they stand for. */
function unwrapDeep<V>(value: V): V {
  if (!isObject(value)) return value;
  const raw = rawOf.get(value);
  if (raw) return raw as V;
  const target = value as Record<string, unknown>;
  for (const key of Object.keys(target)) {
    const inner = target[key];
    if (isObject(inner)) target[key] = unwrapDeep(inner);
  }
  return value;
}

function descriptor(value: unknown): PropertyDescriptor | undefined {
  return value === undefined ? undefined : { value, writable: true, enumerable: true, configurable: true };
}

function collectionView<T>(table: Table<T>, read: (key: string, record: T) => T, write: (key: string, record: T) => void): Record<string, T> {
  const handler: ProxyHandler<Record<string, T>> = {
    get: (_target, key) => {
      if (typeof key !== 'string') return undefined;
      const record = table.get(key);
      return record === undefined ? undefined : read(key, record);
    },
    set: (_target, key, value: T) => {
      if (typeof key !== 'string') return false;
      write(key, value);
      return true;
    },
    deleteProperty: (_target, key) => {
      if (typeof key === 'string') table.delete(key);
      return true;
    },
    has: (_target, key) => typeof key === 'string' && table.has(key),
    ownKeys: () => [...table.keys()],
    getOwnPropertyDescriptor: (_target, key) => {
      if (typeof key !== 'string') return undefined;
      const record = table.get(key);
      return descriptor(record === undefined ? undefined : read(key, record));
    },
  };
  return new Proxy<Record<string, T>>({}, handler);
}

/** Reads and writes records as they are: for read-only paths, where a change would go unnoticed. */
export function plainRecordView<T>(table: Table<T>): Record<string, T> {
  return collectionView(
    table,
    (_key, record) => record,
    (key, record) => table.put(key, record),
  );
}

/**
 * Hands out records wrapped so that any assignment or delete at any depth marks the record changed (Table.touch).
 * Records must be plain JSON data (objects, arrays, strings, numbers, booleans), as they are journaled as JSON.
 */
export function trackedRecordView<T>(table: Table<T>): Record<string, T> {
  const proxies = new WeakMap<object, object>();
  const wrap = (key: string, value: object): object => {
    let proxy = proxies.get(value);
    if (proxy) return proxy;
    proxy = new Proxy(value, {
      get: (target, property, receiver) => {
        const inner: unknown = Reflect.get(target, property, receiver);
        return isObject(inner) && typeof inner !== 'function' ? wrap(key, inner) : inner;
      },
      set: (target, property, newValue: unknown) => {
        const done = Reflect.set(target, property, unwrapDeep(newValue));
        table.touch(key);
        return done;
      },
      deleteProperty: (target, property) => {
        const done = Reflect.deleteProperty(target, property);
        table.touch(key);
        return done;
      },
    });
    proxies.set(value, proxy);
    rawOf.set(proxy, value);
    return proxy;
  };
  return collectionView(
    table,
    (key, record) => (isObject(record) ? (wrap(key, record) as T) : record),
    (key, record) => table.put(key, unwrapDeep(record)),
  );
}
