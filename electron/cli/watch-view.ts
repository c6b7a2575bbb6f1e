import type { HubChange, HubLiveState } from '../shared/monitor';
import type { TimelineEvent } from '../shared/timeline';
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

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock time of day, e.g. 14:03:07. */
export function timeOfDay(iso: string | null): string {
  if (!iso) return '--:--:--';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '--:--:--';
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

export function stateText(live: HubLiveState): string {
  const s = live.state;
  if (!s) return 'unknown';
  const names = [...s.names];
  if (s.unknownBits) names.push(`0x${s.unknownBits.toString(16)}?`);
  return names.length ? names.join('+') : s.hex;
}

function versionText(live: HubLiveState): string {
  const installed = live.version ?? '?';
  const newest = live.online?.newest?.version ?? null;
  if (!newest) return installed;
  switch (versionStatus(live)) {
    case 'up-to-date':
      return `${installed} (newest)`;
    case 'update-available':
      return `${installed} → ${newest} available`;
    case 'pre-release-available':
      return `${installed} → ${newest} (pre)`;
    case 'unknown':
      return `${installed}, newest ${newest}`;
  }
}

/** Never call figures live when they are not. */
export function freshnessText(live: HubLiveState): string {
  if (live.blockedBy) return `stopped: ${live.blockedBy}${live.error ? ` (${live.error.message})` : ''}`;
  if (live.paused) return `paused, as of ${timeOfDay(live.lastSuccessAt)}`;
  if (live.offline) return `OFFLINE, last answer ${timeOfDay(live.lastSuccessAt)}`;
  if (live.stale) return `not live, as of ${timeOfDay(live.lastSuccessAt)}`;
  if (!live.lastSuccessAt) return live.error ? `error: ${live.error.code}` : 'connecting…';
  return `live ${timeOfDay(live.lastSuccessAt)}`;
}

function updateText(live: HubLiveState): string {
  const u = live.update;
  if (!u) return '';
  if (u.outcome === 'in-progress') return `update from ${u.from ?? '?'} in progress`;
  const result = u.updateResult !== null ? ` (hub result ${u.updateResult})` : '';
  return `last update ${u.outcome.toUpperCase()}${u.to ? ` on ${u.to}` : ''}${result}`;
}

function fit(text: string, width: number): string {
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/**
 * One terminal line for a hub (no colour: the words carry the meaning). The most important
 * figures come first so that an 80-column terminal still shows them after clipping: the state
 * (with the percentage while downloading) and whether the figures are live at all; then the
 * version, the progress bar while downloading, the last update's outcome.
 */
export function hubLine(hub: WatchedHub, live: HubLiveState | null, nameWidth: number): string {
  if (!live) return `${fit(hub.name, nameWidth)}  ${hub.url}  not watched`;
  const downloading = (live.state?.names.includes('downloading') ?? false) && live.progress !== null;
  const state = downloading ? `${stateText(live)} ${Math.round(live.progress ?? 0)}%` : stateText(live);
  const parts = [fit(hub.name, nameWidth), fit(state, 16), fit(freshnessText(live), 29), fit(versionText(live), 26)];
  if (downloading) parts.push(progressBar(live.progress ?? 0));
  const update = updateText(live);
  if (update) parts.push(update);
  return parts.join('  ').trimEnd();
}

export function frame(
  hubs: readonly WatchedHub[],
  states: ReadonlyMap<string, HubLiveState>,
  header: string,
): string[] {
  const nameWidth = Math.min(28, Math.max(8, ...hubs.map((h) => h.name.length)));
  return [header, ...hubs.map((h) => hubLine(h, states.get(h.hubId) ?? null, nameWidth))];
}

/** Cut lines to the terminal width so none wraps (a wrapped line breaks the in-place redraw). */
export function clip(line: string, columns: number): string {
  return columns > 0 && line.length > columns ? line.slice(0, Math.max(0, columns - 1)) : line;
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

export function describeEvent(event: TimelineEvent): string {
  switch (event.type) {
    case 'download-started':
      return `download started (${event.from ?? '?'} → ${event.target ?? '?'})`;
    case 'upload-started':
      return `firmware upload started (${event.from ?? '?'} → ${event.target ?? '?'})`;
    case 'update-observed':
      return `update already under way (${event.phase}), from ${event.from ?? '?'}`;
    case 'progress':
      return `download ${event.percent}%`;
    case 'verifying':
      return 'verifying firmware';
    case 'cancelling':
      return 'cancelling';
    case 'restarting':
      return 'update installed, hub restarting';
    case 'hub-offline':
      return `hub offline (${event.code})`;
    case 'hub-back':
      return 'hub back online';
    case 'version-changed':
      return `version changed ${event.from} → ${event.to}`;
    case 'update-finished':
      return `update ${event.outcome.toUpperCase()} (${event.reason}${event.to ? `, now ${event.to}` : ''}${event.updateResult !== null ? `, hub result ${event.updateResult}` : ''})`;
  }
}

/**
 * A plain line for a change worth telling (first reading, state, version, live/stale/offline),
 * or null. Progress is told by the timeline's milestones, not by every percent.
 */
export function describeChange(change: HubChange, before: HubLiveState | null): string | null {
  const c = change.changes;
  const parts: string[] = [];
  if (before?.lastSuccessAt === null && c.lastSuccessAt) parts.push('first answer');
  if (c.state) parts.push(`state ${stateText({ ...(before as HubLiveState), state: c.state })}`);
  if (c.version) parts.push(`version ${c.version}`);
  if (c.online?.newest?.version && c.online.newest.version !== before?.online?.newest?.version)
    parts.push(`newest ${c.online.newest.version}`);
  if (c.stale === true) parts.push('NOT LIVE (no answer for two intervals)');
  if (c.offline === true) parts.push('OFFLINE');
  if ((c.stale === false && before?.stale) || (c.offline === false && before?.offline)) parts.push('live again');
  if (c.blockedBy) parts.push(`stopped: ${c.blockedBy}${c.error ? ` — ${c.error.message}` : ''}`);
  return parts.length ? parts.join(', ') : null;
}
