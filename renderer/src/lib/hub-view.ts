import type { Hub, HubLiveState } from '../../../electron/shared/contract';
import { isBusy, type StateInfo } from '../../../electron/shared/update-state';
import { versionStatus, type VersionStatus } from '../../../electron/shared/version-status';
import { formatHubUrl } from '../../../electron/shared/hub-origin';

/** How current a hub's figures are; never shown as live when they are not. */
export type Freshness = 'live' | 'stale' | 'offline' | 'restarting' | 'paused' | 'blocked' | 'never' | 'not-visited';

/** Why the monitor cannot read a hub without the user's help. */
export type Access =
  'ok' | 'needs-login' | 'auth-failed' | 'not-permitted' | 'cert-untrusted' | 'cert-changed' | 'device-changed';

/**
 * Pure derivations from a hub's inventory entry and live state, shared by the fleet table, the
 * summary bar, the filters and the detail page so they can never disagree.
 */

/** How the hub is addressed: scheme, host and port of the endpoint the backend uses first. */
export function hubAddress(hub: Pick<Hub, 'address' | 'endpoints'>): string {
  const first = hub.endpoints[0];
  if (!first) return hub.address.includes(':') ? `[${hub.address}]` : hub.address;
  return formatHubUrl({ scheme: first.scheme, host: hub.address, port: first.port });
}

export function hubLabel(hub: Pick<Hub, 'name' | 'address' | 'endpoints'>): string {
  return hub.name || hubAddress(hub);
}

/**
 * A hub that stopped answering because it is restarting into an update it announced: not a
 * fault (yet). The monitor still calls it offline; shown as "restarting" (not live, as of the
 * last read) until it is back or the update times out as unverified, which then reads offline.
 */
export function isExpectedRestart(live: HubLiveState | undefined): boolean {
  return (
    !!live &&
    live.offline &&
    live.update?.outcome === 'in-progress' &&
    (live.state?.names.includes('restarting') ?? false)
  );
}

/**
 * `visited` false: the hub's site is not being visited, so nothing is polled and its figures are
 * the last-known ones, whatever they were when it was last read.
 */
export function freshnessOf(live: HubLiveState | undefined, visited = true): Freshness {
  if (!visited) return 'not-visited';
  if (!live) return 'never';
  if (isExpectedRestart(live)) return 'restarting';
  if (live.offline) return 'offline';
  // Stopped by the monitor (login or certificate needed) reads differently from paused by the user.
  if (live.blockedBy) return live.lastSuccessAt ? 'blocked' : 'never';
  if (live.paused) return live.lastSuccessAt ? 'paused' : 'never';
  if (live.stale) return 'stale';
  return live.lastSuccessAt ? 'live' : 'never';
}

/** The hub's own "wrong password" / "no such user" numbers, both families (controlhub-api.md). */
const REFUSED_LOGIN_CODES = new Set([39, 36, -1, 16, -14]);

/**
 * The monitor stops polling a hub it cannot read without the user (`blockedBy`). AUTH_FAILED
 * means a refused password only when the hub said so with its number; without credentials the
 * backend reports AUTH_FAILED carrying the hub's "not logged in" code (or none): a login is
 * needed, nothing was refused.
 */
export function accessOf(_hub: Pick<Hub, 'hasSavedPassword'> | undefined, live: HubLiveState | undefined): Access {
  if (!live) return 'ok';
  const error = live.error;
  const code = live.blockedBy ?? error?.code ?? null;
  switch (code) {
    case 'AUTH_FAILED':
      return error?.hubCode !== null && error?.hubCode !== undefined && REFUSED_LOGIN_CODES.has(error.hubCode)
        ? 'auth-failed'
        : 'needs-login';
    case 'SESSION_EXPIRED':
      return 'needs-login';
    case 'NOT_PERMITTED':
      return 'not-permitted';
    case 'TLS_UNTRUSTED':
      return 'cert-untrusted';
    case 'CERT_CHANGED':
      return 'cert-changed';
    // Another device answers at the address: the user decides by typing the password (or not).
    case 'DEVICE_CHANGED':
      return 'device-changed';
    default:
      return 'ok';
  }
}

export function hubVersionStatus(live: HubLiveState | undefined): VersionStatus {
  return versionStatus(live ?? null);
}

