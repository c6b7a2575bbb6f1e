import type { HubChange } from '../../shared/monitor';

/**
 * Coalesces the monitor's per-hub changes into one push per `flushMs`: with 500 hubs updating
 * each second that is ~20 messages a second instead of 500, and two changes of the same hub in
 * one window merge into one (later fields win), so the renderer applies each hub once.
 */
export class ChangeBatcher {
  private pending = new Map<string, HubChange>();
  private removed = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly flushMs: number,
    private readonly flush: (changes: HubChange[], removed: string[]) => void,
  ) {}

  add(changes: readonly HubChange[]): void {
    for (const change of changes) {
      const prev = this.pending.get(change.hubId);
      this.pending.set(
        change.hubId,
        prev ? { hubId: change.hubId, at: change.at, changes: { ...prev.changes, ...change.changes } } : change,
      );
      this.removed.delete(change.hubId);
    }
    this.schedule();
  }

  remove(hubIds: readonly string[]): void {
    for (const id of hubIds) {
      this.pending.delete(id);
      this.removed.add(id);
    }
    this.schedule();
  }

  /** Sends whatever is pending now (used before a snapshot so nothing is applied twice). */
  flushNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0 && this.removed.size === 0) return;
    const changes = [...this.pending.values()];
    const removed = [...this.removed];
    this.pending = new Map();
    this.removed = new Set();
    this.flush(changes, removed);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
    this.removed.clear();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flushNow(), this.flushMs);
    this.timer.unref?.();
  }
}
