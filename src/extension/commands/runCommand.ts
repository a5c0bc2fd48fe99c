// Wraps a command body: Escape ends it quietly, any other failure becomes a sentence on screen and detail in the log.
import type { ExtensionServices } from '../ExtensionServices';
import { Cancelled } from './commandTargets';
import { showError } from './showError';

export async function runCommand<T>(services: ExtensionServices, context: string, body: () => Promise<T>): Promise<T | undefined> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof Cancelled) return undefined;
    return showError(services.log, error, context);
  }
}
