import stringWidth from 'string-width';
import { translator, type Translator } from '../core/i18n';
import type { ErrorCode } from '../shared/errors';
import type { HubChange, HubLiveState } from '../shared/monitor';
import type { OutcomeReason, TimelineEvent, UpdateOutcome } from '../shared/timeline';
import { STATE_NAMES, type StateName } from '../shared/update-state';
import { versionStatus } from '../shared/version-status';
import { progressBar } from './output';
import { oneLine } from './terminal-text';

/**
 * What `hubkeeper watch` prints. On a terminal: one line per hub, redrawn in place. Into a pipe
 * or a file: one line per noteworthy change, never a cursor movement.
 */

export interface WatchedHub {
  hubId: string;
  name: string;
  url: string;
}

/** The words when a caller gives none: English, what the existing scripts and tests read. */
const ENGLISH = translator('en');

/*
 * English keeps the hub's own state names and the tracker's codes ("downloading", FAILED,
 * update-failed): they are what the README, the JSON and scripts grepping these lines know.
 * The cliHub area says so for English and links other languages to the window's words
 * (state.*, outcome.word.*, timeline.reason.*), the terms of Magewell's own Chinese UI.
 */
const stateWord = (name: StateName, t: Translator) => t.t(`cliHub.state.${name}`);
// Shouted in English (VERIFIED, FAILED) so an outcome stands out in a scrolling log.
const outcomeWord = (outcome: UpdateOutcome, t: Translator) => t.t(`cliHub.outcome.${outcome}`).toUpperCase();
const reasonWord = (reason: OutcomeReason, t: Translator) => t.t(`cliHub.reason.${reason}`);
/** A state name as the hub reported it (the stored shape keeps any string; unknown ones stay as they are). */
const phaseWord = (phase: string, t: Translator) =>
  (STATE_NAMES as readonly string[]).includes(phase) ? stateWord(phase as StateName, t) : phase;
