// Reading the whole-document JSON files older labs kept their state in, once, so a store can import them into its journal.
import { readJsonFile, removeStaleTempFiles } from './atomicWrite';
import { StateLoadError } from './journalFormat';

/**
 * The document at `path`, or undefined when there is none. A file that cannot be parsed or is not in the expected format
 * is refused with what to do: the lab never starts empty over state it could not read.
 */
export async function readLegacyDocument<T>(path: string, accept: (raw: unknown) => raw is T): Promise<T | undefined> {
  let raw: unknown;
  try {
    await removeStaleTempFiles(path);
    raw = await readJsonFile(path);
  } catch (error) {
    throw new StateLoadError(`The lab state file ${path} could not be read (${(error as Error).message}). Move it aside or choose another --state-dir.`);
  }
  if (raw === undefined) return undefined;
  if (!accept(raw)) throw new StateLoadError(`The lab state file ${path} is not in a format this lab understands. Move it aside or choose another --state-dir.`);
  return raw;
}

/** A versioned document with an object member `member` ({ version: 1, <member>: {...} }), as older labs wrote them. */
export function isVersionOneDocument<T>(member: string): (raw: unknown) => raw is T {
  return (raw: unknown): raw is T => {
    if (typeof raw !== 'object' || raw === null) return false;
    const document = raw as Record<string, unknown>;
    return document.version === 1 && typeof document[member] === 'object' && document[member] !== null;
  };
}
