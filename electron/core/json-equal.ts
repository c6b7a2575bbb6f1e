const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Structural equality of two JSON values (what JSON.parse gives, and the monitor's live state:
 * plain objects, arrays and primitives; no cycles, no class instances). Key order does not
 * matter; a key present on one side only (even as `undefined`) makes them differ.
 *
 * On the poll's hot path (the parser's memo, the monitor's diff), so it walks keys with for-in
 * rather than building two key arrays per object: plain objects inherit no enumerable keys.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const isArray = Array.isArray(a);
  if (isArray !== Array.isArray(b)) return false;
  if (isArray) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameJson(x[i], y[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const k in x) {
    if (!hasOwn.call(y, k) || !sameJson(x[k], y[k])) return false;
    keys++;
  }
  for (const k in y) if (hasOwn.call(y, k)) keys--;
  return keys === 0;
}
