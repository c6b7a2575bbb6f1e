import type { OnlineInfo } from './domain';

/**
 * The one answer to "is this hub up to date?", used by the window, the CLI and the report.
 * Pure, no Node and no DOM, so the renderer imports it as it is.
 *
 * The rule:
 * 1. The installed version and the newest version the hub knows decide when both are known:
 *    the same spelling is up to date (whatever the digests: a hub reports no digest for what is
 *    installed, so a re-published build of the same version is not something to install), and
 *    two versions that read as `major.minor.build[-pre][+build]` are compared semver-ish
 *    (numbers as numbers, missing segments as 0, a pre-release below its release, build
 *    metadata ignored).
 * 2. Only when they cannot be compared (one is unknown, or not a version number) the hub's own
 *    `is-newest` decides. It loses to the versions because it is only as fresh as the hub's
 *    last online check: right after an update it may still say false, and a hub that has not
 *    checked for a while may still say true.
 * 3. Neither known: unknown, never guessed.
 * Something newer that is flagged pre-release is "pre-release available" rather than "update
 * available", so a technician can tell a beta from a release.
 */

export type VersionStatus = 'up-to-date' | 'update-available' | 'pre-release-available' | 'unknown';

export interface ParsedVersion {
  core: number[];
  /** Pre-release identifiers (after `-`), empty for a release. */
  pre: string[];
}

const VERSION = /^[vV]?(\d+(?:\.\d+)*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]*)?$/;
/** Longer than any real version; a number this long would lose precision anyway. */
const MAX_SEGMENT_DIGITS = 15;

/** `major.minor.build[-pre][+build]` (any number of numeric segments), or null. */
export function parseVersion(text: string): ParsedVersion | null {
  const m = VERSION.exec(text.trim());
  if (!m || m[1] === undefined) return null;
  const segments = m[1].split('.');
  if (segments.some((s) => s.length > MAX_SEGMENT_DIGITS)) return null;
  return { core: segments.map(Number), pre: m[2] === undefined ? [] : m[2].split('.') };
}

function cmp(a: number | string, b: number | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparePre(a: readonly string[], b: readonly string[]): number {
  // A release ranks above any of its pre-releases.
  if (a.length === 0 || b.length === 0) return cmp(b.length, a.length);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    const order = nx && ny ? cmp(Number(x), Number(y)) : nx !== ny ? (nx ? -1 : 1) : cmp(x, y);
    if (order !== 0) return order;
  }
  return 0;
}

export function compareParsed(a: ParsedVersion, b: ParsedVersion): number {
  for (let i = 0; i < Math.max(a.core.length, b.core.length); i++) {
    const order = cmp(a.core[i] ?? 0, b.core[i] ?? 0);
    if (order !== 0) return order;
  }
  return comparePre(a.pre, b.pre);
}

/** Memoised: a fleet has a handful of distinct versions, compared on every summary update. */
const compared = new Map<string, number>();

/**
 * A total order for sorting: versions semver-ish as above; text that is not a version sorts
 * below every version, by code point among itself (the same on every machine).
 */
export function compareVersions(a: string, b: string): number {
  const key = `${a}\u0000${b}`;
  let order = compared.get(key);
  if (order === undefined) {
    if (compared.size > 2000) compared.clear();
    const pa = parseVersion(a);
    const pb = parseVersion(b);
    order = pa && pb ? compareParsed(pa, pb) : pa ? 1 : pb ? -1 : cmp(a.trim(), b.trim());
    compared.set(key, order);
  }
  return order;
}

export function versionStatus(
  status: { version: string | null; online: OnlineInfo | null } | null | undefined,
): VersionStatus {
  if (!status) return 'unknown';
  const installed = status.version?.trim() || null;
  const newest = status.online?.newest ?? null;
  const newestVersion = newest?.version.trim() || null;
  const available: VersionStatus = newest?.preRelease ? 'pre-release-available' : 'update-available';
  if (installed !== null && newestVersion !== null) {
    if (installed === newestVersion) return 'up-to-date';
    const a = parseVersion(installed);
    const b = parseVersion(newestVersion);
    if (a && b) return compareParsed(b, a) <= 0 ? 'up-to-date' : available;
  }
  const isNewest = status.online?.isNewest ?? null;
  if (isNewest === true) return 'up-to-date';
  if (isNewest === false) return available;
  return 'unknown';
}
