import { LOGIN_SESSION_FORMS, type Variants } from './types';

/** Every variant off: the hub answers exactly like the seed example. */
export const DEFAULT_VARIANTS: Readonly<Variants> = Object.freeze({
  topLevelFields: false,
  newestVersionAsString: false,
  booleansAsNumbers: false,
  numericStrings: false,
  legacyCodes: false,
  http401OnExpiry: false,
  http403OnExpiry: false,
  unknownStateBits: false,
  progressOutOfRange: false,
  missingOnlineStatus: false,
  missingVersions: false,
  defaultPageSize: 3,
  maxPageSize: 0,
  authFailed36: false,
  noSetCookie: false,
  loginSession: 'token-and-cookies',
  extraFields: false,
  deviceListWithoutTotal: false,
  devicePageSize: 0,
});

export const VARIANT_NAMES = Object.keys(DEFAULT_VARIANTS) as (keyof Variants)[];
const NUMERIC_VARIANTS: readonly (keyof Variants)[] = ['defaultPageSize', 'maxPageSize', 'devicePageSize'];

/** Merges a partial variant over `base`, rejecting unknown names and wrong types. */
export function mergeVariants(base: Readonly<Variants>, partial: Partial<Variants> | undefined): Variants {
  const out: Variants = { ...base };
  if (!partial) return out;
  for (const [key, value] of Object.entries(partial)) {
    if (!(key in DEFAULT_VARIANTS))
      throw new TypeError(`unknown simulator variant "${key}" (known: ${VARIANT_NAMES.join(', ')})`);
    if (value === undefined) continue;
    const k = key as keyof Variants;
    if (NUMERIC_VARIANTS.includes(k)) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
        throw new TypeError(`simulator variant ${key} must be an integer ≥ 0`);
    } else if (k === 'progressOutOfRange') {
      if (typeof value !== 'boolean' && (typeof value !== 'number' || !Number.isFinite(value))) {
        throw new TypeError('simulator variant progressOutOfRange must be a boolean or a number');
      }
    } else if (k === 'loginSession') {
      if (!(LOGIN_SESSION_FORMS as readonly unknown[]).includes(value))
        throw new TypeError(`simulator variant loginSession must be one of ${LOGIN_SESSION_FORMS.join(', ')}`);
    } else if (typeof value !== 'boolean') {
      throw new TypeError(`simulator variant ${key} must be a boolean`);
    }
    (out as unknown as Record<string, unknown>)[k] = value;
  }
  return out;
}

/**
 * Type transforms that apply to every JSON body (booleans as 0/1, numbers as strings). The
 * top-level `result` stays an integer: probes and clients identify a hub by it.
 */
export function applyValueVariants(body: Record<string, unknown>, v: Readonly<Variants>): Record<string, unknown> {
  if (!v.booleansAsNumbers && !v.numericStrings) return body;
  const convert = (value: unknown): unknown => {
    if (typeof value === 'boolean') {
      if (!v.booleansAsNumbers) return value;
      return v.numericStrings ? (value ? '1' : '0') : value ? 1 : 0;
    }
    if (typeof value === 'number') return v.numericStrings ? String(value) : value;
    if (Array.isArray(value)) return value.map(convert);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, val] of Object.entries(value)) out[k] = convert(val);
      return out;
    }
    return value;
  };
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(body)) out[k] = k === 'result' ? val : convert(val);
  return out;
}
