import { decodeState } from '../../electron/shared/update-state';
import type { Hub, HubLiveState, Site } from '../../electron/shared/contract';
import type { VersionEntry } from '../../electron/shared/domain';

/** Small builders for renderer tests; every field explicit so a schema change breaks here first. */

export function site(id: string, name = id, defaultUser = ''): Site {
  return { id, name, defaultUser, notes: '' };
}

export function hub(id: string, overrides: Partial<Hub> = {}): Hub {
  return {
    id,
    siteId: 's1',
    name: `Hub ${id}`,
    address: '127.0.0.2',
    endpoints: [{ scheme: 'http', port: 8080, pin: null }],
    notes: '',
    addedAt: '2026-01-01T00:00:00.000Z',
    hasSavedPassword: false,
    ...overrides,
  };
}

export function entry(version: string, preRelease = false): VersionEntry {
  return { version, digest: 'a'.repeat(64), preRelease, releasedAt: '2023-09-05T03:36:25.000Z' };
}

export function live(hubId: string, overrides: Partial<HubLiveState> = {}): HubLiveState {
  return {
    hubId,
    state: decodeState(0),
    progress: 0,
    progressRaw: 0,
    version: '2.1.28',
    osName: 'Debian GNU/Linux 11 (bullseye)',
    updateEnabled: true,
    online: {
      checkedAt: '2023-09-11T02:54:31.000Z',
      checkResult: 0,
      updateResult: 0,
      isNewest: true,
      newest: entry('2.1.28'),
      checkEnabled: true,
      includePreRelease: true,
    },
    history: null,
    info: '',
    system: null,
    lastSuccessAt: new Date().toISOString(),
    lastAttemptAt: new Date().toISOString(),
    systemAt: null,
    stale: false,
    offline: false,
    consecutiveFailures: 0,
    error: null,
    paused: false,
    blockedBy: null,
    intervalMs: 5000,
    update: null,
    ...overrides,
  };
}

/** The stores keep per-hub and per-site lookups in Maps: build one from an id-keyed literal. */
export function idMap<T>(entries: Record<string, T>): Map<string, T> {
  return new Map(Object.entries(entries));
}
