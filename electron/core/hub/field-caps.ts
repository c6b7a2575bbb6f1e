/**
 * Length caps on the strings a hub sends, checked where answers are parsed. Every hub string is
 * untrusted: a 2 MB "version" is not a version but a hub gone wrong (or hostile), and it must
 * not travel on into the live state, the store, the window or a terminal. A field over its cap
 * fails the whole answer as a PROTOCOL error that names the field and its length (never its
 * content), and nothing of the answer is kept.
 *
 * The caps are generous against what real hubs send (a version is `2.1.28`, a digest 64 hex
 * digits, an OS name a distribution's pretty name) and small against what a screen can show.
 */
export const FIELD_CAPS = {
  /** `version`, `newest-version`, version entries, `cloud-version`, `hardware-ver`. */
  version: 64,
  /** A version entry's `digest` (SHA-256 is 64 hex digits; room for SHA-512). */
  digest: 128,
  /** `os-name`. */
  osName: 256,
  /** User, group and device names, device models. */
  name: 256,
  /** A managed device's serial number (`sn`). */
  serial: 128,
  /** The free-text `info` and any other message-like text. */
  text: 4096,
  /** A session token (`token`, `sid`). */
  token: 1024,
  /** A number or date written as a string ("1694400871", "0x200"). */
  number: 64,
} as const;

/** Thrown inside a parser by `capped`, turned into the parser's PROTOCOL error at its top. */
export class FieldTooLong extends Error {
  constructor(
    readonly field: string,
    readonly length: number,
    readonly max: number,
  ) {
    super(`the "${field}" field is ${length} characters long, more than the ${max} a Control Hub sends`);
  }
}

/** `value` unchanged, after checking that a string is within `max` characters. */
export function capped<T>(field: string, value: T, max: number): T {
  if (typeof value === 'string' && value.length > max) throw new FieldTooLong(field, value.length, max);
  return value;
}
