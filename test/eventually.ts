// The tests' one polling helper: asks `check` until it returns a value; on time-out it says what it waited for and the last error `check` threw.

/**
 * Resolves with the first value `check` returns other than undefined. A `check` that throws is asked again (the thing may
 * not exist yet); if time runs out, the error names `what` and carries the last thrown error as its cause and in its text.
 */
export async function eventually<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError === undefined ? '' : `; the last attempt failed: ${lastError instanceof Error ? lastError.message : String(lastError)}`;
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${reason}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Waits until `read()` matches `pattern` and returns that text; the error shows the end of what was read. */
export async function eventuallyMatches(read: () => string, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  let last = '';
  try {
    return await eventually(String(pattern), () => {
      last = read();
      return pattern.test(last) ? last : undefined;
    }, timeoutMs, 10);
  } catch (error) {
    throw new Error(`${(error as Error).message}; got ${JSON.stringify(last.slice(-500))}`);
  }
}
