import type { Command } from 'commander';
import { translator, type Translator } from '../../core/i18n';
import { HubStore } from '../../core/store/hub-store';
import { readTimeline } from '../../core/store/timeline';
import type { AppError } from '../../shared/errors';
import type { Timeline } from '../../shared/timeline';
import { cliText } from '../cli-language';
import { warnDamaged } from '../damage-warning';
import { dataDirOf, hubsForUrls, parseDataDir, readInventory } from '../data-access';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes';
import { processIo, type CliIo } from '../io';
import { parseNonNegativeInt } from '../options';
import { formatColumns, formatLocalTime, writeError, writeJson } from '../output';
import { oneLine } from '../terminal-text';
import { describeEvent, stateText } from '../watch-view';
import type { HubLiveState } from '../../shared/monitor';

export interface TimelineOptions {
  dataDir?: string;
  json: boolean;
  limit?: number;
}

/**
 * `hubkeeper timeline <hub-url> [--json]`: the recorded events and update outcomes of one hub,
 * from the data folder only (no network). `--json` prints exactly
 * `{"hub", "events": [{"at", "type", …}], "updates": [{"from", "to", "outcome", "startedAt", "endedAt", "updateResult"}]}`.
 */
export async function runTimeline(url: string, opts: TimelineOptions, io: CliIo): Promise<ExitCode> {
  const dataDir = dataDirOf(opts.dataDir, io);
  const inventory = await readInventory(dataDir, io);
  if (!inventory.ok) return failed(io, inventory.error);
  const hubs = hubsForUrls(inventory.value, [url], null);
  if (!hubs.ok) return failed(io, hubs.error);
  const hub = hubs.value[0]!;
  const store = await HubStore.open(dataDir, { onDamaged: warnDamaged(io) });
  if (!store.ok) return failed(io, store.error);
  const timeline = await readTimeline(store.value, hub.hubId, hub.url, opts.limit);
  if (!timeline.ok) return failed(io, timeline.error);
  if (opts.json) {
    writeJson(io, { hub: timeline.value.hub, events: timeline.value.events, updates: timeline.value.updates });
    return EXIT.OK;
  }
  // People also get the last-known status with its age: the store answers without a network.
  const status = await store.value.readStatus(hub.hubId);
  const last = status.ok ? (status.value?.live ?? null) : null;
  io.out(renderTimeline(timeline.value, hub.name, last, Date.now(), cliText(io)));
  return EXIT.OK;
}

const ENGLISH = translator('en');

/** The JSON shape has no error member: errors go to stderr in both modes, with the exit code. */
function failed(io: CliIo, error: AppError): ExitCode {
  writeError(io, error);
  return exitCodeFor(error);
}

/** "3 min ago", "2 h ago", "5 days ago": the age of last-known figures. */
export function age(iso: string, now: number, t: Translator = ENGLISH): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 90) return t.t('cliHub.timeline.ageSeconds', { n: s });
  if (s < 90 * 60) return t.t('cliHub.timeline.ageMinutes', { n: Math.round(s / 60) });
  if (s < 36 * 3600) return t.t('cliHub.timeline.ageHours', { n: Math.round(s / 3600) });
  return t.t('cliHub.timeline.ageDays', { n: Math.round(s / 86_400) });
}

function lastKnownLine(last: HubLiveState, at: string, now: number, t: Translator): string {
  const params = {
    state: last.state ? stateText(last, t) : t.t('cliHub.timeline.stateUnknown'),
    version: last.version ?? '?',
    newest: last.online?.newest?.version ?? '',
    time: formatLocalTime(at) ?? at,
    age: age(at, now, t),
  };
  return t.t(params.newest ? 'cliHub.timeline.lastKnownNewest' : 'cliHub.timeline.lastKnown', params);
}

export function renderTimeline(
  timeline: Timeline,
  name: string,
  last: HubLiveState | null = null,
  now = Date.now(),
  t: Translator = ENGLISH,
): string {
  const out: string[] = [
    oneLine(name === timeline.hub ? timeline.hub : t.t('cliHub.timeline.named', { name, hub: timeline.hub })),
  ];
  if (last?.lastSuccessAt) out.push(oneLine(lastKnownLine(last, last.lastSuccessAt, now, t)));
  if (timeline.events.length === 0) {
    out.push(t.t('cliHub.timeline.noEvents'));
    return `${out.join('\n')}\n`;
  }
  out.push('', formatColumns(timeline.events.map((e) => [formatLocalTime(e.at) ?? e.at, describeEvent(e, t)])));
  if (timeline.updates.length) {
    out.push('', t.t('cliHub.timeline.updates'));
    out.push(
      formatColumns(
        timeline.updates.map((u) => [
          t.t('cliHub.timeline.fromTo', { from: u.from ?? '?', to: u.to ?? '?' }),
          t.t(`cliHub.outcome.${u.outcome}`),
          t.t('cliHub.timeline.span', {
            start: formatLocalTime(u.startedAt) ?? u.startedAt,
            end: u.endedAt ? (formatLocalTime(u.endedAt) ?? u.endedAt) : '…',
          }),
          // Only failed updates carry a result: no empty last cell (it would pad the line with blanks).
          ...(u.updateResult !== null ? [t.t('cliHub.timeline.hubResult', { code: u.updateResult })] : []),
        ]),
      ),
    );
  }
  return `${out.join('\n')}\n`;
}

export function registerTimelineCommand(program: Command, io: CliIo = processIo()): void {
  const t = cliText(io);
  program
    .command('timeline')
    .description(t.t('cliHub.help.timeline'))
    .argument('<hub-url>', t.t('cliHub.help.timelineUrl'))
    .option('--data-dir <dir>', t.t('cliHub.help.dataDir'), parseDataDir)
    .option('--limit <n>', t.t('cliHub.help.limit'), parseNonNegativeInt)
    .option('--json', t.t('cliHub.help.timelineJson', { shape: '{"hub", "events", "updates"}' }), false)
    .action(async (url: string, opts: TimelineOptions) => {
      io.setExitCode(await runTimeline(url, opts, io));
    });
}
