import type { AppError } from '../../../electron/shared/errors';
import type { HubDevices } from '../../../electron/shared/devices';

/**
 * How current a hub's device list is, in the words the Devices tab and the fleet cell use. A
 * last-known list is never shown as current: not visited, stale and failed reads say so.
 * - no-permission: the account cannot list devices (the hub refused; nothing else is wrong);
 * - not-visited: the site is not being visited, so nothing is read; the list is last-known;
 * - never: no list was ever read and no read failed yet;
 * - failed: the last read (or the refresh call) failed for another reason;
 * - stale: the backend marks the list last-known (hub offline, read failed);
 * - current: read completely, as of `asOf`.
 */
export type DevicesStatus = 'current' | 'stale' | 'failed' | 'never' | 'not-visited' | 'no-permission';

export function devicesStatus(
  entry: HubDevices | undefined,
  visited: boolean,
  refreshError: AppError | null = null,
): DevicesStatus {
  const error = entry?.error ?? refreshError;
  if (error?.code === 'NOT_PERMITTED') return 'no-permission';
  if (!visited || error?.code === 'NOT_VISITED') return 'not-visited';
  if (error) return 'failed';
  if (!entry || entry.devices === null) return 'never';
  return entry.stale ? 'stale' : 'current';
}
