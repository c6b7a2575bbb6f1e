import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { fail, ok, type Result } from '../../shared/errors';
import {
  INVENTORY_CSV_COLUMNS,
  type ImportIssue,
  type Inventory,
  type InventoryEndpoint,
} from '../../shared/inventory';
import { guardFormula, unguardFormula } from '../csv-formula';
import { normalisePin } from '../hub/pin';
import { checkAddress, checkPort, textProblem, type ImportRow } from './import-rows';

/**
 * The inventory as CSV, one row per hub, for spreadsheets:
 *
 *   site,default_user,name,address,http_port,https_port,https_pin,notes,id
 *   Plant A,Admin,Hall 1,192.168.1.20,80,443,sha256:…,rack 3,…
 *
 * Import reads any column order, matches headers case-insensitively (a few obvious aliases too:
 * host, ip, user, pin…), guesses `,` `;` or tab from the header line (spreadsheets in many
 * locales save with `;`), ignores empty lines, and checks every row on its own: a bad row is
 * reported with its line number and skipped, every good row is kept. A hub with several ports
 * of one scheme lists them separated by spaces; `https_pin` then lists one pin per HTTPS port in
 * the same order, `-` for "not pinned".
 */

type Column = (typeof INVENTORY_CSV_COLUMNS)[number];

const ALIASES: Record<string, Column> = {
  site: 'site',
  site_name: 'site',
  customer: 'site',
  default_user: 'default_user',
  forbid_http_login: 'forbid_http_login',
  forbid_http: 'forbid_http_login',
  user: 'default_user',
  username: 'default_user',
  user_name: 'default_user',
  name: 'name',
  display_name: 'name',
  hub: 'name',
  hub_name: 'name',
  address: 'address',
  host: 'address',
  ip: 'address',
  ip_address: 'address',
  http_port: 'http_port',
  https_port: 'https_port',
  https_pin: 'https_pin',
  pin: 'https_pin',
  fingerprint: 'https_pin',
  https_fingerprint: 'https_pin',
  notes: 'notes',
  note: 'notes',
  comment: 'notes',
  id: 'id',
};

export interface CsvImport {
  rows: ImportRow[];
  bad: ImportIssue[];
  warnings: ImportIssue[];
}

interface RawRecord {
  line: number;
  fields: string[];
}

function guessDelimiter(text: string): string {
  const firstLine =
    text
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .find((l) => l.trim() !== '') ?? '';
  const counts = [',', ';', '\t'].map((c) => ({ c, n: firstLine.split(c).length - 1 }));
  const best = counts.reduce((a, b) => (b.n > a.n ? b : a));
  return best.n > 0 ? best.c : ',';
}

/**
 * Records with their line numbers. A quote that never closes would swallow the rest of the
 * file; instead its line is reported and parsing resumes on the next line.
 */
