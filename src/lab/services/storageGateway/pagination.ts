// Marker paging as Storage Gateway does it: opaque markers, default page 100, no Marker on the last page.
import { lowerBound } from '../../state/Table';
import { invalidParameters } from './errors';

/** Page sizes (undocumented maximum; AWS "may impose its own limit"): one table. */
export const PAGE_SIZES = { default: 100, maximum: 1000 } as const;

export interface Page<T> {
  readonly items: T[];
  readonly marker?: string;
}

/** Markers carry the key of the last item returned, so inserts and deletes between pages never repeat or skip items. */
function encodeMarker(lastKey: string): string {
  return Buffer.from(`v1|${lastKey}`, 'utf8').toString('base64url');
}

function decodeMarker(marker: string): string {
  const text = Buffer.from(marker, 'base64url').toString('utf8');
  if (!text.startsWith('v1|') || encodeMarker(text.slice(3)) !== marker) {
    throw invalidParameters('The specified Marker is not valid. Use the Marker from the previous response, or omit it to start from the first page.');
  }
  return text.slice(3);
}

/** Pages `items` (already sorted by `keyOf`, ascending). */
export function paginate<T>(items: readonly T[], keyOf: (item: T) => string, marker: string | undefined, limit: number | undefined): Page<T> {
  const pageSize = Math.min(limit ?? PAGE_SIZES.default, PAGE_SIZES.maximum);
  let start = 0;
  if (marker !== undefined) {
    const after = decodeMarker(marker);
    start = items.findIndex((item) => keyOf(item) > after);
    if (start < 0) start = items.length;
  }
  const page = items.slice(start, start + pageSize);
  const last = page[page.length - 1];
  const more = start + pageSize < items.length;
  return more && last !== undefined ? { items: page, marker: encodeMarker(keyOf(last)) } : { items: page };
}

/** Pages keys that are already sorted ascending (an index's order): finds the marker by binary search, not a scan. */
export function paginateSorted(keys: readonly string[], marker: string | undefined, limit: number | undefined): Page<string> {
  const pageSize = Math.min(limit ?? PAGE_SIZES.default, PAGE_SIZES.maximum);
  let start = 0;
  if (marker !== undefined) {
    const after = decodeMarker(marker);
    start = lowerBound(keys, after);
    if (keys[start] === after) start += 1;
  }
  const page = keys.slice(start, start + pageSize);
  const last = page[page.length - 1];
  return start + pageSize < keys.length && last !== undefined ? { items: page, marker: encodeMarker(last) } : { items: page };
}

export function byKey<T>(keyOf: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
}
