import { decodeState } from '../../electron/shared/update-state';
import type { UpdateStatus } from '../../electron/shared/domain';

/** A normalised update status with just the fields the tracker and monitor look at. */
export function status(code: number, version: string | null, newest: string | null, extra: Partial<UpdateStatus> = {}, updateResult = 0): UpdateStatus {
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
            newest: { version: newest, digest: 'a'.repeat(64), preRelease: false, releasedAt: '2023-09-05T03:36:25.000Z' },
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
