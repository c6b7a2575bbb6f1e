import type { HistoryPage, UpdateStatus } from '../shared/domain';
import { versionStatus, type VersionStatus } from '../shared/version-status';
import { formatColumns, formatLocalDate, formatLocalTime, formatTable, progressBar } from './output';

/** Human renderings of a hub's update service for `status` and `history`. */

/** The state names, and bits no documentation names kept visible: never shown as idle. */
export function describeState(state: { hex: string; names: readonly string[]; unknownBits: number }): string {
  if (state.names.length === 0) return `unknown state (${state.hex})`;
  const parts: string[] = [...state.names];
  if (state.unknownBits !== 0) parts.push(`unknown bits 0x${state.unknownBits.toString(16)}`);
  return `${parts.join(' + ')} (${state.hex})`;
}

/** The one up-to-date rule (shared/version-status), in the words of this table. */
const VERDICT: Record<VersionStatus, string | null> = {
  'up-to-date': 'installed',
  'update-available': 'UPDATE AVAILABLE',
  // The line already says "pre-release" for such an entry.
  'pre-release-available': 'UPDATE AVAILABLE',
  unknown: null,
};

function newestLine(s: UpdateStatus): string | null {
  const newest = s.online?.newest;
  if (!newest) return null;
  const details: string[] = [];
  if (newest.preRelease) details.push('pre-release');
  const released = formatLocalDate(newest.releasedAt);
  if (released) details.push(`released ${released}`);
  const verdict = VERDICT[versionStatus(s)];
  if (verdict) details.push(verdict);
  return `${newest.version}${details.length ? `  (${details.join(', ')})` : ''}`;
}

function onlineCheckLine(s: UpdateStatus): string | null {
  const o = s.online;
  if (!o) return 'no online update information from this hub';
  const when = formatLocalTime(o.checkedAt) ?? 'never';
  const result = o.checkResult === null || o.checkResult === 0 ? '' : `, check failed with code ${o.checkResult}`;
  return `${when}${result}`;
}

function settingsLine(s: UpdateStatus): string | null {
  const o = s.online;
  const bits: string[] = [];
  if (s.updateEnabled !== null) bits.push(s.updateEnabled ? 'upgrades allowed' : 'upgrades DISABLED');
  if (o?.checkEnabled != null) bits.push(o.checkEnabled ? 'online check on' : 'online check off');
  if (o?.includePreRelease != null) bits.push(o.includePreRelease ? 'pre-releases included' : 'releases only');
  return bits.length ? bits.join(', ') : null;
}

export function renderStatus(hub: string, s: UpdateStatus): string {
  const downloading = s.state.names.includes('downloading');
  let progress: string | null = null;
  if (downloading && s.progress !== null) {
    progress = progressBar(s.progress);
    if (s.progressRaw !== null && s.progressRaw !== s.progress) progress += `  (hub reported ${s.progressRaw})`;
  }
  const reason = s.online?.updateResult != null ? `hub error code ${s.online.updateResult}` : 'the hub gave no reason';
  const failed = s.state.names.includes('failed') ? `the update failed (${reason})` : null;
  const rows: Array<readonly [string, string | null]> = [
    ['Hub', hub],
    ['State', describeState(s.state)],
    ['Progress', progress],
    ['Failure', failed],
    ['Installed', s.version ?? 'unknown'],
    ['Newest', newestLine(s)],
    ['Last check', onlineCheckLine(s)],
    ['Settings', settingsLine(s)],
    ['OS', s.osName],
    ['Info', s.info ? s.info : null],
    ['History', s.history ? historySummary(s.history) : null],
  ];
  return `${formatTable(rows)}\n`;
}

function historySummary(h: HistoryPage): string {
  if (h.entries.length === 0) return `no entries at ${h.start}${h.total === null ? '' : ` of ${h.total}`}`;
  const last = h.start + h.entries.length - 1;
  return `versions #${h.start}–#${last}${h.total === null ? '' : ` of ${h.total}`} (hubkeeper history --all for every one)`;
}

export function renderHistory(hub: string, h: HistoryPage | null): string {
  if (h === null) return `${hub}: the hub reports no published versions (online checking off, or older firmware).\n`;
  const header =
    h.entries.length === 0
      ? `${hub}: no published versions${h.total === null ? '' : ` (total ${h.total})`}`
      : `${hub}: published versions #${h.start}–#${h.start + h.entries.length - 1}${h.total === null ? '' : ` of ${h.total}`}, newest first`;
  if (h.entries.length === 0) return `${header}\n`;
  const rows = [
    ['#', 'Version', 'Released', 'Pre-release', 'SHA-256'],
    ...h.entries.map((e, i) => [
      String(h.start + i),
      e.version,
      formatLocalDate(e.releasedAt) ?? '-',
      e.preRelease === null ? '-' : e.preRelease ? 'yes' : 'no',
      e.digest ?? '-',
    ]),
  ];
  const missing =
    h.total !== null && h.start === 0 && h.entries.length < h.total
      ? `\nThe hub served only ${h.entries.length} of ${h.total} versions.`
      : '';
  return `${header}\n${formatColumns(rows)}${missing}\n`;
}
