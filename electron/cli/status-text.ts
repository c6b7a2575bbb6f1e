import { translator, type Translator } from '../core/i18n';
import type { HistoryPage, UpdateStatus } from '../shared/domain';
import { STATE_NAMES, type StateName } from '../shared/update-state';
import { versionStatus, type VersionStatus } from '../shared/version-status';
import { formatColumns, formatLocalDate, formatLocalTime, formatTable, progressBar } from './output';

/**
 * Human renderings of a hub's update service for `status` and `history`, in the run's language
 * (`cliText(io)`; English when not given).
 */

const ENGLISH = translator('en');

const isStateName = (name: string): name is StateName => (STATE_NAMES as readonly string[]).includes(name);

/** A state name in the run's language (cliHub.state.*); a name it does not know as it is. */
function stateWord(name: string, t: Translator): string {
  return isStateName(name) ? t.t(`cliHub.state.${name}`) : name;
}

/** The state names, and bits no documentation names kept visible: never shown as idle. */
export function describeState(
  state: { hex: string; names: readonly string[]; unknownBits: number },
  t: Translator = ENGLISH,
): string {
  if (state.names.length === 0) return t.t('cliHub.status.unknownState', { hex: state.hex });
  const parts = state.names.map((name) => stateWord(name, t));
  if (state.unknownBits !== 0)
    parts.push(t.t('cliHub.status.unknownBits', { bits: `0x${state.unknownBits.toString(16)}` }));
  return t.t('cliHub.status.stateNames', { names: parts.join(t.t('cliHub.status.stateJoin')), hex: state.hex });
}

/** The one up-to-date rule (shared/version-status), in the words of this table. */
const VERDICT = {
  'up-to-date': 'cliHub.status.verdictInstalled',
  'update-available': 'cliHub.status.verdictUpdate',
  // The line already says "pre-release" for such an entry.
  'pre-release-available': 'cliHub.status.verdictUpdate',
  unknown: null,
} as const satisfies Record<VersionStatus, string | null>;

function newestLine(s: UpdateStatus, t: Translator): string | null {
  const newest = s.online?.newest;
  if (!newest) return null;
  const details: string[] = [];
  if (newest.preRelease) details.push(t.t('version.preRelease'));
  const released = formatLocalDate(newest.releasedAt);
  if (released) details.push(t.t('cliHub.status.released', { date: released }));
  const verdict = VERDICT[versionStatus(s)];
  if (verdict) details.push(t.t(verdict));
  return details.length
    ? t.t('cliHub.status.newest', { version: newest.version, details: details.join(t.t('cliCommon.listSeparator')) })
    : newest.version;
}

function onlineCheckLine(s: UpdateStatus, t: Translator): string | null {
  const o = s.online;
  if (!o) return t.t('cliHub.status.noOnline');
  const when = formatLocalTime(o.checkedAt) ?? t.t('cliCommon.never');
  return o.checkResult === null || o.checkResult === 0
    ? when
    : t.t('cliHub.status.checkFailed', { when, code: o.checkResult });
}

function settingsLine(s: UpdateStatus, t: Translator): string | null {
  const o = s.online;
  const bits: string[] = [];
  if (s.updateEnabled !== null)
    bits.push(t.t(s.updateEnabled ? 'cliHub.status.upgradesAllowed' : 'cliHub.status.upgradesDisabled'));
  if (o?.checkEnabled != null)
    bits.push(t.t(o.checkEnabled ? 'cliHub.status.onlineCheckOn' : 'cliHub.status.onlineCheckOff'));
  if (o?.includePreRelease != null)
    bits.push(t.t(o.includePreRelease ? 'cliHub.status.preReleasesIncluded' : 'cliHub.status.releasesOnly'));
  return bits.length ? bits.join(t.t('cliCommon.listSeparator')) : null;
}

