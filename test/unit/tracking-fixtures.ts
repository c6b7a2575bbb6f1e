import { decodeState } from '../../electron/shared/update-state';
import type { UpdateStatus } from '../../electron/shared/domain';
import type { HubLiveState } from '../../electron/shared/monitor';

/** A normalised update status with just the fields the tracker and monitor look at. */
export function status(
  code: number,
  version: string | null,
  newest: string | null,
  extra: Partial<UpdateStatus> = {},
  updateResult = 0,
): UpdateStatus {
  return {
    state: decodeState(code),
    progress: null,
    progressRaw: null,
    version,
    osName: 'Debian GNU/Linux 11 (bullseye)',
    updateEnabled: true,
    online:
      newest === null
        ? null
        : {
            checkedAt: '2023-09-11T02:54:31.000Z',
            checkResult: 0,
            updateResult,
            isNewest: newest === version,
            newest: {
              version: newest,
              digest: 'a'.repeat(64),
              preRelease: false,
              releasedAt: '2023-09-05T03:36:25.000Z',
            },
            checkEnabled: true,
            includePreRelease: false,
          },
    history: null,
    info: '',
    ...extra,
  };
}

export function downloading(progress: number, version = '2.1.27', newest = '2.1.28'): UpdateStatus {
  return status(0x4, version, newest, { progress, progressRaw: progress });
}

/** A complete live state with plausible values, for store and report tests. */
export function live(hubId: string, extra: Partial<HubLiveState> = {}): HubLiveState {
  return {
    hubId,
    state: { code: 0, hex: '0x0', names: ['idle'], unknownBits: 0 },
    progress: 0,
    progressRaw: 0,
    version: '2.1.27',
    osName: 'Debian',
    updateEnabled: true,
    online: null,
    history: null,
    info: '',
    system: null,
    lastSuccessAt: '2024-01-02T10:00:00.000Z',
    lastAttemptAt: '2024-01-02T10:00:00.000Z',
    systemAt: null,
    stale: false,
    offline: false,
    consecutiveFailures: 0,
    error: null,
    paused: false,
    blockedBy: null,
    intervalMs: 5000,
    update: null,
    ...extra,
  };
}
