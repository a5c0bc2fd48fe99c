// S3's key order (UTF-8 bytes, which is Unicode code point order) and binary searches over keys kept in that order.

/** JavaScript compares UTF-16 units, which puts U+E000..U+FFFF after astral characters; shifting the units fixes that. */
function unitRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/** Orders keys as S3 lists them: by their UTF-8 bytes (no buffers are allocated). */
export function compareUtf8(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return unitRank(x) - unitRank(y);
  }
  return a.length - b.length;
}

/** Index of the first key of `sorted` that satisfies `after` (which must be false, then true, along the keys). */
function firstWhere(sorted: readonly string[], after: (key: string) => boolean, from = 0): number {
  let low = from;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (after(sorted[middle] as string)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Index of the first key >= `key`. */
export function firstAtOrAfter(sorted: readonly string[], key: string): number {
  return firstWhere(sorted, (candidate) => compareUtf8(candidate, key) >= 0);
}

/** Index of the first key > `key`. */
export function firstAfter(sorted: readonly string[], key: string): number {
  return firstWhere(sorted, (candidate) => compareUtf8(candidate, key) > 0);
}

/** Index of the first key at or after `from` that does not start with `prefix` (keys sharing a prefix are contiguous). */
export function endOfPrefix(sorted: readonly string[], prefix: string, from: number): number {
  return firstWhere(sorted, (candidate) => compareUtf8(candidate, prefix) > 0 && !candidate.startsWith(prefix), from);
}

/** Adds `key` to `sorted` in order (no duplicate). */
export function insertInOrder(sorted: string[], key: string): void {
  const at = firstAtOrAfter(sorted, key);
  if (sorted[at] !== key) sorted.splice(at, 0, key);
}

export function removeInOrder(sorted: string[], key: string): void {
  const at = firstAtOrAfter(sorted, key);
  if (sorted[at] === key) sorted.splice(at, 1);
}