function readRecords(text: string, delimiter: string, bad: ImportIssue[]): RawRecord[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const records: RawRecord[] = [];
  let from = 0; // index in `lines` where the current chunk starts
  while (from < lines.length) {
    let unclosed = false;
    let lastLine = from; // last line (1-based, absolute) that ended a good record
    const chunk = lines.slice(from).join('\n');
    const parsed = parse(chunk, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (error: (Error & { code?: string; lines?: number }) | undefined) => {
        if (!error) return;
        if (error.code === 'CSV_QUOTE_NOT_CLOSED') unclosed = true;
        else
          bad.push({
            line: from + (error.lines ?? 1),
            message: `cannot be read as CSV (${error.message.replace(/ at line \d+.*$/, '')}); row skipped`,
          });
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
    for (const { record, info } of parsed) {
      records.push({ line: from + info.lines, fields: record });
      lastLine = from + info.lines;
    }
    if (!unclosed) break;
    // The broken record starts on the first non-empty line after the last good one.
    let start = lastLine; // 0-based index of the line after lastLine
    while (start < lines.length && lines[start]!.trim() === '') start++;
    if (start >= lines.length) break;
    bad.push({ line: start + 1, message: 'a quote (") opens in this row and never closes; row skipped' });
    from = start + 1;
  }
  return records;
}

/** Parses a CSV inventory into rows; fails only when the file as a whole is unusable. */
export function parseInventoryCsv(text: string): Result<CsvImport> {
  const bad: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  if (text.trim() === '') return fail('BAD_INPUT', 'The CSV file is empty.');
  const records = readRecords(text, guessDelimiter(text), bad);
  const header = records.shift();
  if (!header) return fail('BAD_INPUT', 'The CSV file has no header row.');

  const columns = new Map<Column, number>();
  header.fields.forEach((raw, index) => {
    const key = raw
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    // Own keys only: a header such as "constructor" must not find Object.prototype's member.
    const column = Object.hasOwn(ALIASES, key) ? ALIASES[key] : undefined;
    if (!column) {
      if (key !== '')
        warnings.push({ line: header.line, message: `column "${raw.trim()}" is not known and was ignored` });
    } else if (columns.has(column)) {
      warnings.push({
        line: header.line,
        message: `column "${raw.trim()}" repeats ${column}; only the first one is read`,
      });
    } else {
      columns.set(column, index);
    }
  });
  const missing = (['site', 'address'] as const).filter((c) => !columns.has(c));
  if (missing.length > 0 || (!columns.has('http_port') && !columns.has('https_port'))) {
    const need = [
      ...missing,
      ...(!columns.has('http_port') && !columns.has('https_port') ? ['http_port or https_port'] : []),
    ];
    return fail(
      'BAD_INPUT',
      `The first row of the CSV must name the columns; missing: ${need.join(', ')}. Expected columns: ${INVENTORY_CSV_COLUMNS.join(', ')}.`,
    );
  }

  const rows: ImportRow[] = [];
  for (const record of records) {
    // A cell the export guarded (csv-formula.ts) reads back as the value it guarded.
    const get = (c: Column) => (columns.has(c) ? unguardFormula((record.fields[columns.get(c)!] ?? '').trim()) : '');
    const extra = record.fields.slice(header.fields.length).filter((f) => f.trim() !== '');
    if (extra.length > 0) {
      bad.push({
        line: record.line,
        message: `has ${record.fields.length} fields but the header names ${header.fields.length} (a comma inside a value needs quotes); row skipped`,
      });
      continue;
    }
    const row = readRow(record.line, get);
    if (typeof row === 'string') bad.push({ line: record.line, message: `${row}; row skipped` });
    else rows.push(row);
  }
  return ok({ rows, bad: bad.sort((a, b) => a.line - b.line), warnings });
}

/** A yes/no cell (yes, no, true, false, 1, 0, empty = no); null when it is neither. */
function yesNo(text: string): boolean | null {
  const value = text.trim().toLowerCase();
  if (['yes', 'y', 'true', '1'].includes(value)) return true;
  if (['', 'no', 'n', 'false', '0'].includes(value)) return false;
  return null;
}

/** One CSV row to an ImportRow, or the reason it cannot be imported. */
function readRow(line: number, get: (c: Column) => string): ImportRow | string {
  const site = get('site');
  if (site === '') return 'the site is empty';
  const address = checkAddress(get('address'));
  if (!address.ok) return address.why;
  const problems = [
    textProblem('name', site, 'site'),
    textProblem('name', get('default_user'), 'default_user'),
    textProblem('name', get('name'), 'name'),
    textProblem('notes', get('notes'), 'notes'),
    get('id') === '' ? null : textProblem('id', get('id'), 'id'),
  ].filter((p): p is string => p !== null);
  if (problems.length > 0) return problems[0]!;

  const endpoints: InventoryEndpoint[] = [];
  for (const [column, scheme] of [
    ['http_port', 'http'],
    ['https_port', 'https'],
  ] as const) {
    for (const text of get(column)
      .split(/\s+/)
      .filter((t) => t !== '')) {
      const port = checkPort(text, column);
      if (!port.ok) return port.why;
      if (!endpoints.some((e) => e.scheme === scheme && e.port === port.port))
        endpoints.push({ scheme, port: port.port, pin: null });
    }
  }
  if (endpoints.length === 0) return 'no port: give http_port, https_port or both';
  const forbidHttpLogin = yesNo(get('forbid_http_login'));
  if (forbidHttpLogin === null)
    return `forbid_http_login "${get('forbid_http_login')}" is not yes or no (empty means no)`;

  const pins = get('https_pin')
    .split(/\s+/)
    .filter((t) => t !== '');
  const https = endpoints.filter((e) => e.scheme === 'https');
  if (pins.length > 0) {
    if (https.length === 0) return 'https_pin is given but https_port is empty';
    if (pins.length !== https.length)
      return `https_pin lists ${pins.length} pins for ${https.length} HTTPS ports (one per port, "-" for none)`;
    for (const [i, text] of pins.entries()) {
      if (text === '-') continue;
      const pin = normalisePin(text);
      if (!pin.ok) return `https_pin "${text}" is not a certificate fingerprint (sha256: and 64 hex digits)`;
      https[i]!.pin = pin.value;
    }
  }
  return {
    line,
    site: {
      id: null,
      name: site,
      defaultUser: get('default_user'),
      notes: null,
      ...(forbidHttpLogin ? { forbidHttpLogin } : {}),
    },
    hub: {
      id: get('id') || null,
      name: get('name'),
      address: address.address,
      endpoints,
      notes: get('notes'),
      addedAt: null,
    },
  };
}

/** The whole inventory as CSV (UTF-8 with BOM, so spreadsheets read non-ASCII site names right). */
export function inventoryToCsv(inventory: Inventory): string {
  const sites = new Map(inventory.sites.map((s) => [s.id, s]));
  const hubs = [...inventory.hubs].sort((a, b) => {
    const sa = sites.get(a.siteId)?.name ?? '';
    const sb = sites.get(b.siteId)?.name ?? '';
    return sa.localeCompare(sb) || (a.name || a.address).localeCompare(b.name || b.address);
  });
  const records = hubs.map((hub) => {
    const site = sites.get(hub.siteId);
    const ports = (scheme: 'http' | 'https') =>
      hub.endpoints
        .filter((e) => e.scheme === scheme)
        .map((e) => String(e.port))
        .join(' ');
    const https = hub.endpoints.filter((e) => e.scheme === 'https');
    const pins = https.some((e) => e.pin) ? https.map((e) => e.pin ?? '-').join(' ') : '';
    const row: Record<Column, string> = {
      site: site?.name ?? '',
      default_user: site?.defaultUser ?? '',
      name: hub.name,
      address: hub.address,
      http_port: ports('http'),
      https_port: ports('https'),
      https_pin: pins,
      notes: hub.notes,
      id: hub.id,
      forbid_http_login: site?.forbidHttpLogin ? 'yes' : '',
    };
    // Names and notes may come from hubs or from a customer's file: never a formula.
    return INVENTORY_CSV_COLUMNS.map((c) => guardFormula(row[c]));
  });
  return stringify([[...INVENTORY_CSV_COLUMNS], ...records], { bom: true });
}
