import { DamageLog, type DamagedFile } from '../data-folder';
import { probeCertificate } from '../hub/tls-probe';
import { InventoryStore } from '../inventory';
import { createDiscoveryService } from '../discovery/discovery-service';
import { Monitor, type MonitorListener } from '../monitor/monitor';
import { stopMonitoring } from '../monitor/stop-monitoring';
import { SessionPool } from '../sessions/session-pool';
import { HubStore } from '../store/hub-store';
import { StoreRecorder } from '../store/recorder';
import { readTimeline } from '../store/timeline';
import { fail, ok, type AppError } from '../../shared/errors';
import type { MonitorConfig } from '../../shared/monitor';
import type { CredentialProvider } from '../sessions/credential-provider';
import { hardwareAddressObserver, type HardwareAddressObserver } from '../sessions/hardware-address';
import { systemNeighbourLookup } from '../sessions/neighbour-table';
import { keychainCredentials } from './keychain-credentials';
import { createDispatcher, type Dispatcher } from './dispatcher';
import { buildDiagnosticsText } from './diagnostics';
import { logBackendEvents, withLoginLog, withSweepLog } from './event-log';
import { historyPort } from './history-port';
import type { Log } from './log';
import { monitorPort } from './monitor-port';
import { FixedScope } from './fixed-scope';
import type { HubScope } from './hub-scope';
import type { HostPort, SecretStore, Services } from './ports';
import { reportPort } from './report-port';
import { SettingsService } from './settings-service';
import { VisitBook } from '../visits/visit-book';
import type { SessionTarget } from '../sessions/session-target';
import { VisitScope } from './visit-scope';
import { BundleLibrary, type BundleDeviceSource } from '../bundles';
import { bundlesPort, type BundlesPort } from './bundles-port';
import { DeviceReader, poolDeviceSource } from '../devices';

/**
 * Parts of the backend beyond polling and recording hub statuses, each built unless turned off.
 * The app and the browser preview keep both; `hubkeeper watch` shows and records hub statuses
 * only, so it turns both off and opens, follows and asks for nothing else.
 */
export interface BackendFeatures {
  /**
   * Offline review bundles: the data folder's `bundles/` opened and followed for other processes'
   * changes. Off: no bundle folder is touched and the bundle calls answer UNAVAILABLE.
   */
  bundles: boolean;
  /**
   * Managed devices: the device lists of the hubs in scope read on their interval and kept. Off:
   * no device list request is ever sent and the device calls answer UNAVAILABLE.
   */
  devices: boolean;
}

export interface BackendOptions {
  /** The data folder: inventory, settings, store (last-known states, timelines, versions). */
  dataDir: string;
  secrets: SecretStore;
  host: HostPort;
  log: Log;
  /**
   * Where the hub events go (hub failures, logins, certificate changes, sweeps, update outcomes;
   * event-log.ts). Default: `log`. The CLI sends them to its log file only: its terminal shows
   * the same events its own way, and `log` there is for warnings the user must read.
   */
  eventLog?: Log;
  /** What to build besides polling (default: everything). */
  features?: Partial<BackendFeatures>;
  /** Check results against the contract (tests, unpackaged runs). */
  checkResults?: boolean;
  /** Start polling at once (default true). */
  startMonitor?: boolean;
  /** What answers at a hub's address (default: this computer's neighbour table); tests inject one. */
  observeHardwareAddress?: HardwareAddressObserver;
  /** Where damaged files moved aside are collected (main shares it with the secret store). */
  damage?: DamageLog;
  /** Device lists to put into exported site bundles, once a device store exists (optional). */
  bundleDevices?: BundleDeviceSource;
  /**
   * Where hub passwords come from (default: those remembered in `secrets`, each only for the
   * certificate and device it was saved for). `hubkeeper watch`: the one typed for this run.
   */
  credentials?: CredentialProvider;
  /**
   * Poll these hubs, and only these, for as long as the backend runs (`hubkeeper watch`: a site's
   * hubs or hubs given by address). Default: the hubs of the sites visited in the app, which
   * the visit book records; with a fixed list the visit book is neither read nor written.
   */
  fixedHubs?: readonly SessionTarget[];
  /** Polling settings for this run instead of the data folder's (the CLI's flags; absent ones take the defaults). */
  monitorConfig?: Partial<MonitorConfig>;
  /** Bound on each hub request (default: the session pool's). */
  requestTimeoutMs?: number;
  /** The log's recent lines and folder, for the diagnostics text (none: no log lines shown). */
  logSource?: { folder: string | null; tail(count: number): string[] };
}

