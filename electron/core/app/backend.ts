import { DamageLog, type DamagedFile } from '../data-folder';
import { probeCertificate } from '../hub/tls-probe';
import { InventoryStore } from '../inventory';
import { addManually, listLocalSubnets, parseSweepTarget, sweep } from '../discovery';
import { Monitor } from '../monitor/monitor';
import { stopMonitoring } from '../monitor/stop-monitoring';
import { SessionPool } from '../sessions/session-pool';
import { HubStore } from '../store/hub-store';
import { StoreRecorder } from '../store/recorder';
import { readTimeline } from '../store/timeline';
import { fail, ok } from '../../shared/errors';
import { hardwareAddressObserver, type HardwareAddressObserver } from '../sessions/hardware-address';
import { systemNeighbourLookup } from '../sessions/neighbour-table';
import { keychainCredentials } from './keychain-credentials';
import { createDispatcher, type Dispatcher } from './dispatcher';
import { buildDiagnosticsText } from './diagnostics';
import { logBackendEvents, withLoginLog, withSweepLog } from './event-log';
import { historyPort } from './history-port';
import type { Log } from './log';
import { monitorPort } from './monitor-port';
import type { DiscoveryPort, HostPort, SecretStore, Services } from './ports';
import { reportPort } from './report-port';
import { SettingsService } from './settings-service';
import { VisitBook } from '../visits/visit-book';
import { VisitScope } from './visit-scope';

export interface BackendOptions {
  /** The data folder: inventory, settings, store (last-known states, timelines, versions). */
  dataDir: string;
  secrets: SecretStore;
  host: HostPort;
  log: Log;
  /** Check results against the contract (tests, unpackaged runs). */
  checkResults?: boolean;
  /** Start polling at once (default true). */
  startMonitor?: boolean;
  /** What answers at a hub's address (default: this computer's neighbour table); tests inject one. */
  observeHardwareAddress?: HardwareAddressObserver;
  /** Where damaged files moved aside are collected (main shares it with the secret store). */
  damage?: DamageLog;
  /** The log's recent lines and folder, for the diagnostics text (none: no log lines shown). */
  logSource?: { folder: string | null; tail(count: number): string[] };
}

export interface Backend {
  dispatcher: Dispatcher;
  services: Services;
  /** Start polling (when created with `startMonitor: false`, e.g. to seed a demo first). */
  startMonitor(): void;
  /**
   * Stop polling, write what is pending, log out of every hub and close every socket, within
   * about 2 s whatever the hubs and the disk do. Idempotent: every call returns the same promise.
   */
  stop(): Promise<void>;
}

/**
 * The composition root of the backend: the one place that builds the real core services over a
 * data folder and connects them (inventory → sessions → monitor → store), then hands them to the
 * dispatcher. Plain Node: main (Electron) and the web transport both call it, each with its own
 * secret store and host.
 */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const { dataDir, secrets, host, log } = options;
  const startedAt = new Date().toISOString();

  // Every damaged file moved aside is logged with its paths and shown once in the window.
  const damage = options.damage ?? new DamageLog();
  const logDamaged = (d: DamagedFile): void => log.warn('damaged file moved aside', { ...d });
  for (const d of damage.list()) logDamaged(d);
  const offDamage = damage.onRecord(logDamaged);
  const onDamaged = damage.record;

  const opened = await HubStore.open(dataDir, { onDamaged });
  if (!opened.ok) throw new Error(`The data folder cannot be used: ${opened.error.message}`);
  const store = opened.value;
  const settings = await SettingsService.open(dataDir, { onDamaged });
  const inventory = await InventoryStore.open(dataDir, { onDamaged });
  if (!inventory.ok) throw new Error(`The inventory cannot be read: ${inventory.error.message}`);
  const inventoryPort = inventory.value;
  // The CLI may change the inventory while the app runs: follow the file.
  const stopWatchingInventory = inventoryPort.watch((error) =>
    log.warn('re-reading the inventory after another process changed it failed', { error }),
  );

  // Sessions: one client per hub; passwords come from the keychain when remembered (only to the
  // hub they are bound to), else from an explicit login (kept in that client's memory only).
  const pool = new SessionPool({
    credentials: keychainCredentials(secrets, log),
    observeHardwareAddress: options.observeHardwareAddress ?? hardwareAddressObserver(systemNeighbourLookup()),
  });

  const monitor = new Monitor({ poller: pool, config: settings.get().monitor });
  const recorder = new StoreRecorder(store, monitor, { onError: (error) => log.warn('store write failed', { error }) });

  // Only hubs of visited sites get a session and a place in the monitor (see visit-scope.ts).
  const book = await VisitBook.open(dataDir, { onDamaged });
  const visits = new VisitScope({ inventory: inventoryPort, book, pool, monitor, store, log });
  await visits.sync();
  const offInventory = inventoryPort.onChange(() => {
    visits
      .inventoryChanged()
      .catch((error: unknown) => log.error('syncing hubs after an inventory change failed', { error }));
  });

  const discovery: DiscoveryPort = {
    interfaces: () => listLocalSubnets(),
    count: (target, _ports, allowPublic) => {
      const parsed = parseSweepTarget(target, { allowPublic });
      return parsed.ok ? ok({ total: parsed.value.addresses.length }) : parsed;
    },
    sweep: (target, ports, callbacks, allowPublic) =>
      sweep(target, {
        ports,
        allowPublic,
        signal: callbacks.signal,
        onProgress: callbacks.onProgress,
        onHub: callbacks.onHub,
      }),
    manual: (text, signal) => addManually(text, { signal }),
  };

  const services: Services = {
    inventory: inventoryPort,
    discovery,
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
      visitSpan: (id) => book.span(id),
    }),
    settings,
    secrets,
    host,
    dataFolder: { damagedFiles: () => damage.list() },
  };
  // Hub failures, logins, certificate changes, sweeps and update outcomes: logged in one place.
  services.discovery = withSweepLog(services.discovery, log);
  services.sessions = withLoginLog(services.sessions, log);
  const offEventLog = logBackendEvents({ monitor: services.monitor, inventory: inventoryPort }, log);
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
  if (options.startMonitor ?? true) monitor.start();
  log.info('backend started', {
    hubs: inventoryPort.get().hubs.length,
    visited: visits.list().filter((v) => v.visited).length,
  });

  let stopping: Promise<void> | null = null;
  const stop = async (): Promise<void> => {
    offInventory();
    offEventLog();
    stopWatchingInventory();
    offDamage();
    dispatcher.dispose();
    // Quitting ends every visit; the next start offers to resume them (and sends nothing first).
    const visitsEnded = visits
      .endAll()
      .catch((error: unknown) => log.warn('recording the end of the visits failed', { error }));
    const { flushed, closed } = await stopMonitoring({ monitor, recorder, store, pool }, { writes: [visitsEnded] });
    if (!flushed) log.warn('stopped before every pending write reached the disk (the disk is slow)');
    if (!closed) log.warn('stopped before every hub session was closed');
    log.info('backend stopped');
  };

  return {
    dispatcher,
    services,
    startMonitor: () => monitor.start(),
    stop: () => (stopping ??= stop()),
  };
}
