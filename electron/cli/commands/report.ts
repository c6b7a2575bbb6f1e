import { InvalidArgumentError, type Command } from 'commander';
import writeFileAtomic from 'write-file-atomic';
import path from 'node:path';
import {
  buildReport,
  renderReport,
  REPORT_FORMATS,
  type ReportFormat,
  type ReportPresentation,
} from '../../core/report';
import { checkTimeZone, machineTimeZone } from '../../core/report/local-time';
import type { UiLanguage } from '../../shared/language';
import { cliText } from '../cli-language';
import { collectReportInput } from '../../core/report/collect';
import { HubStore } from '../../core/store/hub-store';
import { readVisitSpans } from '../../core/visits/visit-book';
import type { AppError } from '../../shared/errors';
import { warnDamaged } from '../damage-warning';
import { dataDirOf, hubsForSite, hubsForUrls, parseDataDir, readInventory, siteByName } from '../data-access';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes';
import { processIo, type CliIo } from '../io';
import { writeError } from '../output';
import { runBundleReport } from './bundle-report';

export interface ReportOptions {
  /** Either a site or hub URLs (hubs watched by address without an inventory site). */
  site?: string;
  format: ReportFormat;
  out?: string;
  dataDir?: string;
  technician?: string;
  /** ISO, validated */
  from?: string;
  to?: string;
  /** Language of the HTML report (default: LC_ALL / LC_MESSAGES / LANG, else English). */
  lang?: UiLanguage;
  /** IANA time zone of the HTML report's times (default: the machine's). */
  timeZone?: string;
  /** A site bundle file to report from instead of the data folder. */
  bundle?: string;
}

const DAY_MS = 24 * 3_600_000;

/** The HTML's language and clock: --lang / --time-zone, else the locale variables and this machine's zone. */
function presentationOf(opts: ReportOptions, io: CliIo): ReportPresentation {
  return { language: opts.lang ?? cliText(io).language, timeZone: opts.timeZone ?? machineTimeZone() };
}

/**
 * `hubkeeper report --site NAME | <hub-url...> --format csv|json|html [--out FILE]`: the site-visit report from
 * the data folder (no network). The visit spans --from … --to (default: the site's current or last
 * visit as the app recorded it, else the 24 hours up to now);
 * the report's "generated" time is --to, so the same data and options give the same bytes.
 */
export async function runReport(
  opts: ReportOptions,
  io: CliIo,
  now: () => number = Date.now,
  urls: readonly string[] = [],
): Promise<ExitCode> {
  const t = cliText(io);
  if (opts.bundle !== undefined) {
    if (opts.site !== undefined || urls.length > 0)
      return failed(io, problem('BAD_INPUT', t.t('cliSite.report.bundleOrSite')));
    return runBundleReport(opts.bundle, opts, io, presentationOf(opts, io));
  }
  const dataDir = dataDirOf(opts.dataDir, io);
  if ((opts.site === undefined) === (urls.length === 0)) {
    return failed(io, problem('BAD_INPUT', t.t('cliSite.report.nameHubs')));
  }
  const inventory = await readInventory(dataDir, io);
  if (!inventory.ok) return failed(io, inventory.error);
  let siteName: string | null = null;
  let siteId: string | null = null;
  let hubs: ReturnType<typeof hubsForUrls>;
  if (opts.site !== undefined) {
    const site = siteByName(inventory.value, opts.site, t);
    if (!site.ok) return failed(io, site.error);
    siteName = site.value.name;
    siteId = site.value.id;
    hubs = hubsForSite(inventory.value, site.value, t);
  } else {
    hubs = hubsForUrls(inventory.value, urls, null);
  }
  if (!hubs.ok) return failed(io, hubs.error);
  // A site's report covers its current or last visit (as the app recorded it) unless told otherwise.
  const visit = siteId !== null ? ((await readVisitSpans(dataDir)).get(siteId) ?? null) : null;
  const to = opts.to ?? visit?.endedAt ?? new Date(now()).toISOString();
  const from = opts.from ?? visit?.startedAt ?? new Date(Date.parse(to) - DAY_MS).toISOString();
  if (Date.parse(from) > Date.parse(to))
    return failed(io, problem('BAD_INPUT', t.t('cliSite.report.fromAfterTo', { from, to })));
  const store = await HubStore.open(dataDir, { onDamaged: warnDamaged(io) });
  if (!store.ok) return failed(io, store.error);
  const input = await collectReportInput(
    store.value,
    hubs.value.map((h) => ({ hubId: h.hubId, name: h.name, address: h.url })),
    { site: siteName, technician: opts.technician ?? io.env.HUBKEEPER_TECHNICIAN ?? '', from, to, generatedAt: to },
  );
  if (!input.ok) return failed(io, input.error);
  for (const warning of input.value.warnings) io.err(`${t.t('cliCommon.warning', { text: warning })}\n`);
  const content = renderReport(buildReport(input.value), opts.format, presentationOf(opts, io));
  if (opts.out === undefined) {
    io.out(content);
    return EXIT.OK;
  }
  const file = path.resolve(opts.out);
  try {
    await writeFileAtomic(file, content);
  } catch (error) {
    return failed(
      io,
      problem('INTERNAL', t.t('cliSite.data.cannotWriteReport', { file, reason: (error as Error).message })),
    );
  }
  io.err(`${t.t('cliSite.data.reportWritten', { file })}\n`);
  return EXIT.OK;
}

