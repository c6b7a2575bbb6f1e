import type { HistoryPage, UpdateStatus } from '../../shared/domain';
import type { AppError, ErrorCode, Result } from '../../shared/errors';
import { emptyLiveState } from '../../shared/live-state';
import { DEFAULT_MONITOR_CONFIG, type HubChange, type HubLiveState, type MonitorConfig } from '../../shared/monitor';
import { nextUpdateRecord, type TimelineEvent } from '../../shared/timeline';
import { isBusy } from '../../shared/update-state';
import type { HubPoller } from '../sessions/session-pool';
import { isTransportFailure, track } from '../tracking/tracker';
import { DEFAULT_TRACKER_CONFIG, initialTrackerState, type TrackerConfig, type TrackerState } from '../tracking/types';
import { systemClock, type Clock } from './clock';
import { applyChanges } from './diff';
import { backoffMs, fleetIntervals } from './rates';
import { PollScheduler } from './scheduler';
import { isoTime } from '../iso-time';

/** What the monitor tells the outside world. Every callback is optional. */
export interface MonitorListener {
  /** Only the fields that changed, with the time observed. */
  change?(change: HubChange): void;
  /** New timeline events of one hub, oldest first. */
  events?(hubId: string, events: TimelineEvent[]): void;
  /** The hub's full list of published versions was (re)read. */
  versions?(hubId: string, page: HistoryPage, at: string): void;
}

export interface MonitorOptions {
  poller: HubPoller;
  config?: Partial<MonitorConfig>;
  clock?: Clock;
  /** Progress milestones recorded in the timeline (percent). */
  milestones?: readonly number[];
  /** Source of the interval jitter (tests pass a fixed one). */
  random?: () => number;
}

/** State restored from the store when a hub is added (the last-known status and open update). */
export interface RestoredHub {
  live?: HubLiveState | null;
  tracker?: TrackerState | null;
}

/** Errors after which polling stops until the user acts (resume, new password, re-trust). */
const BLOCKING: ReadonlySet<ErrorCode> = new Set([
  'AUTH_FAILED',
  'CERT_CHANGED',
  'TLS_UNTRUSTED',
  'NOT_PERMITTED',
  // Another device at the address, or a plain HTTP login the site forbids: the user decides.
  'DEVICE_CHANGED',
  'HTTP_LOGIN_FORBIDDEN',
]);

/** For the fleet's rate budget: busy hubs poll fast, idle ones slow, failing ones back off. */
type RateClass = 'busy' | 'idle' | 'failing';

interface HubRecord {
  id: string;
  live: HubLiveState;
  tracker: TrackerState;
  lastSuccess: number | null;
  rateClass: RateClass;
  lastSystemAt: number;
  lastVersionsAt: number;
  /** newest version + number of published versions the last full list was read for. */
  versionsKey: string | null;
  userPaused: boolean;
  waiters: Array<() => void>;
  removed: boolean;
}

/**
 * Watches many hubs at once. One PollScheduler drives every hub (timeout chains, at most one
 * request in flight per hub, a global cap); each poll reads the update status (and, at a slower
 * rate, the system status and the full version list), feeds the update tracker, and emits
 * only what changed. Status is never presented as live when it is not: a hub whose last success
 * is older than twice its interval is `stale`, one that fails repeatedly is `offline`.
 */
