// Serialized read pages per region state, reused while the state has not changed (ListTapes under load answers from here).
import { SerializedJson } from '../../http/awsJson';
import type { StateStore } from '../../state/StateStore';

interface CachedPage {
  readonly version: number;
  readonly page: SerializedJson;
}

/** Pages kept per region; past it the oldest goes (a client paging through 15,000 tapes needs 150). */
const MAX_PAGES = 256;

const pagesByStore = new WeakMap<StateStore, Map<string, CachedPage>>();

/**
 * The page `request` names, from the cache when the store is at the version the page was made at, otherwise made by
 * `make` and kept. Only for outputs that depend on the records and the request alone (not on the clock).
 */
export function cachedPage(store: StateStore, request: string, make: () => unknown): SerializedJson {
  let pages = pagesByStore.get(store);
  if (!pages) pagesByStore.set(store, (pages = new Map()));
  const cached = pages.get(request);
  if (cached && cached.version === store.version) return cached.page;
  const page = SerializedJson.of(make());
  pages.delete(request);
  if (pages.size >= MAX_PAGES) {
    const oldest = pages.keys().next();
    if (!oldest.done) pages.delete(oldest.value);
  }
  pages.set(request, { version: store.version, page });
  return page;
}
