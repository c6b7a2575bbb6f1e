import type { AppError } from '../../shared/errors';
import type { HubLiveState } from '../../shared/monitor';
import type { TimelineEvent } from '../../shared/timeline';
import type { HistoryPage } from '../../shared/domain';
import type { TrackerState } from '../tracking/types';
import type { HubStore } from './hub-store';

/** The part of the monitor the recorder reads (so it can be tested without one). */
export interface RecordedSource {
  subscribe(listener: {
    change?(change: { hubId: string }): void;
    events?(hubId: string, events: TimelineEvent[]): void;
    versions?(hubId: string, page: HistoryPage, at: string): void;
  }): () => void;
  get(hubId: string): HubLiveState | null;
  trackerState(hubId: string): TrackerState | null;
}

/**
 * Told after timeline events are on disk (and, for an update's end, the status written with
 * them), with the live state as it was when the events happened. Whoever announces a stored
 * fact (an update's outcome) listens here, not to the monitor: a reader that reacts to the
 * announcement must find the fact in the store.
 */
export type RecordedListener = (hubId: string, events: readonly TimelineEvent[], live: HubLiveState | null) => void;

export interface RecordedEvents {
  onRecorded(listener: RecordedListener): () => void;
}

export interface RecorderOptions {
  /** Status snapshots of changed hubs are written at most this often (ms). Events never wait. */
  flushMs?: number;
  /** Clock for `savedAt` (ISO). */
  now?: () => number;
  onError?: (error: AppError) => void;
}

/**
 * Records what the monitor sees into the store, as the app and `hubkeeper watch` both do:
 * timeline events are appended at once (durably), the full version list when it is read, and
 * the last-known status of changed hubs every `flushMs` (a status changes every second while an
 * update runs; writing it each time would cost a file replace per hub per second for no gain).
 * An update ending flushes at once so the outcome is on disk with its status.
 */
export class StoreRecorder implements RecordedEvents {
  private readonly dirty = new Set<string>();
  private readonly recordedListeners = new Set<RecordedListener>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly flushMs: number;
  private readonly now: () => number;

  constructor(
    private readonly store: HubStore,
    private readonly source: RecordedSource,
    private readonly options: RecorderOptions = {},
  ) {
    this.flushMs = options.flushMs ?? 2000;
    this.now = options.now ?? Date.now;
  }

  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.source.subscribe({
      change: (change) => this.markDirty(change.hubId),
      events: (hubId, events) => {
        // The state the events describe, taken now: later polls may change it before the
        // writes land, and the announcement must match what was written (writeStatus reads
        // the same state synchronously, before its first await).
        const live = this.source.get(hubId);
        const writes: Promise<unknown>[] = [this.store.appendEvents(hubId, events)];
        if (events.some((e) => e.type === 'update-finished')) writes.push(this.writeStatus(hubId));
        writes.forEach((w) => this.track(w as Promise<{ ok: boolean; error?: AppError } | void>));
        // Announced once every write settled: a failed write is reported through onError and
        // still announced (the update did end), but never before the store had its chance.
        void Promise.allSettled(writes).then(() => this.announce(hubId, events, live));
      },
      versions: (hubId, page, at) => {
        this.track(this.store.writeVersions(hubId, { asOf: at, total: page.total, entries: page.entries }));
      },
    });
  }

  onRecorded(listener: RecordedListener): () => void {
    this.recordedListeners.add(listener);
    return () => this.recordedListeners.delete(listener);
  }

  /** Write every changed hub's status now and wait for all writes in flight. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ids = [...this.dirty];
    this.dirty.clear();
    ids.forEach((id) => this.track(this.writeStatus(id)));
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Stop listening and write what is left. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    await this.flush();
  }

  private announce(hubId: string, events: readonly TimelineEvent[], live: HubLiveState | null): void {
    for (const listener of [...this.recordedListeners]) {
      try {
        listener(hubId, events, live);
      } catch (error) {
        this.options.onError?.({
          code: 'INTERNAL',
          hubCode: null,
          message: `A listener of recorded events failed: ${(error as Error)?.message ?? String(error)}`,
        });
      }
    }
  }

  private markDirty(hubId: string): void {
    this.dirty.add(hubId);
    if (this.timer || !this.unsubscribe) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.flushMs);
    this.timer.unref?.();
  }

  private async writeStatus(hubId: string): Promise<void> {
    const live = this.source.get(hubId);
    const tracker = this.source.trackerState(hubId);
    if (!live || !tracker) return;
    const result = await this.store.writeStatus(hubId, { savedAt: new Date(this.now()).toISOString(), live, tracker });
    if (!result.ok) this.options.onError?.(result.error);
  }

  private track(work: Promise<{ ok: boolean; error?: AppError } | void>): void {
    const p = work.then((r) => {
      if (r && !r.ok && r.error) this.options.onError?.(r.error);
    });
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }
}