export class Monitor {
  private readonly hubs = new Map<string, HubRecord>();
  private readonly listeners = new Set<MonitorListener>();
  private readonly scheduler: PollScheduler;
  private readonly clock: Clock;
  private config: MonitorConfig;
  private readonly milestones: readonly number[];
  /** The tracker's settings, built again only when the monitor's settings change (not per poll). */
  private trackerConfig: TrackerConfig;
  private started = false;
  private stopped = false;
  private readonly classCounts: Record<RateClass, number> = { busy: 0, idle: 0, failing: 0 };
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly options: MonitorOptions) {
    this.clock = options.clock ?? systemClock;
    this.config = { ...DEFAULT_MONITOR_CONFIG, ...options.config };
    this.milestones = options.milestones ?? DEFAULT_TRACKER_CONFIG.milestones;
    this.trackerConfig = this.makeTrackerConfig();
    this.scheduler = new PollScheduler({
      concurrency: this.config.concurrency,
      clock: this.clock,
      run: (id) => this.poll(id),
      errorDelayMs: this.config.backoffBaseMs,
      onWake: (now) => this.markStale(now),
    });
  }

  subscribe(listener: MonitorListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get settings(): MonitorConfig {
    return { ...this.config };
  }

  setConfig(patch: Partial<MonitorConfig>): void {
    this.config = { ...this.config, ...patch };
    this.trackerConfig = this.makeTrackerConfig();
    this.scheduler.setConcurrency(this.config.concurrency);
  }

  /** Watch a hub (first poll at once when started), optionally starting from stored state. */
  addHub(hubId: string, restored: RestoredHub = {}): void {
    if (this.hubs.has(hubId)) return;
    const intervals = this.intervals();
    const live: HubLiveState = restored.live
      ? {
          ...restored.live,
          hubId,
          paused: false,
          blockedBy: null,
          intervalMs: restored.live.intervalMs || intervals.idleMs,
        }
      : emptyLiveState(hubId, intervals.idleMs);
    const lastSuccess = live.lastSuccessAt ? Date.parse(live.lastSuccessAt) : null;
    const record: HubRecord = {
      id: hubId,
      live,
      tracker: restored.tracker ?? initialTrackerState(),
      lastSuccess,
      rateClass: 'idle',
      lastSystemAt: -Infinity,
      lastVersionsAt: -Infinity,
      versionsKey: null,
      userPaused: false,
      waiters: [],
      removed: false,
    };
    // Stored figures are as old as they are: stale from the start unless just written.
    if (lastSuccess !== null) live.stale = this.clock.now() - lastSuccess > 2 * live.intervalMs;
    this.hubs.set(hubId, record);
    this.classCounts.idle += 1;
    if (this.started && !this.stopped) this.scheduler.add(hubId);
  }

  removeHub(hubId: string): void {
    const record = this.hubs.get(hubId);
    if (!record) return;
    record.removed = true;
    this.classCounts[record.rateClass] -= 1;
    this.hubs.delete(hubId);
    this.scheduler.remove(hubId);
    record.waiters.splice(0).forEach((w) => w());
  }

  hubIds(): string[] {
    return [...this.hubs.keys()];
  }

  get(hubId: string): HubLiveState | null {
    const record = this.hubs.get(hubId);
    return record ? structuredClone(record.live) : null;
  }

  /** Every hub's current state (for a new subscriber; afterwards it gets changes only). */
  snapshot(): HubLiveState[] {
    return [...this.hubs.values()].map((r) => structuredClone(r.live));
  }

  trackerState(hubId: string): TrackerState | null {
    const record = this.hubs.get(hubId);
    return record ? structuredClone(record.tracker) : null;
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    for (const id of this.hubs.keys()) this.scheduler.add(id);
    this.scheduler.wakeAt(this.clock.now());
  }

  /** Stop polling; resolves when the requests in flight have settled. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.scheduler.stop();
    for (const record of this.hubs.values()) record.waiters.splice(0).forEach((w) => w());
    await Promise.allSettled([...this.inFlight]);
  }

  pause(hubId?: string): void {
    if (hubId === undefined) {
      this.scheduler.pauseAll();
      for (const record of this.hubs.values()) this.emit(record, { paused: true });
      return;
    }
    const record = this.hubs.get(hubId);
    if (!record) return;
    record.userPaused = true;
    this.scheduler.pause(hubId);
    this.emit(record, { paused: true });
  }

  resume(hubId?: string): void {
    if (hubId === undefined) {
      this.scheduler.resumeAll();
      for (const record of this.hubs.values()) {
        if (!record.userPaused) this.emit(record, { paused: false });
      }
      return;
    }
    const record = this.hubs.get(hubId);
    if (!record) return;
    record.userPaused = false;
    // Resuming also lifts a block (the user fixed the password or re-trusted the certificate).
    this.emit(record, { paused: this.scheduler.allPaused, blockedBy: null });
    this.scheduler.resume(hubId);
  }

  /**
   * Poll now, out of turn. Resolves when that poll finished (every hub when no id is given).
   * A paused or blocked hub is polled once and stays paused.
   */
  refresh(hubId?: string): Promise<void> {
    const ids = hubId === undefined ? [...this.hubs.keys()] : [hubId];
    const waits = ids.map((id) => {
      const record = this.hubs.get(id);
      if (!record || !this.started || this.stopped) return Promise.resolve();
      const done = new Promise<void>((resolve) => record.waiters.push(resolve));
      this.scheduler.runNow(id);
      return done;
    });
    return Promise.all(waits).then(() => undefined);
  }

  /** Resolves once every hub has been polled at least once since the monitor started. */
  async firstSweep(): Promise<void> {
    const pending = [...this.hubs.values()].filter((r) => r.live.lastAttemptAt === null || r.waiters.length > 0);
    await Promise.all(pending.map((r) => new Promise<void>((resolve) => r.waiters.push(resolve))));
  }

  // ——— polling ———

  private intervals() {
    return fleetIntervals(this.config, { busy: this.classCounts.busy, idle: this.classCounts.idle });
  }

  private setClass(record: HubRecord, rateClass: RateClass): void {
    if (record.rateClass === rateClass) return;
    this.classCounts[record.rateClass] -= 1;
    this.classCounts[rateClass] += 1;
    record.rateClass = rateClass;
  }

  private poll(hubId: string): Promise<number> {
    const work = this.pollHub(hubId);
    this.inFlight.add(work);
    const settled = (): void => void this.inFlight.delete(work);
    work.then(settled, settled);
    return work;
  }

  private async pollHub(hubId: string): Promise<number> {
    const record = this.hubs.get(hubId);
    if (!record) return this.config.idleMaxMs;
    // Reported with the outcome, in the same change: one small diff per poll, not two.
    const attemptAt = isoTime(this.clock.now());
    const result = await this.options.poller.updateStatus(hubId);
    if (record.removed || this.stopped) return this.config.idleMaxMs;

    let delay: number;
    if (result.ok) delay = await this.onSuccess(record, result.value, attemptAt);
    else delay = this.onFailure(record, result.error, attemptAt);
    if (record.removed || this.stopped) return this.config.idleMaxMs;
    delay *= 1 + (this.options.random ?? Math.random)() * this.config.jitterRatio;

    record.waiters.splice(0).forEach((w) => w());
    return delay;
  }

  private async onSuccess(record: HubRecord, status: UpdateStatus, attemptAt: string): Promise<number> {
    const at = this.clock.now();
    // A hub that was away (restart, outage) or changed version has new system figures (its
    // version among them): read them now rather than showing the old ones for another cycle.
    const systemOutdated =
      record.live.consecutiveFailures > 0 || (record.live.version !== null && record.live.version !== status.version);
    record.lastSuccess = at;
    this.setClass(record, isBusy(status.state) ? 'busy' : 'idle');
    const events = this.observe(record, { at, ok: true, status });
    const intervals = this.intervals();
    const intervalMs = record.rateClass === 'busy' ? intervals.busyMs : intervals.idleMs;
    const changes: Partial<HubLiveState> = {
      lastAttemptAt: attemptAt,
      state: status.state,
      progress: status.progress,
      progressRaw: status.progressRaw,
      version: status.version,
      osName: status.osName,
      updateEnabled: status.updateEnabled,
      online: status.online,
      history: status.history,
      info: status.info,
      lastSuccessAt: isoTime(at),
      stale: false,
      offline: false,
      consecutiveFailures: 0,
      error: null,
      intervalMs,
    };
    if (events.length) changes.update = nextUpdateRecord(record.live.update, events);
    if (record.live.blockedBy) {
      // A refresh got through after the user fixed the cause: polling resumes by itself.
      changes.blockedBy = null;
      if (!record.userPaused) this.scheduler.resume(record.id);
    }
    this.emit(record, changes, at);
    this.publishEvents(record, events);
    // Be woken to mark the figures stale on time, even if a read below or the next poll hangs.
    this.scheduler.wakeAt(at + 2 * intervalMs + 1);

    // Slower, secondary reads, one after the other so the hub never has two requests from us.
    if (systemOutdated || at - record.lastSystemAt >= this.config.systemEveryMs) await this.readSystem(record);
    if (record.rateClass === 'idle' && !record.removed && this.versionsDue(record, status, at))
      await this.readVersions(record, status);
    return intervalMs;
  }

  private onFailure(record: HubRecord, error: AppError, attemptAt: string): number {
    const at = this.clock.now();
    const failures = record.live.consecutiveFailures + 1;
    const transport = isTransportFailure(error);
    const events = this.observe(record, { at, ok: false, error });
    this.setClass(record, 'failing');
    const changes: Partial<HubLiveState> = {
      lastAttemptAt: attemptAt,
      error,
      consecutiveFailures: failures,
      offline: record.live.offline || (transport && failures >= this.config.offlineAfterFailures),
    };
    if (record.lastSuccess !== null) changes.stale = at - record.lastSuccess > 2 * record.live.intervalMs;
    if (events.length) changes.update = nextUpdateRecord(record.live.update, events);
    const blocked = BLOCKING.has(error.code);
    if (blocked) {
      // Hammering a hub with a wrong password can lock the account; a changed certificate must
      // stop all traffic. Wait for the user.
      changes.blockedBy = error.code;
      this.scheduler.pause(record.id);
    }
    this.emit(record, changes, at);
    this.publishEvents(record, events);
    return backoffMs(this.config, failures, record.tracker.open !== null);
  }

  private makeTrackerConfig(): TrackerConfig {
    return {
      milestones: this.milestones,
      offlineAfterFailures: this.config.offlineAfterFailures,
      backTimeoutMs: this.config.backTimeoutMs,
    };
  }

  private observe(record: HubRecord, observation: Parameters<typeof track>[1]): TimelineEvent[] {
    const { state, events } = track(record.tracker, observation, this.trackerConfig);
    record.tracker = state;
    return events;
  }

  private async readSystem(record: HubRecord): Promise<void> {
    const result = await this.options.poller.systemStatus(record.id);
    const at = this.clock.now();
    // Try again at the slow rate even after a failure: the update status is what matters.
    record.lastSystemAt = at;
    if (record.removed || this.stopped || !result.ok) return;
    this.emit(record, { system: result.value, systemAt: isoTime(at) }, at);
  }

  private versionsDue(record: HubRecord, status: UpdateStatus, at: number): boolean {
    if (status.history === null && status.online === null) return false; // online checking off: nothing to list
    return record.versionsKey !== versionsKey(status) || at - record.lastVersionsAt >= this.config.versionsEveryMs;
  }

  private async readVersions(record: HubRecord, status: UpdateStatus): Promise<void> {
    const result: Result<HistoryPage> = await this.options.poller.allVersions(record.id);
    const at = this.clock.now();
    record.lastVersionsAt = at;
    record.versionsKey = versionsKey(status);
    if (record.removed || this.stopped || !result.ok) return;
    for (const l of this.listeners) l.versions?.(record.id, result.value, isoTime(at));
  }

  /** Scheduler wake-up: mark hubs whose figures went old; return the next deadline. */
  private markStale(now: number): number | null {
    let next = Infinity;
    for (const record of this.hubs.values()) {
      if (record.lastSuccess === null || record.live.stale) continue;
      const deadline = record.lastSuccess + 2 * record.live.intervalMs;
      if (now > deadline) this.emit(record, { stale: true }, now);
      else next = Math.min(next, deadline + 1);
    }
    return next === Infinity ? null : next;
  }

  private emit(record: HubRecord, next: Partial<HubLiveState>, at = this.clock.now()): void {
    if (record.removed) return;
    const changes = applyChanges(record.live, next);
    if (!changes || this.listeners.size === 0) return;
    const change: HubChange = { hubId: record.id, at: isoTime(at), changes };
    for (const l of this.listeners) l.change?.(change);
  }

  private publishEvents(record: HubRecord, events: TimelineEvent[]): void {
    if (events.length === 0) return;
    for (const l of this.listeners) l.events?.(record.id, events);
  }
}

function versionsKey(status: UpdateStatus): string {
  return `${status.online?.newest?.version ?? ''}|${status.history?.total ?? ''}`;
}
