/** Structural equality for JSON-like values (the live state holds nothing else). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i += 1) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/**
 * Apply `next` to `target` and return only the fields whose value changed (null if none).
 * Unchanged nested objects keep their old identity, so consumers can compare by reference.
 */
export function applyChanges<T extends object>(target: T, next: Partial<T>): Partial<T> | null {
  const changes: Partial<T> = {};
  let any = false;
  for (const key of Object.keys(next) as Array<keyof T>) {
    const value = next[key] as T[keyof T];
    if (!sameValue(target[key], value)) {
      target[key] = value;
      changes[key] = value;
      any = true;
    }
  }
  return any ? changes : null;
}
