import type { Result } from '../../shared/errors';
import { ok } from '../../shared/errors';
import type { MonitorConfig } from '../../shared/monitor';
import type { CredentialProvider } from '../sessions/credential-provider';
import type { HardwareAddressObserver } from '../sessions/hardware-address';
import { SessionPool } from '../sessions/session-pool';
import type { SessionTarget } from '../sessions/session-target';
import type { DamageListener } from '../data-folder';
import { HubStore } from '../store/hub-store';
import { StoreRecorder } from '../store/recorder';
import { Monitor } from './monitor';
import { stopMonitoring } from './stop-monitoring';

export interface MonitoringOptions {
  dataDir: string;
  targets: readonly SessionTarget[];
  credentials: CredentialProvider;
  config?: Partial<MonitorConfig>;
  /** Per-request bound of the hub clients. */
  timeoutMs?: number;
  /** How often changed statuses are written to the store (ms). */
  flushMs?: number;
  onStoreError?: (message: string) => void;
  /** Records each hub's hardware address at login; a re-login to another device is refused. */
  observeHardwareAddress?: HardwareAddressObserver;
  /** Told when a damaged stored file was moved aside. */
  onDamaged?: DamageListener;
}

/**
 * The monitoring stack the app and `hubkeeper watch` share: a SessionPool (one client per hub),
 * the Monitor polling through it, and the StoreRecorder writing what it sees into the data
 * folder. Each hub starts from its last-known stored state (shown stale until it answers), and
 * an update that was in progress when the last run ended is followed on.
 */
export interface Monitoring {
  monitor: Monitor;
  pool: SessionPool;
  store: HubStore;
  recorder: StoreRecorder;
  /**
   * Stop polling, write what is pending, log out of every hub, close every socket: within about
   * 2 s whatever the hubs and the disk do. Idempotent.
   */
  stop(): Promise<void>;
}

export async function openMonitoring(options: MonitoringOptions): Promise<Result<Monitoring>> {
  const opened = await HubStore.open(options.dataDir, { onDamaged: options.onDamaged });
  if (!opened.ok) return opened;
  const store = opened.value;
  const pool = new SessionPool({
    credentials: options.credentials,
    timeoutMs: options.timeoutMs,
    observeHardwareAddress: options.observeHardwareAddress,
  });
  const monitor = new Monitor({ poller: pool, config: options.config });
  for (const target of options.targets) {
    pool.register(target);
    const stored = await store.readStatus(target.hubId);
    // A damaged snapshot only costs the last-known figures; the hub is polled all the same.
    const value = stored.ok ? stored.value : null;
    if (!stored.ok) options.onStoreError?.(stored.error.message);
    monitor.addHub(target.hubId, { live: value?.live ?? null, tracker: value?.tracker ?? null });
  }
  const recorder = new StoreRecorder(store, monitor, {
    flushMs: options.flushMs,
    onError: (e) => options.onStoreError?.(e.message),
  });
  recorder.start();
  let stopping: Promise<void> | null = null;
  return ok({
    monitor,
    pool,
    store,
    recorder,
    stop: () =>
      (stopping ??= stopMonitoring({ monitor, recorder, store, pool }).then(({ flushed }) => {
        if (!flushed) options.onStoreError?.('Stopped before every pending write reached the disk (the disk is slow).');
      })),
  });
}
