// Events and disposables for the session client, shaped like VS Code's Event/Disposable so a Pseudoterminal can forward them.

export interface Disposable {
  dispose(): void;
}

export type Event<T> = (listener: (value: T) => void) => Disposable;

/** One emitter per event per client instance; listeners that throw do not stop the others. */
export class Emitter<T> implements Disposable {
  private listeners = new Set<(value: T) => void>();

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  get hasListeners(): boolean {
    return this.listeners.size > 0;
  }

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch {
        // A failing listener is the listener's problem; the channel keeps running.
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