export function isFailed(live: HubLiveState | undefined): boolean {
  if (!live) return false;
  if (live.state?.names.includes('failed')) return true;
  return live.update?.outcome === 'failed';
}

export function isUpdating(live: HubLiveState | undefined): boolean {
  if (!live) return false;
  if (live.update?.outcome === 'in-progress') return true;
  // The wire type says `string[]`; isBusy only compares names, unknown ones never match.
  return live.state ? isBusy(live.state as StateInfo) : false;
}

export function isOffline(live: HubLiveState | undefined): boolean {
  return live?.offline === true && !isExpectedRestart(live);
}

/** Something a technician has to look at: a blocked login, a failure, old or odd data. */
export function needsAttention(
  hub: Pick<Hub, 'hasSavedPassword'> | undefined,
  live: HubLiveState | undefined,
): boolean {
  if (!live) return true;
  if (accessOf(hub, live) !== 'ok') return true;
  if (isOffline(live) || (live.stale && !isExpectedRestart(live))) return true;
  if (isFailed(live)) return true;
  if (live.update?.outcome === 'unverified') return true;
  const state = live.state;
  if (state && (state.unknownBits !== 0 || state.names.includes('unavailable'))) return true;
  return false;
}

export type QuickFilter =
  'all' | 'up-to-date' | 'update-available' | 'updating' | 'failed' | 'offline' | 'attention' | 'not-visited';

/** Hubs of sites not being visited count apart: their last-known figures say nothing about now. */
export function matchesQuickFilter(
  filter: QuickFilter,
  hub: Hub | undefined,
  live: HubLiveState | undefined,
  visited = true,
): boolean {
  if (filter === 'all') return true;
  if (filter === 'not-visited') return !visited;
  if (!visited) return false;
  switch (filter) {
    case 'up-to-date':
      return hubVersionStatus(live) === 'up-to-date';
    case 'update-available': {
      const s = hubVersionStatus(live);
      return s === 'update-available' || s === 'pre-release-available';
    }
    case 'updating':
      return isUpdating(live);
    case 'failed':
      return isFailed(live);
    case 'offline':
      return isOffline(live);
    case 'attention':
      return needsAttention(hub, live);
  }
}

export interface FleetSummary {
  total: number;
  upToDate: number;
  updateAvailable: number;
  updating: number;
  failed: number;
  offline: number;
  attention: number;
  /** Hubs of sites not being visited (counted in `total` and here only). */
  notVisited: number;
}

/** Which summary counts one hub adds to. */
export interface HubClass {
  upToDate: boolean;
  updateAvailable: boolean;
  updating: boolean;
  failed: boolean;
  offline: boolean;
  attention: boolean;
  notVisited: boolean;
}

export function classify(hub: Hub | undefined, live: HubLiveState | undefined, visited = true): HubClass {
  if (!visited) {
    return {
      upToDate: false,
      updateAvailable: false,
      updating: false,
      failed: false,
      offline: false,
      attention: false,
      notVisited: true,
    };
  }
  const vs = hubVersionStatus(live);
  return {
    notVisited: false,
    upToDate: vs === 'up-to-date',
    updateAvailable: vs === 'update-available' || vs === 'pre-release-available',
    updating: isUpdating(live),
    failed: isFailed(live),
    offline: isOffline(live),
    attention: needsAttention(hub, live),
  };
}

export function addUp(classes: Iterable<HubClass>): FleetSummary {
  const summary: FleetSummary = {
    total: 0,
    upToDate: 0,
    updateAvailable: 0,
    updating: 0,
    failed: 0,
    offline: 0,
    attention: 0,
    notVisited: 0,
  };
  for (const c of classes) {
    summary.total++;
    if (c.upToDate) summary.upToDate++;
    if (c.updateAvailable) summary.updateAvailable++;
    if (c.updating) summary.updating++;
    if (c.failed) summary.failed++;
    if (c.offline) summary.offline++;
    if (c.attention) summary.attention++;
    if (c.notVisited) summary.notVisited++;
  }
  return summary;
}

export function summarize(
  ids: readonly string[],
  hubs: ReadonlyMap<string, Hub>,
  live: ReadonlyMap<string, HubLiveState>,
  isVisited: (hubId: string) => boolean = () => true,
): FleetSummary {
  return addUp(ids.map((id) => classify(hubs.get(id), live.get(id), isVisited(id))));
}
