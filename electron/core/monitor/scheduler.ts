import { systemClock, type Clock } from './clock';
import { MinHeap } from './min-heap';

/**
 * One scheduler for every hub: a chain of timeouts, never an interval. Each key (hub) runs again
 * `delay` ms after its previous run FINISHED (the delay is what `run` returns), so a slow hub
 * can never pile up requests: at most one run per key is in flight. A global cap bounds the runs
 * in flight across all keys; keys that come due while the cap is reached wait in a FIFO queue.
 *
 * A single timer is armed for the earliest due time (or for an extra wake-up the owner asks for,
 * used by the monitor to mark hubs stale on time).
 */
export interface SchedulerOptions {
  concurrency: number;
  /** Runs the work for a key; resolves to the delay (ms) before its next run. */
  run: (key: string) => Promise<number>;
  /** Delay after a run that threw (run should not throw; this only keeps the chain alive). */
  errorDelayMs?: number;
  clock?: Clock;
  /** Called on every wake-up; returns the next time it wants to be called, or null. */
  onWake?: (now: number) => number | null;
}

type Phase = 'waiting' | 'ready' | 'running' | 'parked';

interface Entry {
  key: string;
  phase: Phase;
  gen: number;
  paused: boolean;
  /** A refresh was asked for while running: run again as soon as it finishes. */
  again: boolean;
  removed: boolean;
}

