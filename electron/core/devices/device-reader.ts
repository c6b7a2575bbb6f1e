import pLimit, { type LimitFunction } from 'p-limit';
import { isUpgrading } from '../../shared/device-firmware';
import type { HubDevices, ManagedDevice } from '../../shared/devices';
import type { AppError, Result } from '../../shared/errors';
import type { StoredDevices } from '../store/schemas';
import type { DevicesPort } from './devices-port';
import type { AllDevices } from './read-all-devices';
import type { Log } from '../logging/log';

export interface DeviceReadConfig {
  /** Re-read each visited hub this often. */
  devicesEveryMs: number;
  /** Re-read a hub this often while one of its devices shows an upgrade in progress. */
  devicesUpgradeEveryMs: number;
}

export interface DeviceReaderDeps {
  /** Reads one hub's whole list (paged, bounded). */
  read(hubId: string): Promise<Result<AllDevices>>;
  store: {
    readDevices(hubId: string): Promise<Result<StoredDevices | null>>;
    writeDevices(hubId: string, doc: Omit<StoredDevices, 'schema' | 'hubId'>): Promise<Result<void>>;
  };
  /** The hubs that may get traffic now (the visited ones, as in the session pool). */
  inScope(): readonly string[];
  /** Every hub of the inventory (what `list()` covers by default). */
  knownHubs(): readonly string[];
  /** The monitor has this hub offline: its list is last-known, and the slow read is skipped. */
  isOffline(hubId: string): boolean;
  /** When the monitor last read this hub's status (ISO), to retry a read that failed for want of a session. */
  lastStatusAt(hubId: string): string | null;
  config: DeviceReadConfig;
  log: Log;
  /** Hubs read at once across the fleet (default 4). */
  concurrency?: number;
  /** How often the visit scope is compared (default 1 s; it is a set comparison, no traffic). */
  scopeCheckMs?: number;
  now?: () => Date;
}

interface HubEntry {
  hubId: string;
  asOf: string | null;
  devices: ManagedDevice[] | null;
  truncated: boolean;
  error: AppError | null;
  upgrading: boolean;
  /** The list was read from the hub in this run and the last read succeeded. */
  fresh: boolean;
  inScope: boolean;
  /** The stored list was looked for (once per run). */
  loaded: Promise<void> | null;
  timer: NodeJS.Timeout | null;
  reading: Promise<void> | null;
  /** A refresh asked while a read was running: read once more after it. */
  again: boolean;
  /** When the list was last written to the store (ms), to keep upgrade-rate reads off the disk. */
  storedAt: number;
  storedKey: string;
  /** When the last read failed (ms), null after a success. */
  failedAt: number | null;
}

/** A list read during an upgrade every few seconds is written only when it changed, or this often. */
const STORE_AT_LEAST_EVERY_MS = 60_000;

/**
 * Failures that end when the hub answers the monitor again (it was away, or nobody had logged
 * in yet): the list is read again after the monitor's next success instead of a slow interval
 * later, but never more often than RETRY_AFTER_STATUS_MS.
 */
const RETRY_AFTER_STATUS = new Set(['AUTH_FAILED', 'SESSION_EXPIRED', 'UNREACHABLE', 'TIMEOUT']);
const RETRY_AFTER_STATUS_MS = 10_000;

/**
 * Reads the managed devices of visited hubs: when asked (a hub page opened, a refresh), at a
 * slow interval (`devicesEveryMs`, never the status-poll rate), and every few seconds while one
 * of a hub's devices shows an upgrade in progress, until it ends. Hubs outside the visit scope
 * get no traffic; their last-known list (kept in the offline store with its time) is served as
 * stale. A failed read keeps the last-known list and says why (NOT_PERMITTED: this account
 * cannot list devices) without touching anything else. At most `concurrency` hubs at once.
 */
export class DeviceReader implements DevicesPort {
  private readonly hubs = new Map<string, HubEntry>();
  private readonly listeners = new Set<(devices: HubDevices) => void>();
  private readonly limit: LimitFunction;
  private config: DeviceReadConfig;
  private scopeTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly now: () => Date;

