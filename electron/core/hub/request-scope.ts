/** Anything in flight that can be stopped: an AbortController, or a plain request's handle. */
export interface Cancellable {
  abort(): void;
}

/**
 * The requests of one client, cancelled together when it closes.
 *
 * axios requests need an AbortSignal each (its own deadline aborts it alone): `acquire()` hands
 * one out. A controller whose request ended without an abort carries no listener any more
 * (axios removes its own when the request settles) and is handed out again, so a call does not
 * build a new AbortController each time. The status poll's plain GET needs no signal at all:
 * it registers its own handle with `track()`.
 */
export class RequestScope {
  private closed = false;
  /**
   * In flight. An array, not a Set: a hub has one or two requests at a time, and a Set that
   * goes from one entry to none and back reallocates its table on every request.
   */
  private readonly active: Cancellable[] = [];
  private readonly spare: AbortController[] = [];

  get isClosed(): boolean {
    return this.closed;
  }

  acquire(): AbortController {
    const controller = this.spare.pop() ?? new AbortController();
    this.track(controller);
    return controller;
  }

  release(controller: AbortController): void {
    this.untrack(controller);
    if (!this.closed && !controller.signal.aborted && this.spare.length < MAX_SPARE_CONTROLLERS)
      this.spare.push(controller);
  }

  /** Cancelled with the others when the scope closes (at once when it is closed already). */
  track(request: Cancellable): void {
    if (this.closed) request.abort();
    else this.active.push(request);
  }

  untrack(request: Cancellable): void {
    const at = this.active.indexOf(request);
    if (at < 0) return;
    // Order does not matter: move the last one into the gap.
    const last = this.active.pop()!;
    if (at < this.active.length) this.active[at] = last;
  }

  /** Cancels every request in flight; later ones are cancelled at once. */
  close(): void {
    this.closed = true;
    for (const request of this.active.splice(0)) request.abort();
    this.spare.length = 0;
  }
}

/** A hub gets one request at a time from the monitor; a few more from one-off calls at most. */
const MAX_SPARE_CONTROLLERS = 4;