// English names the code itself (as `hubkeeper … --json` and the log do); other languages say
// what it means in the window's words, as output.ts errorLine does.
const errorWord = (code: ErrorCode, t: Translator) => (t.language === 'en' ? code : t.t(`errors.${code}`));

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock time of day, e.g. 14:03:07. */
export function timeOfDay(iso: string | null): string {
  if (!iso) return '--:--:--';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '--:--:--';
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

export function stateText(live: HubLiveState, t: Translator = ENGLISH): string {
  const s = live.state;
  if (!s) return t.t('cliSite.watch.unknownState');
  const names = s.names.map((n) => phaseWord(n, t));
  if (s.unknownBits) names.push(`0x${s.unknownBits.toString(16)}?`);
  return names.length ? names.join('+') : s.hex;
}

function versionText(live: HubLiveState, t: Translator): string {
  const installed = live.version ?? '?';
  const newest = live.online?.newest?.version ?? null;
  if (!newest) return installed;
  const key = {
    'up-to-date': 'cliSite.watch.version.newest',
    'update-available': 'cliSite.watch.version.available',
    'pre-release-available': 'cliSite.watch.version.preRelease',
    unknown: 'cliSite.watch.version.unknown',
  } as const;
  return t.t(key[versionStatus(live)], { installed, newest });
}

/** Never call figures live when they are not. */
export function freshnessText(live: HubLiveState, t: Translator = ENGLISH): string {
  const time = timeOfDay(live.lastSuccessAt);
  if (live.blockedBy) {
    const why = errorWord(live.blockedBy, t);
    return live.error
      ? t.t('cliSite.watch.freshness.stoppedBecause', { why, message: live.error.message })
      : t.t('cliSite.watch.freshness.stopped', { why });
  }
  if (live.paused) return t.t('cliSite.watch.freshness.paused', { time });
  if (live.offline) return t.t('cliSite.watch.freshness.offline', { time });
  if (live.stale) return t.t('cliSite.watch.freshness.stale', { time });
  if (!live.lastSuccessAt)
    return live.error
      ? t.t('cliSite.watch.freshness.error', { code: errorWord(live.error.code, t) })
      : t.t('cliSite.watch.freshness.connecting');
  return t.t('cliSite.watch.freshness.live', { time });
}

function updateText(live: HubLiveState, t: Translator): string {
  const u = live.update;
  if (!u) return '';
  if (u.outcome === 'in-progress') return t.t('cliSite.watch.update.inProgress', { from: u.from ?? '?' });
  return t.t('cliSite.watch.update.last', {
    outcome: outcomeWord(u.outcome, t),
    on: u.to ? t.t('cliSite.watch.update.on', { to: u.to }) : '',
    result: u.updateResult !== null ? t.t('cliSite.watch.update.result', { code: u.updateResult }) : '',
  });
}

/**
 * `text` padded or cut to `width` terminal columns: measured by display width, so a Chinese
 * character (two columns) keeps the columns after it aligned.
 */
export function fit(text: string, width: number): string {
  const have = stringWidth(text);
  if (have <= width) return text + ' '.repeat(width - have);
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = stringWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…${' '.repeat(Math.max(0, width - 1 - used))}`;
}

/**
 * One terminal line for a hub (no colour: the words carry the meaning). The most important
 * figures come first so that an 80-column terminal still shows them after clipping: the state
 * (with the percentage while downloading) and whether the figures are live at all; then the
 * version, the progress bar while downloading, the last update's outcome.
 */
export function hubLine(
  hub: WatchedHub,
  live: HubLiveState | null,
  nameWidth: number,
  t: Translator = ENGLISH,
): string {
  if (!live) return `${fit(hub.name, nameWidth)}  ${hub.url}  ${t.t('cliSite.watch.notWatched')}`;
  const downloading = (live.state?.names.includes('downloading') ?? false) && live.progress !== null;
  const state = downloading ? `${stateText(live, t)} ${Math.round(live.progress ?? 0)}%` : stateText(live, t);
  const parts = [
    fit(hub.name, nameWidth),
    fit(state, 16),
    fit(freshnessText(live, t), 29),
    fit(versionText(live, t), 26),
  ];
  if (downloading) parts.push(progressBar(live.progress ?? 0));
  const update = updateText(live, t);
  if (update) parts.push(update);
  return parts.join('  ').trimEnd();
}

export function frame(
  hubs: readonly WatchedHub[],
  states: ReadonlyMap<string, HubLiveState>,
  header: string,
  t: Translator = ENGLISH,
): string[] {
  const nameWidth = Math.min(28, Math.max(8, ...hubs.map((h) => stringWidth(h.name))));
  return [header, ...hubs.map((h) => hubLine(h, states.get(h.hubId) ?? null, nameWidth, t))];
}

/** Cut lines to the terminal width so none wraps (a wrapped line breaks the in-place redraw). */
export function clip(line: string, columns: number): string {
  if (columns <= 0 || stringWidth(line) <= columns) return line;
  // Cut by display width: a Chinese character takes two columns.
  let out = '';
  let used = 0;
  for (const ch of line) {
    const w = stringWidth(ch);
    if (used + w > columns - 1) break;
    out += ch;
    used += w;
  }
  return out;
}

/** A piece of a redraw: one of the CLI's own control sequences, or a line of text. */
export type RedrawPiece = { control: string } | { text: string };

/**
 * What replaces the previous frame (`previousLines` tall) by `lines`: cursor up, clear each
 * line, write, and clear anything left below. Lines are escaped here, before clipping, so the
 * escaped text is what gets measured (hub text in a line can never act as a control).
 */
export function redrawPieces(lines: readonly string[], previousLines: number, columns: number): RedrawPiece[] {
  const pieces: RedrawPiece[] = [];
  if (previousLines > 0) pieces.push({ control: `\x1b[${previousLines}F` });
  for (const l of lines) pieces.push({ control: '\x1b[2K' }, { text: `${clip(oneLine(l), columns)}\n` });
  pieces.push({ control: '\x1b[J' });
  return pieces;
}

/** The redraw as the terminal receives it. */
export function redraw(lines: readonly string[], previousLines: number, columns: number): string {
  return redrawPieces(lines, previousLines, columns)
    .map((p) => ('control' in p ? p.control : p.text))
    .join('');
}

export function describeEvent(event: TimelineEvent, t: Translator = ENGLISH): string {
  const from = 'from' in event ? (event.from ?? '?') : '?';
  switch (event.type) {
    case 'download-started':
      return t.t('cliSite.watch.event.downloadStarted', { from, target: event.target ?? '?' });
    case 'upload-started':
      return t.t('cliSite.watch.event.uploadStarted', { from, target: event.target ?? '?' });
    case 'update-observed':
      return t.t('cliSite.watch.event.updateObserved', { phase: phaseWord(event.phase, t), from });
    case 'progress':
      return t.t('cliSite.watch.event.progress', { percent: event.percent });
    case 'verifying':
      return t.t('cliSite.watch.event.verifying');
    case 'cancelling':
      return t.t('cliSite.watch.event.cancelling');
    case 'restarting':
      return t.t('cliSite.watch.event.restarting');
    case 'hub-offline':
      return t.t('cliSite.watch.event.hubOffline', { code: errorWord(event.code, t) });
    case 'hub-back':
      return t.t('cliSite.watch.event.hubBack');
    case 'version-changed':
      return t.t('cliSite.watch.event.versionChanged', { from: event.from, to: event.to });
    case 'update-finished':
      return t.t('cliSite.watch.event.updateFinished', {
        outcome: outcomeWord(event.outcome, t),
        reason: reasonWord(event.reason, t),
        now: event.to ? t.t('cliSite.watch.event.now', { to: event.to }) : '',
        result: event.updateResult !== null ? t.t('cliSite.watch.event.result', { code: event.updateResult }) : '',
      });
  }
}

/**
 * A plain line for a change worth telling (first reading, state, version, live/stale/offline),
 * or null. Progress is told by the timeline's milestones, not by every percent.
 */
export function describeChange(change: HubChange, before: HubLiveState | null, t: Translator = ENGLISH): string | null {
  const c = change.changes;
  const parts: string[] = [];
  if (before?.lastSuccessAt === null && c.lastSuccessAt) parts.push(t.t('cliSite.watch.change.firstAnswer'));
  if (c.state)
    parts.push(
      t.t('cliSite.watch.change.state', { state: stateText({ ...(before as HubLiveState), state: c.state }, t) }),
    );
  if (c.version) parts.push(t.t('cliSite.watch.change.version', { version: c.version }));
  if (c.online?.newest?.version && c.online.newest.version !== before?.online?.newest?.version)
    parts.push(t.t('cliSite.watch.change.newest', { version: c.online.newest.version }));
  if (c.stale === true) parts.push(t.t('cliSite.watch.change.notLive'));
  if (c.offline === true) parts.push(t.t('cliSite.watch.change.offline'));
  if ((c.stale === false && before?.stale) || (c.offline === false && before?.offline))
    parts.push(t.t('cliSite.watch.change.liveAgain'));
  if (c.blockedBy) {
    const why = errorWord(c.blockedBy, t);
    parts.push(
      c.error
        ? t.t('cliSite.watch.change.stoppedBecause', { why, message: c.error.message })
        : t.t('cliSite.watch.change.stopped', { why }),
    );
  }
  return parts.length ? parts.join(t.t('cliSite.watch.change.joiner')) : null;
}
