import { STORE_SCHEMA_VERSION } from './schemas';

/**
 * Bring a stored document written by another Hubkeeper version to the current schema. Schema 1
 * is the first, so there is nothing to convert yet; the hook exists so that the next format
 * change adds a step here instead of breaking old data folders. A NEWER schema than we know is
 * refused (we would silently drop what we do not understand).
 */
export type MigrationResult = { ok: true; value: unknown } | { ok: false; reason: string };

export function migrateDocument(raw: unknown, what: string): MigrationResult {
  if (typeof raw !== 'object' || raw === null) return { ok: false, reason: `${what} is not a JSON object` };
  const schema = (raw as { schema?: unknown }).schema;
  if (typeof schema !== 'number') return { ok: false, reason: `${what} has no schema number` };
  if (schema > STORE_SCHEMA_VERSION) {
    return {
      ok: false,
      reason: `${what} was written by a newer Hubkeeper (schema ${schema}, this version reads up to ${STORE_SCHEMA_VERSION})`,
    };
  }
  // schema 1 → current: identity. Future: if (schema === 1) raw = v1ToV2(raw); …
  return { ok: true, value: raw };
}

/** Same for one event line (`v` instead of `schema`). Returns null for a line we cannot use. */
export function migrateEventLine(raw: unknown): Record<string, unknown> | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const v = (raw as { v?: unknown }).v;
  if (v !== 1) return null;
  return raw as Record<string, unknown>;
}
