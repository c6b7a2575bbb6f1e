import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { translator, type Translator } from '../../core/i18n';
import { InventoryStore } from '../../core/inventory';
import type { AppError } from '../../shared/errors';
import type { ImportReport, Inventory } from '../../shared/inventory';
import { cliText } from '../cli-language';
import { warnDamaged } from '../damage-warning';
import { dataDirOf, parseDataDir, siteByName } from '../data-access';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes';
import { processIo, type CliIo } from '../io';
import { formatColumns, writeError, writeJson } from '../output';
import { oneLine } from '../terminal-text';

type Format = 'csv' | 'json';

interface CommonOptions {
  dataDir?: string;
}
interface ImportOptions extends CommonOptions {
  format?: Format;
  json: boolean;
}
interface ExportOptions extends CommonOptions {
  format?: Format;
  output?: string;
}
interface ListOptions extends CommonOptions {
  json: boolean;
}
interface SiteOptions extends CommonOptions {
  forbidHttpLogin?: boolean;
  allowHttpLogin?: boolean;
}

function failed(io: CliIo, error: AppError): ExitCode {
  writeError(io, error);
  return exitCodeFor(error);
}

/** English when a caller gives no translator (the render functions' tests and scripts). */
const ENGLISH = translator('en');

function formatOf(file: string | undefined, explicit: Format | undefined, text?: string): Format {
  if (explicit) return explicit;
  const ext = file ? path.extname(file).toLowerCase() : '';
  if (ext === '.json') return 'json';
  if (ext === '.csv' || ext === '.txt') return 'csv';
  return text !== undefined && /^\uFEFF?\s*\{/.test(text) ? 'json' : 'csv';
}

async function openStore(opts: CommonOptions, io: CliIo) {
  return InventoryStore.open(dataDirOf(opts.dataDir, io), { onDamaged: warnDamaged(io) });
}

/**
 * `hubkeeper inventory import <file>`: adds or updates hubs from a CSV or JSON file (format from
 * --format, else the extension, else the content). Bad rows are listed by line and skipped;
 * every good row is imported. Exit 0 when all rows were imported, 1 when some were skipped,
 * 2 when the file as a whole cannot be used.
 */
export async function runInventoryImport(file: string, opts: ImportOptions, io: CliIo): Promise<ExitCode> {
  const t = cliText(io);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return failed(io, {
      code: 'BAD_INPUT',
      hubCode: null,
      message: t.t('cliSite.data.cannotRead', { file, reason: (error as Error).message }),
    });
  }
  const store = await openStore(opts, io);
  if (!store.ok) return failed(io, store.error);
  const report = await store.value.importText(text, formatOf(file, opts.format, text));
  if (!report.ok) return failed(io, report.error);
  if (opts.json) writeJson(io, report.value);
  else io.out(renderImport(path.basename(file), report.value, store.value.file, t));
  return report.value.bad.length > 0 ? EXIT.FAILURE : EXIT.OK;
}

export function renderImport(name: string, report: ImportReport, where: string, t: Translator = ENGLISH): string {
  const line = (l: { line: number; message: string }) =>
    `  ${t.t('cliSite.inventory.badLine', { line: l.line, message: oneLine(l.message) })}`;
  const lines = [
    t.t('cliSite.inventory.imported', {
      name,
      where,
      hubs: t.t('cliSite.inventory.hubs', { count: report.added }),
      updated: report.updated,
      sites: t.t('cliSite.inventory.sites', { count: report.sitesAdded }),
    }),
  ];
  if (report.bad.length > 0)
    lines.push('', t.t('cliSite.inventory.skipped', { count: report.bad.length }), ...report.bad.map(line));
  if (report.warnings.length > 0) lines.push('', t.t('cliSite.inventory.notes'), ...report.warnings.map(line));
  return `${lines.join('\n')}\n`;
}

/** `hubkeeper inventory export [--format csv|json] [--output FILE]`: to stdout unless --output. */
export async function runInventoryExport(opts: ExportOptions, io: CliIo): Promise<ExitCode> {
  const t = cliText(io);
  const store = await openStore(opts, io);
  if (!store.ok) return failed(io, store.error);
  const format = formatOf(opts.output, opts.format);
  const text = store.value.exportText(format);
  if (!text.ok) return failed(io, text.error);
  if (!opts.output) {
    // The BOM helps spreadsheets opening a file; on a terminal or in a pipe it is noise.
    io.out(text.value.replace(/^\uFEFF/, ''));
    return EXIT.OK;
  }
  try {
    await writeFile(opts.output, text.value);
  } catch (error) {
    return failed(io, {
      code: 'BAD_INPUT',
      hubCode: null,
      message: t.t('cliSite.data.cannotWrite', { file: opts.output, reason: (error as Error).message }),
    });
  }
  const inv = store.value.get();
  const wrote = t.t('cliSite.inventory.wrote', {
    hubs: t.t('cliSite.inventory.hubs', { count: inv.hubs.length }),
    sites: t.t('cliSite.inventory.sites', { count: inv.sites.length }),
    file: opts.output,
    format,
  });
  io.err(`${wrote}\n`);
  return EXIT.OK;
}

/**
 * `hubkeeper inventory site <name> [--forbid-http-login | --allow-http-login]`: shows a site's
 * settings, or changes whether its hubs may be logged in to over plain HTTP.
 */
