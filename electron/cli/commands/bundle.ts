import path from 'node:path';
import type { Command } from 'commander';
import writeFileAtomic from 'write-file-atomic';
import { adoptBundleHubs, BundleLibrary, collectBundle, encodeBundle, readBundleText } from '../../core/bundles';
import { translator, type Translator } from '../../core/i18n';
import { InventoryStore } from '../../core/inventory';
import { HubStore } from '../../core/store/hub-store';
import { readVisitSpans } from '../../core/visits/visit-book';
import type { BundleSummary } from '../../shared/bundle-models';
import type { AppError } from '../../shared/errors';
import { cliText } from '../cli-language';
import { warnDamaged } from '../damage-warning';
import { dataDirOf, parseDataDir, siteByName } from '../data-access';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes';
import { processIo, type CliIo } from '../io';
import { formatColumns, formatLocalTime, writeError, writeJson } from '../output';
import { VERSION } from '../version';

interface CommonOptions {
  dataDir?: string;
}
interface ExportOptions extends CommonOptions {
  site: string;
  technician?: string;
}
interface JsonOptions extends CommonOptions {
  json: boolean;
}
interface AdoptOptions extends JsonOptions {
  hub?: string[];
}

function failed(io: CliIo, error: AppError): ExitCode {
  writeError(io, error);
  return exitCodeFor(error);
}

const problem = (code: AppError['code'], message: string): AppError => ({ code, hubCode: null, message });

/** "Bundle from Harbour Studio, taken 2026-12-01 12:00 by Li Wei (2 hubs)": the window's words, and the count. */
export function describeBundle(b: BundleSummary, t: Translator = translator('en')): string {
  const time = formatLocalTime(b.takenAt) ?? b.takenAt;
  const bundle = b.technician
    ? t.t('bundles.takenBy', { site: b.siteName, time, technician: b.technician })
    : t.t('bundles.taken', { site: b.siteName, time });
  return t.t('cliSite.bundle.withHubs', { bundle, hubs: t.t('cliSite.bundle.hubs', { count: b.hubCount }) });
}

/** `hubkeeper bundle export --site NAME FILE`: the site's offline review bundle (no network, no secrets). */
export async function runBundleExport(file: string, opts: ExportOptions, io: CliIo): Promise<ExitCode> {
  const t = cliText(io);
  const dataDir = dataDirOf(opts.dataDir, io);
  const inventory = await InventoryStore.open(dataDir, { onDamaged: warnDamaged(io) });
  if (!inventory.ok) return failed(io, inventory.error);
  const site = siteByName(inventory.value.get(), opts.site, t);
  if (!site.ok) return failed(io, site.error);
  const store = await HubStore.open(dataDir, { onDamaged: warnDamaged(io) });
  if (!store.ok) return failed(io, store.error);
  const visits = await readVisitSpans(dataDir);
  const content = await collectBundle(site.value.id, {
    inventory: inventory.value.get(),
    store: store.value,
    visitSpan: (id) => visits.get(id) ?? null,
    hubkeeperVersion: VERSION,
    technician: opts.technician ?? io.env.HUBKEEPER_TECHNICIAN ?? '',
  });
  if (!content.ok) return failed(io, content.error);
  const text = encodeBundle(content.value);
  if (!text.ok) return failed(io, text.error);
  const target = path.resolve(file);
  try {
    await writeFileAtomic(target, text.value);
  } catch (error) {
    return failed(
      io,
      problem('INTERNAL', t.t('cliSite.data.cannotWriteBundle', { file: target, reason: (error as Error).message })),
    );
  }
  const hubs = t.t('cliSite.bundle.hubs', { count: content.value.hubs.length });
  io.err(`${t.t('cliSite.bundle.written', { site: site.value.name, hubs, file: target })}\n`);
  return EXIT.OK;
}

async function openLibrary(opts: CommonOptions, io: CliIo) {
  return BundleLibrary.open(dataDirOf(opts.dataDir, io), { onDamaged: warnDamaged(io) });
}

/** `hubkeeper bundle import FILE`: verify the bundle and open it read-only in the data folder (the app sees it too). */
export async function runBundleImport(file: string, opts: JsonOptions, io: CliIo): Promise<ExitCode> {
  const read = await readBundleText(path.resolve(file));
  if (!read.ok) return failed(io, read.error);
  const library = await openLibrary(opts, io);
  if (!library.ok) return failed(io, library.error);
  // add() verifies it (hash, format, shape) and keeps the file's text unchanged.
  const added = await library.value.add(read.value);
  if (!added.ok) return failed(io, added.error);
  const summary = added.value.bundle.summary;
  if (opts.json) writeJson(io, { ...summary, replaced: added.value.replaced });
  else {
    const t = cliText(io);
    const opened = added.value.replaced ? 'cliSite.bundle.openedReplacing' : 'cliSite.bundle.opened';
    io.out(
      `${t.t(opened, { bundle: describeBundle(summary, t) })}\n` +
        `${t.t('cliSite.bundle.id', { id: summary.bundleId })}\n${t.t('cliSite.bundle.noTraffic', { id: summary.bundleId })}\n`,
    );
  }
  return EXIT.OK;
}

