import { CONTROL_CHARS as UNSAFE, jsonEscapingControls } from '../shared/control-chars';

/**
 * Text for a terminal, made harmless. Hub strings (versions, names, error texts) are untrusted:
 * raw, an ESC could clear the screen, move the cursor to forge lines, set the window title or
 * the clipboard (OSC 52); an 8-bit C1 byte does the same on terminals that honour it, and
 * bidirectional overrides make a line read differently from what it contains.
 *
 * Every such character is escaped visibly rather than dropped, so a technician sees that the
 * hub sent something odd (`\x1b]52;c;…`): C0 controls except line feed and tab, DEL, C1,
 * the bidi embedding/override/isolate marks and the Unicode line and paragraph separators. An
 * escape sequence loses its introducer, so its remaining characters are plain text.
 */

/**
 * For terminal text a CR is harmless only as part of CRLF (the CSV report's line ends); alone
 * it returns to the start of the line to overwrite it.
 */
const TERMINAL_UNSAFE = new RegExp(`(?!\\r\\n)${UNSAFE.source}`, 'g');
const TERMINAL_UNSAFE_TEST = new RegExp(TERMINAL_UNSAFE.source);
/** The same, plus line feed and tab: for a value that must stay on its line. */
const UNSAFE_IN_LINE = new RegExp(`${UNSAFE.source.slice(0, -1)}\\n\\t]`, 'g');

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every terminal control escaped; line feeds, tabs and CRLF kept. */
export function terminalSafe(text: string): string {
  return TERMINAL_UNSAFE_TEST.test(text) ? text.replace(TERMINAL_UNSAFE, escapeChar) : text;
}

/** A value for one line of a table or message: line feeds and tabs escaped as well. */
export function oneLine(text: string): string {
  return text.replace(UNSAFE_IN_LINE, escapeChar);
}

/** JSON for the terminal: the same document, nothing in it that `terminalSafe` would touch. */
export function terminalSafeJson(value: unknown, indent?: number): string {
  return jsonEscapingControls(value, indent);
}

/**
 * The CLI's own cursor and line controls (watch's redraw, scan's progress line), the only escape
 * sequences that may reach the terminal. They take no text: hub text cannot travel this way.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /^(?:\r|\x1b\[\d{0,4}[FJK]|\x1b\[2K|\x1b\[\?25[hl])+$/;

export function isTerminalControl(sequence: string): boolean {
  return CONTROL.test(sequence);
}