export async function runInventorySite(name: string, opts: SiteOptions, io: CliIo): Promise<ExitCode> {
  const t = cliText(io);
  if (opts.forbidHttpLogin && opts.allowHttpLogin)
    return failed(io, { code: 'BAD_INPUT', hubCode: null, message: t.t('cliSite.inventory.httpBoth') });
  const store = await openStore(opts, io);
  if (!store.ok) return failed(io, store.error);
  let site = siteByName(store.value.get(), name, t);
  if (!site.ok) return failed(io, site.error);
  if (opts.forbidHttpLogin || opts.allowHttpLogin) {
    site = await store.value.updateSite(site.value.id, { forbidHttpLogin: opts.forbidHttpLogin === true });
    if (!site.ok) return failed(io, site.error);
  }
  const key = site.value.forbidHttpLogin ? 'cliSite.inventory.httpForbidden' : 'cliSite.inventory.httpAllowed';
  io.out(`${t.t(key, { site: site.value.name })}\n`);
  return EXIT.OK;
}

/** `hubkeeper inventory list [--json]`: sites and their hubs; --json prints the inventory document. */
export async function runInventoryList(opts: ListOptions, io: CliIo): Promise<ExitCode> {
  const store = await openStore(opts, io);
  if (!store.ok) return failed(io, store.error);
  if (opts.json) writeJson(io, store.value.get());
  else io.out(renderInventory(store.value.get(), store.value.file, cliText(io)));
  return EXIT.OK;
}

export function renderInventory(inventory: Inventory, where: string, t: Translator = ENGLISH): string {
  if (inventory.sites.length === 0) return `${t.t('cliSite.inventory.empty', { where })}\n`;
  const out: string[] = [];
  const sites = [...inventory.sites].sort((a, b) => a.name.localeCompare(b.name));
  for (const site of sites) {
    const hubs = inventory.hubs
      .filter((h) => h.siteId === site.id)
      .sort((a, b) => (a.name || a.address).localeCompare(b.name || b.address));
    out.push(
      oneLine(
        t.t('cliSite.inventory.siteLine', {
          site: site.name,
          user: site.defaultUser ? t.t('cliSite.inventory.siteUser', { user: site.defaultUser }) : '',
          noHttp: site.forbidHttpLogin ? t.t('cliSite.inventory.siteNoHttp') : '',
          hubs: t.t('cliSite.inventory.hubs', { count: hubs.length }),
        }),
      ),
    );
    if (hubs.length > 0) {
      out.push(
        formatColumns(
          hubs.map((h) => [
            `  ${h.name || h.address}`,
            h.name ? h.address : '',
            h.endpoints.map((e) => `${e.scheme}:${e.port}${e.pin ? t.t('cliSite.inventory.pinned') : ''}`).join(' '),
            h.notes.split('\n')[0] ?? '',
          ]),
        ),
      );
    }
    out.push('');
  }
  return out.join('\n');
}

function parseFormat(value: string): Format {
  const v = value.trim().toLowerCase();
  if (v !== 'csv' && v !== 'json') throw new InvalidArgumentError('expected csv or json');
  return v;
}

export function registerInventoryCommand(program: Command, io: CliIo = processIo()): void {
  const inventory = program.command('inventory').description('the hubs Hubkeeper knows, by site: import, export, list');
  const dataDir = [
    '--data-dir <dir>',
    'data folder (default: HUBKEEPER_DATA_DIR or the platform folder)',
    parseDataDir,
  ] as const;
  inventory
    .command('import')
    .description('add or update hubs from a CSV or JSON file; bad rows are reported by line and skipped')
    .argument('<file>', 'CSV (site,default_user,name,address,http_port,https_port,https_pin,notes,id) or a JSON export')
    .option('--format <csv|json>', 'file format (default: from the extension or the content)', parseFormat)
    .option(...dataDir)
    .option('--json', 'print the import report as JSON', false)
    .action(async (file: string, opts: ImportOptions) => io.setExitCode(await runInventoryImport(file, opts, io)));
  inventory
    .command('export')
    .description('write the whole inventory as CSV or JSON (to stdout unless --output)')
    .option('--format <csv|json>', 'file format (default: from --output, else csv)', parseFormat)
    .option('--output <file>', 'write to this file instead of stdout')
    .option(...dataDir)
    .action(async (opts: ExportOptions) => io.setExitCode(await runInventoryExport(opts, io)));
  inventory
    .command('list')
    .description('show the sites and their hubs')
    .option(...dataDir)
    .option('--json', 'print the inventory document (the JSON export format)', false)
    .action(async (opts: ListOptions) => io.setExitCode(await runInventoryList(opts, io)));
  inventory
    .command('site')
    .description("show a site's settings, or forbid / allow logins over plain HTTP to its hubs")
    .argument('<name>', 'the site (its name, any case)')
    .option('--forbid-http-login', 'refuse every login over plain HTTP to this site (the MD5 login is replayable)')
    .option('--allow-http-login', 'allow logins over plain HTTP again (each one is announced with a warning)')
    .option(...dataDir)
    .action(async (name: string, opts: SiteOptions) => io.setExitCode(await runInventorySite(name, opts, io)));
}