  constructor(private readonly deps: DeviceReaderDeps) {
    this.limit = pLimit(deps.concurrency ?? 4);
    this.config = { ...deps.config };
    this.now = deps.now ?? (() => new Date());
  }

  /** Follow the visit scope: hubs entering it are read soon, then on their interval. */
  start(): void {
    if (this.stopped || this.scopeTimer) return;
    this.syncScope();
    this.scopeTimer = setInterval(() => this.syncScope(), this.deps.scopeCheckMs ?? 1000);
    this.scopeTimer.unref?.();
  }

  /** No more reads or timers; reads in flight end with their sockets (the pool closes them). */
  stop(): void {
    this.stopped = true;
    if (this.scopeTimer) clearInterval(this.scopeTimer);
    this.scopeTimer = null;
    for (const entry of this.hubs.values()) this.clearTimer(entry);
    this.limit.clearQueue();
  }

  /** New intervals apply from each hub's next read. */
  configure(config: DeviceReadConfig): void {
    this.config = { devicesEveryMs: config.devicesEveryMs, devicesUpgradeEveryMs: config.devicesUpgradeEveryMs };
  }

  onChange(listener: (devices: HubDevices) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async list(hubIds?: readonly string[]): Promise<HubDevices[]> {
    const ids = hubIds ?? this.deps.knownHubs();
    const entries = ids.map((id) => this.entry(id));
    await Promise.all(entries.map((e) => this.load(e)));
    return entries.map((e) => this.view(e));
  }

  refresh(hubId: string): void {
    if (this.stopped) return;
    const entry = this.entry(hubId);
    entry.inScope = this.deps.inScope().includes(hubId);
    if (!entry.inScope) return;
    this.readSoon(entry);
  }

  /** What the window and the report get for this hub now. */
  private view(entry: HubEntry): HubDevices {
    const stale = entry.devices !== null && (!entry.fresh || !entry.inScope || this.deps.isOffline(entry.hubId));
    return {
      hubId: entry.hubId,
      asOf: entry.asOf,
      devices: entry.devices,
      truncated: entry.truncated,
      error: entry.error,
      upgrading: entry.upgrading && entry.inScope,
      stale,
    };
  }

  private entry(hubId: string): HubEntry {
    let entry = this.hubs.get(hubId);
    if (!entry) {
      entry = {
        hubId,
        asOf: null,
        devices: null,
        truncated: false,
        error: null,
        upgrading: false,
        fresh: false,
        inScope: false,
        loaded: null,
        timer: null,
        reading: null,
        again: false,
        storedAt: 0,
        storedKey: '',
        failedAt: null,
      };
      this.hubs.set(hubId, entry);
    }
    return entry;
  }

  /** The stored list, looked for once per run; a damaged file counts as none (the store moved it aside). */
  private load(entry: HubEntry): Promise<void> {
    entry.loaded ??= this.deps.store.readDevices(entry.hubId).then(
      (stored) => {
        if (!stored.ok) {
          this.deps.log.warn('reading the stored device list failed', { hubId: entry.hubId, error: stored.error });
          return;
        }
        // A read of this run may have finished first: it is newer.
        if (!stored.value || entry.asOf !== null) return;
        entry.asOf = stored.value.asOf;
        entry.devices = stored.value.devices;
        entry.truncated = stored.value.truncated;
        entry.upgrading = stored.value.devices.some(isUpgrading);
        entry.storedKey = JSON.stringify(stored.value.devices);
      },
      (error: unknown) => this.deps.log.warn('reading the stored device list failed', { hubId: entry.hubId, error }),
    );
    return entry.loaded;
  }

  private syncScope(): void {
    if (this.stopped) return;
    const scope = new Set(this.deps.inScope());
    for (const hubId of scope) {
      const entry = this.entry(hubId);
      if (entry.inScope) continue;
      entry.inScope = true;
      // Entering the scope (a visit started): read soon, through the concurrency limit.
      this.readSoon(entry);
    }
    for (const entry of this.hubs.values()) {
      if (entry.inScope && scope.has(entry.hubId)) {
        if (this.shouldRetry(entry)) this.readSoon(entry);
        continue;
      }
      if (!entry.inScope) continue;
      // Leaving the scope: no more reads; what was read stays as last-known.
      entry.inScope = false;
      entry.fresh = false;
      entry.again = false;
      this.clearTimer(entry);
      this.emit(entry);
    }
  }

  /** The read failed for want of a session or an answer, and the monitor has read the hub since. */
  private shouldRetry(entry: HubEntry): boolean {
    if (entry.reading || entry.failedAt === null || !entry.error || !RETRY_AFTER_STATUS.has(entry.error.code))
      return false;
    if (this.now().getTime() - entry.failedAt < RETRY_AFTER_STATUS_MS) return false;
    const statusAt = this.deps.lastStatusAt(entry.hubId);
    return statusAt !== null && Date.parse(statusAt) > entry.failedAt;
  }

  private clearTimer(entry: HubEntry): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
  }

