import stringWidth from 'string-width';
import type { Translator } from '../core/i18n';
import type { AppError } from '../shared/errors';
import { hubResultName } from '../shared/hub-results';
import { cliText } from './cli-language';
import { say, type CliError } from './cli-words';
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

/**
 * A failure for people: one line on stderr, the code first so it can be searched for. `hub`
 * is named when the message does not name it already.
 */
export function writeError(io: CliIo, error: CliError, hub?: string): void {
  io.err(`${errorLine(cliText(io), error, hub)}\n`);
}

/** The language of every AppError message (core writes them for logs and technicians). */
const MESSAGE_LANGUAGE = 'en';

/**
 * The error line in the run's language. The message is shown as it is when the reader can read
 * it (the CLI's own words, or an English run); otherwise the code's meaning and the hub's result
 * in the reader's words come first (the window's errors.* and hubResult.*), the message after.
 */
export function errorLine(t: Translator, error: CliError, hub?: string): string {
  const said = error.words ? say(t, error.words) : error.message;
  const detail = hub === undefined || said.includes(hub) ? said : t.t('cliCommon.error.where', { hub, detail: said });
  const code = error.hubCode;
  const hubCode = code === null ? '' : t.t('cliCommon.error.hubCode', { code });
  const readable = error.words !== undefined || t.language === MESSAGE_LANGUAGE;
  let line: string;
  if (readable) {
    const named = code === null || said.includes(`code ${code}`);
    line = t.t('cliCommon.error.line', { code: error.code, hubCode: named ? '' : hubCode, detail });
  } else {
    const result = code === null ? null : hubResultName(code);
    const hubNote =
      code === null || result === null
        ? hubCode
        : t.t('cliCommon.error.hubNote', { code, result: t.t(`hubResult.${result}`) });
    line = t.t('cliCommon.error.explained', {
      code: error.code,
      meaning: t.t(`errors.${error.code}`),
      hubNote,
      detail,
    });
  }
  // One line, whatever the message carries from a hub (a line feed could forge another line).
  return oneLine(line);
}

/** `text` padded with spaces to `width` terminal cells: a CJK character takes two. */
function padCells(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
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
  const width = Math.max(0, ...present.map(([label]) => stringWidth(label)));
  return present.map(([label, value]) => `${padCells(label, width)}  ${value}`).join('\n');
}

/** Columns of text aligned on the widest cell of each column, widths in terminal cells. */
export function formatColumns(table: ReadonlyArray<readonly string[]>): string {
  const rows = table.map((row) => row.map(oneLine));
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, stringWidth(cell))));
  return rows
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : padCells(cell, widths[i] ?? 0))).join('  '))
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