/** The row labels of `status`. */
const ROWS = {
  hub: 'cliHub.status.row.hub',
  state: 'cliHub.status.row.state',
  progress: 'cliHub.status.row.progress',
  failure: 'cliHub.status.row.failure',
  installed: 'cliHub.status.row.installed',
  newest: 'cliHub.status.row.newest',
  lastCheck: 'cliHub.status.row.lastCheck',
  settings: 'cliHub.status.row.settings',
  os: 'cliHub.status.row.os',
  info: 'cliHub.status.row.info',
  history: 'cliHub.status.row.history',
} as const;

export function renderStatus(hub: string, s: UpdateStatus, t: Translator = ENGLISH): string {
  const downloading = s.state.names.includes('downloading');
  let progress: string | null = null;
  if (downloading && s.progress !== null) {
    progress = progressBar(s.progress);
    if (s.progressRaw !== null && s.progressRaw !== s.progress)
      progress = t.t('cliHub.status.progressRaw', { bar: progress, raw: s.progressRaw });
  }
  const reason =
    s.online?.updateResult != null
      ? t.t('cliHub.status.failedCode', { code: s.online.updateResult })
      : t.t('cliHub.status.failedNoReason');
  const failed = s.state.names.includes('failed') ? t.t('cliHub.status.failed', { reason }) : null;
  const row = (key: keyof typeof ROWS, value: string | null): readonly [string, string | null] => [
    t.t(ROWS[key]),
    value,
  ];
  const rows = [
    row('hub', hub),
    row('state', describeState(s.state, t)),
    row('progress', progress),
    row('failure', failed),
    row('installed', s.version ?? t.t('cliCommon.unknown')),
    row('newest', newestLine(s, t)),
    row('lastCheck', onlineCheckLine(s, t)),
    row('settings', settingsLine(s, t)),
    row('os', s.osName),
    row('info', s.info ? s.info : null),
    row('history', s.history ? historySummary(s.history, t) : null),
  ];
  return `${formatTable(rows)}\n`;
}

function historySummary(h: HistoryPage, t: Translator): string {
  const total = h.total;
  if (h.entries.length === 0)
    return total === null
      ? t.t('cliHub.status.historyNone', { start: h.start })
      : t.t('cliHub.status.historyNoneOf', { start: h.start, total });
  const range = { first: h.start, last: h.start + h.entries.length - 1 };
  return total === null
    ? t.t('cliHub.status.historySome', range)
    : t.t('cliHub.status.historySomeOf', { ...range, total });
}

export function renderHistory(hub: string, h: HistoryPage | null, t: Translator = ENGLISH): string {
  if (h === null) return `${t.t('cliHub.history.notPublished', { hub })}\n`;
  const total = h.total;
  if (h.entries.length === 0)
    return `${total === null ? t.t('cliHub.history.none', { hub }) : t.t('cliHub.history.noneOf', { hub, total })}\n`;
  const range = { hub, first: h.start, last: h.start + h.entries.length - 1 };
  const header = total === null ? t.t('cliHub.history.some', range) : t.t('cliHub.history.someOf', { ...range, total });
  const rows = [
    [
      t.t('cliHub.history.col.number'),
      t.t('cliHub.history.col.version'),
      t.t('cliHub.history.col.released'),
      t.t('cliHub.history.col.preRelease'),
      t.t('cliHub.history.col.digest'),
    ],
    ...h.entries.map((e, i) => [
      String(h.start + i),
      e.version,
      formatLocalDate(e.releasedAt) ?? '-',
      e.preRelease === null ? '-' : t.t(e.preRelease ? 'cliCommon.yes' : 'cliCommon.no'),
      e.digest ?? '-',
    ]),
  ];
  const missing =
    total !== null && h.start === 0 && h.entries.length < total
      ? `\n${t.t('cliHub.history.missing', { count: h.entries.length, total })}`
      : '';
  return `${header}\n${formatColumns(rows)}${missing}\n`;
}
