import { deriveUpdates, type OutcomeReason, type TimelineEvent, type UpdateRecord } from '../../shared/timeline';
import { versionStatus } from '../../shared/version-status';
import { buildDeviceSections } from './build-devices';
import type { Report, ReportHubInput, ReportInput, ReportRow, ReportSummary } from './model';

/**
 * Turn stored data into report rows. Pure and deterministic: the same input gives the same
 * report (rows sorted by name, then address, then id; no clock, no locale).
 */
export function buildReport(input: ReportInput): Report {
  const from = Date.parse(input.from);
  const to = Date.parse(input.to);
  const rows = input.hubs.map((hub) => buildRow(hub, from, to)).sort(compareRows);
  return {
    site: input.site,
    technician: input.technician,
    from: input.from,
    to: input.to,
    generatedAt: input.generatedAt,
    rows,
    summary: summarise(rows),
    ...buildDeviceSections(input.hubs, rows),
  };
}

function compareRows(a: ReportRow, b: ReportRow): number {
  return cmp(a.name.toLowerCase(), b.name.toLowerCase()) || cmp(a.address, b.address) || cmp(a.hubId, b.hubId);
}

/** Code-point order: the same on every machine, unlike localeCompare. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The installed version at time `t`: the `from` of the first version change after `t`, or the
 * last version read when nothing changed since. Null when nothing was ever read.
 */
function versionAt(events: readonly TimelineEvent[], current: string | null, t: number): string | null {
  for (const e of events) {
    if (e.type === 'version-changed' && Date.parse(e.at) > t) return e.from;
  }
  return current;
}

function buildRow(hub: ReportHubInput, from: number, to: number): ReportRow {
  const live = hub.live;
  const events = hub.events;
  // Updates that overlap the visit: started before its end, and not finished before its start.
  const updates = deriveUpdates(events).filter(
    (u) => Date.parse(u.startedAt) <= to && (u.endedAt === null || Date.parse(u.endedAt) >= from),
  );
  const last = updates.at(-1) ?? null;
  const newest = live?.online?.newest ?? null;
  const digest = newest?.digest ?? hub.published?.find((v) => v.version === newest?.version)?.digest ?? null;
  const current = live?.version ?? null;
  return {
    hubId: hub.hubId,
    name: hub.name || hub.address,
    address: hub.address,
    versionBefore: versionAt(events, current, from),
    versionAfter: versionAt(events, current, to),
    newestVersion: newest?.version ?? null,
    newestDigest: digest,
    versionStatus: versionStatus({ version: versionAt(events, current, to), online: live?.online ?? null }),
    state: live?.state ? stateLabel(live.state) : null,
    progress: live?.state?.names.includes('downloading') ? live.progress : null,
    outcome: last?.outcome ?? null,
    outcomeReason: last ? reasonOf(events, last) : null,
    outcomeStartedAt: last?.startedAt ?? null,
    outcomeEndedAt: last?.endedAt ?? null,
    updateResult: last?.updateResult ?? null,
    updates: updates.length,
    observedAt: live?.lastSuccessAt ?? null,
    newestCheckedAt: live?.online?.checkedAt ?? null,
    stale: live?.stale ?? false,
    offline: live?.offline ?? false,
  };
}

/** The reason recorded by the `update-finished` event that closed this update. */
function reasonOf(events: readonly TimelineEvent[], update: UpdateRecord): OutcomeReason | null {
  if (update.endedAt === null) return null;
  const end = events.find(
    (e) =>
      e.type === 'update-finished' &&
      e.at === update.endedAt &&
      e.outcome === update.outcome &&
      e.at >= update.startedAt,
  );
  return end?.type === 'update-finished' ? end.reason : null;
}

export function stateLabel(state: { names: readonly string[]; unknownBits: number; hex: string }): string {
  const names = [...state.names];
  if (state.unknownBits !== 0) names.push(`unknown 0x${state.unknownBits.toString(16)}`);
  return names.length ? names.join('+') : state.hex;
}

function summarise(rows: readonly ReportRow[]): ReportSummary {
  const count = (p: (r: ReportRow) => boolean) => rows.filter(p).length;
  return {
    hubs: rows.length,
    verified: count((r) => r.outcome === 'verified'),
    failed: count((r) => r.outcome === 'failed'),
    unverified: count((r) => r.outcome === 'unverified'),
    inProgress: count((r) => r.outcome === 'in-progress'),
    noUpdate: count((r) => r.outcome === null),
    upToDate: count((r) => r.versionStatus === 'up-to-date'),
    offline: count((r) => r.offline),
  };
}
