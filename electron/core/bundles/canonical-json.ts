/**
 * Canonical JSON: object keys sorted by code point, no white space, arrays in order. Two
 * documents with the same data give the same text whatever order their keys were written in,
 * so a bundle's hash can be checked on the parsed content rather than on raw bytes.
 * (JSON.stringify already writes strings and finite numbers one way only.)
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    // undefined, functions and symbols have no JSON form; a bundle never holds them.
    if (text === undefined) throw new TypeError('value has no JSON form');
    return text;
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}