  private schedule(entry: HubEntry, delayMs: number): void {
    this.clearTimer(entry);
    if (this.stopped || !entry.inScope) return;
    entry.timer = setTimeout(() => {
      entry.timer = null;
      // The slow read of an offline hub would only time out: wait for the next one. Upgrades
      // are followed regardless (the hub may be back any second).
      if (!entry.upgrading && this.deps.isOffline(entry.hubId)) this.schedule(entry, this.config.devicesEveryMs);
      else this.readSoon(entry);
    }, delayMs);
    entry.timer.unref?.();
  }

  private readSoon(entry: HubEntry): void {
    if (entry.reading) {
      entry.again = true;
      return;
    }
    this.clearTimer(entry);
    entry.reading = this.limit(() => this.readNow(entry))
      .catch((error: unknown) => this.deps.log.error('reading the device list failed', { hubId: entry.hubId, error }))
      .finally(() => {
        entry.reading = null;
        if (this.stopped || !entry.inScope) return;
        if (entry.again) {
          entry.again = false;
          this.readSoon(entry);
        }
      });
  }

  private async readNow(entry: HubEntry): Promise<void> {
    if (this.stopped || !entry.inScope) return;
    await this.load(entry);
    const result = await this.deps.read(entry.hubId);
    if (this.stopped || !entry.inScope) return;
    if (result.ok) {
      const { devices, truncated, truncatedBecause } = result.value;
      if (truncated) this.deps.log.warn('device list cut at its bound', { hubId: entry.hubId, why: truncatedBecause });
      entry.asOf = this.now().toISOString();
      entry.devices = devices;
      entry.truncated = truncated;
      entry.error = null;
      entry.failedAt = null;
      entry.fresh = true;
      entry.upgrading = devices.some(isUpgrading);
      this.save(entry);
    } else {
      // The last-known list stays; the window shows why it is not current.
      entry.error = result.error;
      entry.failedAt = this.now().getTime();
      entry.fresh = false;
      if (result.error.code !== 'NOT_PERMITTED')
        this.deps.log.info('device list read failed', { hubId: entry.hubId, code: result.error.code });
    }
    this.schedule(entry, entry.upgrading && result.ok ? this.config.devicesUpgradeEveryMs : this.config.devicesEveryMs);
    this.emit(entry);
  }

  private save(entry: HubEntry): void {
    if (!entry.devices || !entry.asOf) return;
    const key = JSON.stringify(entry.devices);
    const nowMs = this.now().getTime();
    // Upgrade-rate reads of an unchanged list stay off the disk for a while; every other read
    // is written, so the stored time is the time of the last read.
    if (entry.upgrading && key === entry.storedKey && nowMs - entry.storedAt < STORE_AT_LEAST_EVERY_MS) return;
    entry.storedKey = key;
    entry.storedAt = nowMs;
    const doc = { asOf: entry.asOf, devices: entry.devices, truncated: entry.truncated };
    void this.deps.store.writeDevices(entry.hubId, doc).then((written) => {
      if (!written.ok)
        this.deps.log.warn('saving the device list failed', { hubId: entry.hubId, error: written.error });
    });
  }

  private emit(entry: HubEntry): void {
    const view = this.view(entry);
    for (const listener of this.listeners) {
      try {
        listener(view);
      } catch (error) {
        this.deps.log.error('a device list listener failed', { error });
      }
    }
  }
}
