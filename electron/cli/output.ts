import type { AppError } from '../shared/errors';
import type { CliIo } from './io';
import { oneLine, terminalSafeJson } from './terminal-text';

/** One JSON document per command run, pretty enough for a human, stable for a script. */
export function writeJson(io: CliIo, value: unknown): void {
  io.out(`${terminalSafeJson(value, 2)}\n`);
}

/** The `error` member of every `--json` answer. */
export function errorJson(error: AppError): { code: string; hubCode: number | null; message: string } {
  return { code: error.code, hubCode: error.hubCode, message: error.message };
}

/** A failure for people: one line on stderr, the code first so it can be searched for. */
export function writeError(io: CliIo, error: AppError): void {
  const hub =
    error.hubCode === null || error.message.includes(`code ${error.hubCode}`) ? '' : ` (hub code ${error.hubCode})`;
  // One line, whatever the message carries from a hub (a line feed could forge another line).
  io.err(`error ${error.code}${hub}: ${oneLine(error.message)}\n`);
}

/**
 * A two-column table: labels padded to the widest one. Rows with a null value are left out so
 * absent information is simply not shown rather than shown as something invented.
 */
export function formatTable(rows: ReadonlyArray<readonly [string, string | null]>): string {
  // A cell is one line: a hub's line feed in a value must not forge a row.
  const present = rows
    .filter((r): r is readonly [string, string] => r[1] !== null)
    .map(([label, value]) => [label, oneLine(value)] as const);
  const width = Math.max(0, ...present.map(([label]) => label.length));
  return present.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}

/** Columns of text aligned on the widest cell of each column. */
export function formatColumns(table: ReadonlyArray<readonly string[]>): string {
  const rows = table.map((row) => row.map(oneLine));
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '))
    .join('\n');
}

/** `[########------------]  37%`: ASCII so it survives every terminal and log file. */
export function progressBar(percent: number, width = 20): string {
  const p = Math.min(100, Math.max(0, Number.isFinite(percent) ? percent : 0));
  const filled = Math.round((p / 100) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(p)).padStart(3)}%`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * An ISO time as the technician's local wall-clock time with its UTC offset, e.g.
 * `2023-09-11 04:54:31 (UTC+02:00)`: unambiguous when a report is read in another time zone.
 */
export function formatLocalTime(iso: string | null): string | null {
  if (iso === null) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} (UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)})`
  );
}

/** A local calendar date only, for dense lists (release dates). */
export function formatLocalDate(iso: string | null): string | null {
  if (iso === null) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