function failed(io: CliIo, error: AppError): ExitCode {
  writeError(io, error);
  return exitCodeFor(error);
}

const problem = (code: AppError['code'], message: string): AppError => ({ code, hubCode: null, message });

function parseFormat(value: string): ReportFormat {
  const v = value.trim().toLowerCase();
  if (!(REPORT_FORMATS as readonly string[]).includes(v))
    throw new InvalidArgumentError(`expected one of ${REPORT_FORMATS.join(', ')}`);
  return v as ReportFormat;
}

function parseTimeZone(value: string): string {
  try {
    return checkTimeZone(value.trim());
  } catch {
    throw new InvalidArgumentError('not a time zone name Hubkeeper knows, e.g. Asia/Shanghai, Europe/Berlin or UTC');
  }
}

/** An ISO-8601 time with a date, e.g. 2024-05-02T08:00:00Z or 2024-05-02 (midnight UTC). */
function parseTime(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())) {
    throw new InvalidArgumentError('expected an ISO-8601 date or time, e.g. 2024-05-02 or 2024-05-02T08:00:00Z');
  }
  const ms = Date.parse(value.trim().replace(' ', 'T'));
  if (Number.isNaN(ms)) throw new InvalidArgumentError('not a valid date/time');
  return new Date(ms).toISOString();
}

export function registerReportCommand(program: Command, io: CliIo = processIo()): void {
  program
    .command('report')
    .description('write the site-visit report (CSV, JSON or printable HTML) from the data folder')
    .argument('[hub-url...]', 'hubs to report on (or use --site)')
    .option('--site <name>', 'inventory site to report on')
    .option('--format <csv|json|html>', 'output format', parseFormat, 'html' as ReportFormat)
    .option('--out <file>', 'write to this file (default: standard output)')
    .option('--technician <name>', 'technician named in the header (default: HUBKEEPER_TECHNICIAN)')
    .option(
      '--from <time>',
      "start of the visit (default: the site's last visit, else 24 hours before --to)",
      parseTime,
    )
    .option(
      '--to <time>',
      "end of the visit and the report time (default: the end of the site's last visit, else now)",
      parseTime,
    )
    .option('--time-zone <zone>', "time zone of the HTML report's times (default: this machine's)", parseTimeZone)
    .option('--bundle <file>', 'report from a site bundle file (offline review) instead of the data folder')
    .option('--data-dir <dir>', 'data folder (default: HUBKEEPER_DATA_DIR or the platform folder)', parseDataDir)
    .action(async (urls: string[], opts: ReportOptions) => {
      io.setExitCode(await runReport(opts, io, Date.now, urls));
    });
}
