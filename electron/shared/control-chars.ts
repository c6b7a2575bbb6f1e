/**
 * The characters a terminal (or a viewer of a file) acts on instead of showing: C0 controls
 * except line feed and tab, DEL, C1 (8-bit CSI, OSC, DCS… on terminals that honour them), the
 * bidi embedding/override/isolate marks and the Unicode line and paragraph separators. Hub
 * strings are untrusted and may carry any of them. One list for the CLI's terminal escaping
 * (cli/terminal-text.ts) and for JSON documents Hubkeeper writes.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const hex4 = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * JSON as JSON.stringify writes it, with the characters above that it leaves raw (DEL, C1, bidi
 * marks, separators) written as `\uXXXX` escapes: the same document for every parser, and safe to
 * print or `cat`. (They can only occur inside strings, where the escape is valid.)
 */
export function jsonEscapingControls(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(CONTROL_CHARS, hex4);
}
