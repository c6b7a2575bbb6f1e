/**
 * The redaction step every log sink and the diagnostics text go through. A hub's answer, an
 * axios error or a caller's detail object may carry a password, a session cookie, a token or a
 * URL with credentials in it; none of that may reach a log file or a support e-mail. Works on
 * key names (a `password` field is dropped whatever its value) and on text patterns (a cookie
 * header or `user:pass@` inside any string), and survives hostile objects: cycles, throwing
 * getters, huge arrays, deep nesting.
 */

export const REDACTED = '[redacted]';

/** Field names whose values are secrets whatever they hold. */
const SECRET_KEY =
  /pass(word|wd|phrase)?$|^pwd$|secret|token|cookie|^auth([-_]?(token|header))?$|authori[sz]ation|credential|session(id)?$|^sid$|api[-_]?key|private[-_]?key/i;

const TEXT_RULES: ReadonlyArray<[RegExp, string]> = [
  // Cookie and authorisation headers: everything after the colon, to the end of the line.
  [/\b(set-cookie|cookie|authorization|proxy-authorization)(["']?\s*[:=]\s*)[^\r\n]*/gi, `$1$2${REDACTED}`],
  // Bearer / Basic credentials anywhere.
  [/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${REDACTED}`],
  // user:password@ (or just user@) in a URL, up to the authority's last @.
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#"']*@/gi, `$1${REDACTED}@`],
  // user:password@host typed without a scheme.
  [/(^|[\s"'(,=<[])[^\s/?#"'@:]+:[^\s/?#"']*@/g, `$1${REDACTED}@`],
  // key=value or "key": "value" pairs whose key names a secret (query strings, JSON, form bodies).
  [
    /\b([\w-]*(?:password|passwd|pwd|secret|token|cookie|session[-_]?id|sid|api[-_]?key|auth))(["']?\s*[:=]\s*["']?)[^\s"'&;,}]+/gi,
    `$1$2${REDACTED}`,
  ],
];

const MAX_STRING = 2000;
const MAX_DEPTH = 6;
const MAX_ITEMS = 50;

/** Removes secrets from free text (a message, a stack, a hub's answer). */
export function redactText(text: string): string {
  let out = text.length > MAX_STRING * 4 ? `${text.slice(0, MAX_STRING * 4)}…` : text;
  for (const [pattern, replacement] of TEXT_RULES) out = out.replace(pattern, replacement);
  return out.length > MAX_STRING ? `${out.slice(0, MAX_STRING)}…` : out;
}

/**
 * A plain, JSON-safe copy of `value` with secrets removed. Never throws and never calls
 * `toJSON` or any other method of the value (a hostile object cannot run code through it
 * beyond its own getters, whose throws are caught).
 */
export function redactValue(value: unknown): unknown {
  return walk(value, 0, new WeakSet());
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (value === null || value === undefined) return value ?? null;
  switch (typeof value) {
    case 'string':
      return redactText(value);
    case 'number':
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'symbol':
    case 'function':
      return undefined;
  }
  const object = value as object;
  if (seen.has(object)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(object);
  try {
    if (value instanceof Error) return errorShape(value, depth, seen);
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[binary ${value.byteLength} bytes]`;
    if (value instanceof Map) return walk(Object.fromEntries([...value].slice(0, MAX_ITEMS)), depth, seen);
    if (value instanceof Set) return walk([...value], depth, seen);
    if (Array.isArray(value)) {
      const items = value.slice(0, MAX_ITEMS).map((item) => walk(item, depth + 1, seen));
      if (value.length > MAX_ITEMS) items.push(`[${value.length - MAX_ITEMS} more]`);
      return items;
    }
    return walkObject(object, depth, seen);
  } catch {
    return '[unreadable]';
  } finally {
    seen.delete(object);
  }
}

function walkObject(object: object, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = Object.keys(object);
  for (const key of keys.slice(0, MAX_ITEMS)) {
    if (SECRET_KEY.test(key)) {
      out[key] = REDACTED;
      continue;
    }
    let field: unknown;
    try {
      field = (object as Record<string, unknown>)[key];
    } catch {
      field = '[unreadable]';
    }
    const walked = walk(field, depth + 1, seen);
    if (walked !== undefined) out[redactText(key)] = walked;
  }
  if (keys.length > MAX_ITEMS) out['…'] = `${keys.length - MAX_ITEMS} more fields`;
  return out;
}

function errorShape(error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const read = (get: () => unknown): unknown => {
    try {
      return get();
    } catch {
      return '[unreadable]';
    }
  };
  // Own fields such as axios' `config` (headers with the cookie) go through the key rules too.
  const own = walkObject(error, depth, seen);
  return {
    ...own,
    name: walk(
      read(() => error.name),
      depth + 1,
      seen,
    ),
    message: walk(
      read(() => error.message),
      depth + 1,
      seen,
    ),
    stack: walk(
      read(() => error.stack),
      depth + 1,
      seen,
    ),
    ...(error.cause !== undefined
      ? {
          cause: walk(
            read(() => error.cause),
            depth + 1,
            seen,
          ),
        }
      : {}),
  };
}
