// Tag rules shared by every taggable resource: no "aws:" keys, upsert by key, at most 50 per resource.
import { TAPE_GATEWAY_LIMITS } from '../../../tape/limits';
import { invalidParameters } from './errors';
import type { StoredTag } from './model';
import type { TagInput } from './shapes';

export function checkTagKeys(tags: readonly TagInput[] | undefined): void {
  for (const tag of tags ?? []) {
    if (tag.Key.toLowerCase().startsWith('aws:')) throw invalidParameters(`Tag keys that start with "aws:" are reserved for AWS; rename the tag "${tag.Key}".`);
  }
}

/** The tags after upserting `added`; refuses the change when the result would exceed the limit. */
export function mergedTags(existing: readonly StoredTag[], added: readonly TagInput[]): StoredTag[] {
  checkTagKeys(added);
  const merged = new Map(existing.map((tag) => [tag.Key, tag.Value]));
  for (const tag of added) merged.set(tag.Key, tag.Value);
  if (merged.size > TAPE_GATEWAY_LIMITS.maxTagsPerResource) {
    throw invalidParameters(`A resource can have at most ${TAPE_GATEWAY_LIMITS.maxTagsPerResource} tags; remove some with RemoveTagsFromResource first.`);
  }
  return [...merged].map(([Key, Value]) => ({ Key, Value }));
}

export function sortedTags(tags: readonly StoredTag[]): StoredTag[] {
  return [...tags].sort((a, b) => (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0));
}