export interface Backend {
  dispatcher: Dispatcher;
  services: Services;
  /** Start polling (when created with `startMonitor: false`, e.g. to seed a demo first). */
  startMonitor(): void;
  /** Every change and timeline event of the monitor as it happens (the CLI's live view). */
  subscribe(listener: MonitorListener): () => void;
  /**
   * Stop polling, write what is pending, log out of every hub and close every socket, within
   * about 2 s whatever the hubs and the disk do. Idempotent: every call returns the same promise.
   */
  stop(): Promise<void>;
}

/** The data folder or its inventory cannot be used: nothing was started. `reason` says why, with its code. */
export class BackendOpenError extends Error {
  constructor(
    message: string,
    readonly reason: AppError,
  ) {
    super(message);
    this.name = 'BackendOpenError';
  }
}

/**
 * The composition root of the backend: the one place that builds the real core services over a
 * data folder and connects them (inventory → sessions → monitor → store), then hands them to the
 * dispatcher. Plain Node: main (Electron), the browser preview (web/preview.ts) and `hubkeeper
 * watch` all call it, each with its own secret store, host and log; watch also with its own
 * credentials, polling settings and fixed list of hubs.
 */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const { dataDir, secrets, host, log } = options;
  const eventLog = options.eventLog ?? log;
  const features: BackendFeatures = { bundles: true, devices: true, ...options.features };
  const startedAt = new Date().toISOString();

  // Every damaged file moved aside is logged with its paths and shown once in the window.
  const damage = options.damage ?? new DamageLog();
  const logDamaged = (d: DamagedFile): void => log.warn('damaged file moved aside', { ...d });
  for (const d of damage.list()) logDamaged(d);
  const offDamage = damage.onRecord(logDamaged);
  const onDamaged = damage.record;

  const opened = await HubStore.open(dataDir, { onDamaged });
  if (!opened.ok) throw new BackendOpenError(`The data folder cannot be used: ${opened.error.message}`, opened.error);
  const store = opened.value;
  const settings = await SettingsService.open(dataDir, { onDamaged });
  const inventory = await InventoryStore.open(dataDir, { onDamaged });
  if (!inventory.ok)
    throw new BackendOpenError(`The inventory cannot be read: ${inventory.error.message}`, inventory.error);
  const inventoryPort = inventory.value;
  // The CLI may change the inventory while the app runs: follow the file.
  const stopWatchingInventory = inventoryPort.watch((error) =>
    log.warn('re-reading the inventory after another process changed it failed', { error }),
  );

  // Sessions: one client per hub; passwords come from the keychain when remembered (only to the
  // hub they are bound to), else from an explicit login (kept in that client's memory only).
  const pool = new SessionPool({
    credentials: options.credentials ?? keychainCredentials(secrets, log),
    timeoutMs: options.requestTimeoutMs,
    observeHardwareAddress: options.observeHardwareAddress ?? hardwareAddressObserver(systemNeighbourLookup()),
  });

  const monitor = new Monitor({ poller: pool, config: options.monitorConfig ?? settings.get().monitor });
  const recorder = new StoreRecorder(store, monitor, { onError: (error) => log.warn('store write failed', { error }) });

  // Only hubs in scope get a session and a place in the monitor: those of visited sites
  // (visit-scope.ts), or the fixed list of this run (fixed-scope.ts).
  const scopeDeps = { inventory: inventoryPort, pool, monitor, store, log };
  const visits: HubScope = options.fixedHubs
    ? new FixedScope({ ...scopeDeps, targets: options.fixedHubs })
    : new VisitScope({ ...scopeDeps, book: await VisitBook.open(dataDir, { onDamaged }) });
  await visits.sync();
  const offInventory = inventoryPort.onChange(() => {
    visits
      .inventoryChanged()
      .catch((error: unknown) => log.error('syncing hubs after an inventory change failed', { error }));
  });

  // Managed devices: read from visited hubs only, through their pooled sessions (core/devices).
  const devices = features.devices
    ? new DeviceReader({
        read: poolDeviceSource(pool),
        store,
        inScope: () => pool.hubIds(),
        knownHubs: () => inventoryPort.get().hubs.map((h) => h.id),
        isOffline: (hubId) => monitor.get(hubId)?.offline ?? false,
        lastStatusAt: (hubId) => monitor.get(hubId)?.lastSuccessAt ?? null,
        config: settings.get().monitor,
        log,
      })
    : null;
  const offDeviceSettings = devices ? settings.onChange((s) => devices.configure(s.monitor)) : () => undefined;

  // Opened site bundles: read-only, beside the inventory, never in the pool, monitor or visits.
  let bundles: { port: BundlesPort; stopWatching: () => void } | null = null;
  if (features.bundles) {
    const library = await BundleLibrary.open(dataDir, { onDamaged });
    if (!library.ok) throw new Error(`The bundle folder cannot be used: ${library.error.message}`);
    const port = bundlesPort({
      library: library.value,
      store,
      inventory: () => inventoryPort.get(),
      visitSpan: (id) => visits.span(id),
      // The device lists the reader keeps (only called once a bundle is exported).
      devices: options.bundleDevices ?? (devices ? (hubIds) => devices.list(hubIds) : undefined),
      hubkeeperVersion: host.version,
    });
    // The CLI may open or close bundles while the app runs: follow the folder.
    const stopWatching = library.value.watch(
      () => void port.announce(),
      (error) => log.warn('following the bundle folder failed', { error }),
    );
    bundles = { port, stopWatching };
  }

  const services: Services = {
    inventory: inventoryPort,
    discovery: createDiscoveryService(),
    certs: {
      probe: async (hostName, port) => {
        const probed = await probeCertificate(hostName, port);
        if (!probed.ok) return probed;
        const { fingerprint, subject, issuer, validFrom, validTo } = probed.value;
        return ok({ fingerprint, subject, issuer, validFrom, validTo });
      },
    },
    sessions: {
      login: async (hubId, user, password) => pool.login(hubId, { user, password }),
      loginRemembered: async (hubId) => pool.login(hubId),
      binding: (hubId) => pool.binding(hubId),
      logout: async (hubId) => {
        if (pool.has(hubId)) await pool.logout(hubId);
      },
    },
    monitor: monitorPort(monitor, recorder, { snapshot: () => visits.snapshot() }),
    visits,
    history: historyPort(pool, store),
    timeline: {
      get: async (hubId, limit) => {
        const url = pool.url(hubId);
        if (!url) return fail('NOT_FOUND', 'That hub is not in the inventory.');
        return readTimeline(store, hubId, url, limit);
      },
    },
    reports: reportPort({
      store,
      monitor,
      inventory: () => inventoryPort.get(),
      startedAt,
      visitSpan: (id) => visits.span(id),
    }),
    ...(devices ? { devices } : {}),
    settings,
    secrets,
    host,
    dataFolder: { damagedFiles: () => damage.list() },
    ...(bundles ? { bundles: bundles.port } : {}),
  };
  // Hub failures, logins, certificate changes, sweeps and update outcomes: logged in one place.
  services.discovery = withSweepLog(services.discovery, eventLog);
  services.sessions = withLoginLog(services.sessions, eventLog);
  const offEventLog = logBackendEvents({ monitor: services.monitor, inventory: inventoryPort }, eventLog);
  services.diagnostics = {
    text: () =>
      buildDiagnosticsText({
        host,
        inventory: inventoryPort,
        secrets,
        dataDir,
        logFolder: options.logSource?.folder ?? null,
        logTail: (count) => options.logSource?.tail(count) ?? [],
      }),
  };

  const dispatcher = createDispatcher(services, { log, checkResults: options.checkResults ?? false });
  recorder.start();
  const startPolling = (): void => {
    monitor.start();
    devices?.start();
  };
  if (options.startMonitor ?? true) startPolling();
  log.info('backend started', {
    hubs: inventoryPort.get().hubs.length,
    visited: visits.list().filter((v) => v.visited).length,
  });

  let stopping: Promise<void> | null = null;
  const stop = async (): Promise<void> => {
    offInventory();
    stopWatchingInventory();
    bundles?.stopWatching();
    offDamage();
    dispatcher.dispose();
    offDeviceSettings();
    devices?.stop();
    // Quitting ends every visit; the next start offers to resume them (and sends nothing first).
    const visitsEnded = visits
      .endAll()
      .catch((error: unknown) => log.warn('recording the end of the visits failed', { error }));
    const { flushed, closed } = await stopMonitoring({ monitor, recorder, store, pool }, { writes: [visitsEnded] });
    if (!flushed) log.warn('stopped before every pending write reached the disk (the disk is slow)');
    if (!closed) log.warn('stopped before every hub session was closed');
    // Only now: an update that ended just before the stop is announced once its writes are
    // flushed, and its outcome belongs in the log (Ctrl-C right after "update VERIFIED").
    offEventLog();
    log.info('backend stopped');
  };

  return {
    dispatcher,
    services,
    startMonitor: startPolling,
    subscribe: (listener) => monitor.subscribe(listener),
    stop: () => (stopping ??= stop()),
  };
}
