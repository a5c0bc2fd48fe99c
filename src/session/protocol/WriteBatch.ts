// Sends a burst of frames in one write: corks the transport under a WebSocket until the current synchronous stretch ends.

/** The part of a net.Socket (or any Writable) a batch needs. */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

/**
 * Each data-channel message is its own WebSocket frame, and each frame sent on its own costs a system call. The frames
 * and acks produced while handling one read (every message of one TCP chunk) are corked and leave together once the
 * stretch ends (a microtask), which changes nothing on the wire but the grouping into TCP segments.
 */
export class WriteBatch {
  private corked = false;

  constructor(private readonly transport: Corkable | undefined) {}

  /** Call before sending a frame. */
  begin(): void {
    const transport = this.transport;
    if (this.corked || !transport) return;
    this.corked = true;
    transport.cork();
    queueMicrotask(() => {
      this.corked = false;
      transport.uncork();
    });
  }
}