export async function runBundleList(opts: JsonOptions, io: CliIo): Promise<ExitCode> {
  const library = await openLibrary(opts, io);
  if (!library.ok) return failed(io, library.error);
  const bundles = (await library.value.list()).map((b) => b.summary);
  if (opts.json) {
    writeJson(io, { bundles });
    return EXIT.OK;
  }
  const t = cliText(io);
  if (bundles.length === 0) {
    io.out(`${t.t('cliSite.bundle.none')}\n`);
    return EXIT.OK;
  }
  const col = (c: 'id' | 'site' | 'taken' | 'by' | 'hubs') => t.t(`cliSite.bundle.col.${c}`);
  io.out(
    formatColumns([
      [col('id'), col('site'), col('taken'), col('by'), col('hubs')],
      ...bundles.map((b) => [
        b.bundleId,
        b.siteName,
        formatLocalTime(b.takenAt) ?? b.takenAt,
        b.technician || '—',
        String(b.hubCount),
      ]),
    ]),
  );
  return EXIT.OK;
}

export async function runBundleClose(bundleId: string, opts: CommonOptions, io: CliIo): Promise<ExitCode> {
  const library = await openLibrary(opts, io);
  if (!library.ok) return failed(io, library.error);
  const removed = await library.value.remove(bundleId);
  if (!removed.ok) return failed(io, removed.error);
  io.err(`${cliText(io).t('cliSite.bundle.closed', { id: bundleId })}\n`);
  return EXIT.OK;
}

/** `hubkeeper bundle adopt ID [--hub ID…]`: into your inventory without pins; starts no visit. */
export async function runBundleAdopt(bundleId: string, opts: AdoptOptions, io: CliIo): Promise<ExitCode> {
  const dataDir = dataDirOf(opts.dataDir, io);
  const library = await openLibrary(opts, io);
  if (!library.ok) return failed(io, library.error);
  const bundle = await library.value.get(bundleId);
  if (!bundle.ok) return failed(io, bundle.error);
  const inventory = await InventoryStore.open(dataDir, { onDamaged: warnDamaged(io) });
  if (!inventory.ok) return failed(io, inventory.error);
  const spans = await readVisitSpans(dataDir);
  // Visited as the app counts it: a visit without an end, or a site always watched.
  const isSiteVisited = (siteId: string) =>
    spans.get(siteId)?.endedAt === null ||
    inventory.value.get().sites.find((s) => s.id === siteId)?.alwaysWatched === true;
  const adopted = await adoptBundleHubs(inventory.value, { isSiteVisited }, bundle.value.content, opts.hub);
  if (!adopted.ok) return failed(io, adopted.error);
  if (opts.json) writeJson(io, adopted.value);
  else {
    const t = cliText(io);
    const { added, existing } = adopted.value;
    io.out(`${t.t('cliSite.bundle.adopted', { added: added.length, existing: existing.length })}\n`);
    for (const pin of adopted.value.pinsToConfirm)
      io.out(`${t.t('cliSite.bundle.confirmPin', { hub: pin.hubId, port: pin.port, pin: pin.bundledPin })}\n`);
  }
  return EXIT.OK;
}

export function registerBundleCommand(program: Command, io: CliIo = processIo()): void {
  const bundle = program
    .command('bundle')
    .description('offline review bundles: one site in one verified file, opened read-only elsewhere');
  const dataDirOption = [
    '--data-dir <dir>',
    'data folder (default: HUBKEEPER_DATA_DIR or the platform folder)',
  ] as const;
  bundle
    .command('export')
    .description("write a site's bundle (hubs, last-known states, versions, timelines; no passwords)")
    .argument('<file>', 'bundle file to write')
    .requiredOption('--site <name>', 'inventory site to export')
    .option('--technician <name>', 'who made it (default: HUBKEEPER_TECHNICIAN)')
    .option(...dataDirOption, parseDataDir)
    .action(async (file: string, opts: ExportOptions) => io.setExitCode(await runBundleExport(file, opts, io)));
  bundle
    .command('import')
    .description('verify a bundle and open it read-only beside your own sites (the app shows it too)')
    .argument('<file>', 'bundle file')
    .option('--json', 'print the opened bundle as JSON', false)
    .option(...dataDirOption, parseDataDir)
    .action(async (file: string, opts: JsonOptions) => io.setExitCode(await runBundleImport(file, opts, io)));
  bundle
    .command('list')
    .description('list the opened bundles')
    .option('--json', 'JSON output', false)
    .option(...dataDirOption, parseDataDir)
    .action(async (opts: JsonOptions) => io.setExitCode(await runBundleList(opts, io)));
  bundle
    .command('close')
    .description('close an opened bundle (removes its copy from the data folder)')
    .argument('<id>', 'bundle id (see `hubkeeper bundle list`)')
    .option(...dataDirOption, parseDataDir)
    .action(async (id: string, opts: CommonOptions) => io.setExitCode(await runBundleClose(id, opts, io)));
  bundle
    .command('adopt')
    .description("take a bundle's hubs into your inventory (certificates to confirm again; no visit starts)")
    .argument('<id>', 'bundle id')
    .option('--hub <id...>', 'only these bundled hubs')
    .option('--json', 'JSON output', false)
    .option(...dataDirOption, parseDataDir)
    .action(async (id: string, opts: AdoptOptions) => io.setExitCode(await runBundleAdopt(id, opts, io)));
}
