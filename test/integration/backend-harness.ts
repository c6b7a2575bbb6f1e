import path from 'node:path';
import { createBackend, type Backend, type BackendOptions } from '../../electron/core/app/backend';
import { silentLog } from '../../electron/core/app/log';
import { MemorySecretStore } from '../../electron/core/app/memory-secret-store';
import type { SecretStore } from '../../electron/core/app/ports';
import type { HubLiveState } from '../../electron/shared/monitor';
import { createWebHost } from '../../electron/web/web-host';

/**
 * The app's backend over a test data folder, as the browser preview builds it: the web host
 * (saves go to `<dataDir>/saved`), passwords in memory, results checked against the contract,
 * nothing logged. `overrides` change any option (a capturing log, `startMonitor: false`, a fixed
 * list of hubs as `hubkeeper watch` gives, fixed credentials).
 */
export async function openTestBackend<S extends SecretStore = MemorySecretStore>(
  dataDir: string,
  overrides: Partial<Omit<BackendOptions, 'secrets'>> & { secrets?: S | undefined } = {},
): Promise<{ backend: Backend; secrets: S }> {
  // The default S is MemorySecretStore: a caller naming another type passes its store.
  const secrets = overrides.secrets ?? (new MemorySecretStore() as SecretStore as S);
  const backend = await createBackend({
    dataDir,
    host: createWebHost({ outDir: path.join(dataDir, 'saved'), version: '0.0.0-test' }),
    log: silentLog,
    checkResults: true,
    ...overrides,
    secrets,
  });
  return { backend, secrets };
}

/** One hub's live state as the window would get it (null: not known to the backend). */
export function liveStateOf(backend: Backend, hubId: string): HubLiveState | null {
  return backend.services.monitor.snapshot().find((s) => s.hubId === hubId) ?? null;
}
