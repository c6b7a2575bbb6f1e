/**
 * Spreadsheet programs run a cell that starts with = + - @ (or tab / CR, which some strip first)
 * as a formula: text from a hub or a CSV a customer sent must never become one ("CSV injection",
 * OWASP). Every CSV Hubkeeper writes passes its cells through `guardFormula`, which puts an
 * apostrophe in front (spreadsheets show the text as it is); the inventory import reads cells
 * back through `unguardFormula`, so an exported file imports to exactly what was exported.
 *
 * To keep that exact, a value that already starts with apostrophes before such a character gets
 * one more: `=1` ⇄ `'=1`, `'=1` ⇄ `''=1`. A value with an apostrophe before anything else
 * (`'quoted`) is written and read unchanged.
 */
const TRIGGER = /^'*[=+\-@\t\r]/;

export function guardFormula(value: string): string {
  return TRIGGER.test(value) ? `'${value}` : value;
}

/** The value `guardFormula` was given, for a cell it wrote (or a cell a spreadsheet guarded). */
export function unguardFormula(cell: string): string {
  return cell.startsWith("'") && TRIGGER.test(cell.slice(1)) ? cell.slice(1) : cell;
}
