/** Anything in flight that can be stopped: an AbortController, or a plain request's handle. */
export interface Cancellable {
  abort(): void;
}

/**
 * The requests of one client, cancelled together when it closes. An axios request gets an
 * AbortController from `acquire()` (its own deadline aborts it alone) and gives it back with
 * `release()`; the status poll's plain GET registers its own handle with `track()`.
 */
export class RequestScope {
  private closed = false;
  private readonly active = new Set<Cancellable>();

  get isClosed(): boolean {
    return this.closed;
  }

  acquire(): AbortController {
    const controller = new AbortController();
    this.track(controller);
    return controller;
  }

  release(controller: AbortController): void {
    this.untrack(controller);
  }

  /** Cancelled with the others when the scope closes (at once when it is closed already). */
  track(request: Cancellable): void {
    if (this.closed) request.abort();
    else this.active.add(request);
  }

  untrack(request: Cancellable): void {
    this.active.delete(request);
  }

  /** Cancels every request in flight; later ones are cancelled at once. */
  close(): void {
    this.closed = true;
    // Copied first: an abort may untrack other requests of the scope while this loop runs.
    const all = [...this.active];
    this.active.clear();
    for (const request of all) request.abort();
  }
}
