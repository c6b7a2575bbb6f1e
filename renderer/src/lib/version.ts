import type { OnlineInfo, VersionEntry } from '../../../electron/shared/domain';

/**
 * Version strings are `major.minor.build` on every hub seen so far, but nothing guarantees it.
 * Numeric segments compare as numbers, anything else falls back to a string comparison so an
 * odd suffix never throws or sorts randomly.
 */
const compared = new Map<string, number>();

/** Memoised: a fleet has a handful of distinct versions, compared on every summary update. */
export function compareVersions(a: string, b: string): number {
  const key = `${a}\u0000${b}`;
  let order = compared.get(key);
  if (order === undefined) {
    if (compared.size > 2000) compared.clear();
    order = compareUncached(a, b);
    compared.set(key, order);
  }
  return order;
}

function compareUncached(a: string, b: string): number {
  const pa = a.trim().split(/[.\-+]/);
  const pb = b.trim().split(/[.\-+]/);
  const length = Math.max(pa.length, pb.length);
  for (let i = 0; i < length; i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x) ? Number(x) : Number.NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : Number.NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) {
      if (nx !== ny) return nx < ny ? -1 : 1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

export type VersionStatus = 'up-to-date' | 'update-available' | 'pre-release-available' | 'unknown';

/**
 * What a technician wants to know at a glance: is there something newer to install?
 * The hub's own `is-newest` is used only when the versions cannot be compared, because a hub
 * that has not checked online for a while may still claim to be newest.
 */
export function versionStatus(
  status: { version: string | null; online: OnlineInfo | null } | null | undefined,
): VersionStatus {
  if (!status) return 'unknown';
  const installed = status.version;
  const newest: VersionEntry | null = status.online?.newest ?? null;
  if (installed && newest?.version) {
    const order = compareVersions(newest.version, installed);
    if (order <= 0) return 'up-to-date';
    return newest.preRelease ? 'pre-release-available' : 'update-available';
  }
  const isNewest = status.online?.isNewest;
  if (isNewest === true) return 'up-to-date';
  if (isNewest === false) return newest?.preRelease ? 'pre-release-available' : 'update-available';
  return 'unknown';
}