export class PollScheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly heap = new MinHeap();
  private ready: Array<{ key: string; gen: number }> = [];
  private readyHead = 0;
  /** Refresh-now requests: served before the ready queue, even while everything is paused. */
  private urgent: Array<{ key: string; gen: number }> = [];
  private urgentHead = 0;
  private running = 0;
  private concurrency: number;
  private pausedAll = false;
  private stopped = false;
  private timer: unknown = null;
  private timerAt = Infinity;
  private wakeAtTime = Infinity;
  private readonly clock: Clock;

  constructor(private readonly options: SchedulerOptions) {
    this.concurrency = Math.max(1, Math.floor(options.concurrency));
    this.clock = options.clock ?? systemClock;
  }

  get inFlight(): number {
    return this.running;
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  isPaused(key: string): boolean {
    return this.entries.get(key)?.paused ?? false;
  }

  get allPaused(): boolean {
    return this.pausedAll;
  }

  /** Start scheduling a key; its first run is `delayMs` from now. */
  add(key: string, delayMs = 0): void {
    if (this.entries.has(key)) return;
    const entry: Entry = { key, phase: 'parked', gen: 0, paused: false, again: false, removed: false };
    this.entries.set(key, entry);
    this.scheduleIn(entry, delayMs);
    this.pump();
  }

  /** Stop scheduling a key; a run in flight finishes but is not followed by another. */
  remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.removed = true;
    entry.gen += 1;
    this.entries.delete(key);
  }

  pause(key: string): void {
    const entry = this.entries.get(key);
    if (!entry || entry.paused) return;
    entry.paused = true;
    if (entry.phase !== 'running') this.park(entry);
  }

  resume(key: string, delayMs = 0): void {
    const entry = this.entries.get(key);
    if (!entry || !entry.paused) return;
    entry.paused = false;
    if (entry.phase === 'parked') this.scheduleIn(entry, delayMs);
    this.pump();
  }

  pauseAll(): void {
    this.pausedAll = true;
  }

  resumeAll(): void {
    this.pausedAll = false;
    this.pump();
  }

  /** Run a key as soon as a slot is free (refresh now). On a paused key (or all paused), once. */
  runNow(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    if (entry.phase === 'running') {
      entry.again = true;
      return;
    }
    // A fresh generation invalidates its slot in the ready queue or heap: it runs from `urgent`.
    entry.gen += 1;
    entry.phase = 'ready';
    this.urgent.push({ key: entry.key, gen: entry.gen });
    this.pump();
  }

  setConcurrency(concurrency: number): void {
    this.concurrency = Math.max(1, Math.floor(concurrency));
    this.pump();
  }

  /** Ask for an extra wake-up at `time` (the earliest request wins until it fires). */
  wakeAt(time: number): void {
    if (time < this.wakeAtTime) {
      this.wakeAtTime = time;
      this.arm();
    }
  }

  /** Stop for good: no timer, no new runs (runs in flight finish; their results are dropped). */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Infinity;
    this.heap.clear();
    this.ready = [];
    this.readyHead = 0;
    this.urgent = [];
    this.urgentHead = 0;
    for (const entry of this.entries.values()) entry.gen += 1;
  }

  private park(entry: Entry): void {
    entry.gen += 1; // invalidates its heap item or queue slot
    entry.phase = 'parked';
  }

  private scheduleIn(entry: Entry, delayMs: number): void {
    if (this.stopped) return;
    entry.gen += 1;
    if (delayMs <= 0) {
      this.makeReady(entry);
      return;
    }
    entry.phase = 'waiting';
    this.heap.push({ key: entry.key, dueAt: this.clock.now() + delayMs, gen: entry.gen });
  }

  private makeReady(entry: Entry): void {
    entry.gen += 1;
    entry.phase = 'ready';
    this.ready.push({ key: entry.key, gen: entry.gen });
  }

  private slotEntry(slot: { key: string; gen: number }): Entry | undefined {
    const entry = this.entries.get(slot.key);
    return entry && entry.gen === slot.gen && entry.phase === 'ready' ? entry : undefined;
  }

  private nextUrgent(): Entry | undefined {
    while (this.urgentHead < this.urgent.length) {
      const entry = this.slotEntry(this.urgent[this.urgentHead++]!);
      if (entry) return entry;
    }
    this.urgent = [];
    this.urgentHead = 0;
    return undefined;
  }

  private nextReady(): Entry | undefined {
    while (this.readyHead < this.ready.length) {
      const entry = this.slotEntry(this.ready[this.readyHead++]!);
      if (entry && !entry.paused) return entry;
    }
    // Compact once drained so the array does not grow for ever.
    this.ready = [];
    this.readyHead = 0;
    return undefined;
  }

  private pump(): void {
    if (this.stopped) return;
    const now = this.clock.now();
    // Move every due item to the ready queue, in due order.
    for (let top = this.heap.peek(); top && top.dueAt <= now; top = this.heap.peek()) {
      this.heap.pop();
      const entry = this.entries.get(top.key);
      if (entry && entry.gen === top.gen && entry.phase === 'waiting') this.makeReady(entry);
    }
    // Refreshes first (they run even while paused), then regular runs unless all are paused.
    while (this.running < this.concurrency) {
      const entry = this.nextUrgent() ?? (this.pausedAll ? undefined : this.nextReady());
      if (!entry) break;
      this.start(entry);
    }
    if (this.options.onWake && now >= this.wakeAtTime) {
      this.wakeAtTime = Infinity;
      const next = this.options.onWake(now);
      if (next !== null && next < this.wakeAtTime) this.wakeAtTime = next;
    }
    this.arm();
  }

  private arm(): void {
    if (this.stopped) return;
    // Skip stale items at the top so the timer is not armed for a cancelled run.
    for (let top = this.heap.peek(); top; top = this.heap.peek()) {
      const entry = this.entries.get(top.key);
      if (entry && entry.gen === top.gen && entry.phase === 'waiting') break;
      this.heap.pop();
    }
    const dueAt = this.pausedAll ? Infinity : (this.heap.peek()?.dueAt ?? Infinity);
    const target = Math.min(dueAt, this.wakeAtTime);
    if (target === Infinity) return;
    // An armed timer that fires earlier than needed is kept (it re-arms); only re-arm for earlier.
    if (this.timer !== null && this.timerAt <= target) return;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timerAt = target;
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = null;
        this.timerAt = Infinity;
        this.pump();
      },
      Math.max(0, target - this.clock.now()),
    );
  }

  private start(entry: Entry): void {
    entry.phase = 'running';
    entry.gen += 1;
    this.running += 1;
    let result: Promise<number>;
    try {
      result = this.options.run(entry.key);
    } catch {
      result = Promise.resolve(this.options.errorDelayMs ?? 5000);
    }
    result.then(
      (delay) => this.finish(entry, delay),
      () => this.finish(entry, this.options.errorDelayMs ?? 5000),
    );
  }

  private finish(entry: Entry, delayMs: number): void {
    this.running -= 1;
    if (this.stopped) return;
    if (!entry.removed) {
      if (entry.again) {
        entry.again = false;
        entry.gen += 1;
        entry.phase = 'ready';
        this.urgent.push({ key: entry.key, gen: entry.gen });
      } else if (entry.paused) {
        this.park(entry);
      } else {
        this.scheduleIn(entry, Number.isFinite(delayMs) ? delayMs : (this.options.errorDelayMs ?? 5000));
      }
    }
    this.pump();
  }
}
