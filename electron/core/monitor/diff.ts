import { sameJson } from '../json-equal';

/**
 * Apply `next` to `target` and return only the fields whose value changed (null if none).
 * Unchanged nested objects keep their old identity, so consumers can compare by reference.
 */
export function applyChanges<T extends object>(target: T, next: Partial<T>): Partial<T> | null {
  const changes: Partial<T> = {};
  let any = false;
  // for-in over a literal's own keys: no key array per call (this runs for every poll).
  for (const key in next) {
    const value = next[key] as T[typeof key];
    if (!sameJson(target[key], value)) {
      target[key] = value;
      changes[key] = value;
      any = true;
    }
  }
  return any ? changes : null;
}
