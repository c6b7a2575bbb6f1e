import { z } from 'zod';

/**
 * Field readers that accept every spelling controlhub-api.md says a hub may use: numbers as
 * numeric strings, booleans as 0/1 (or "0"/"1"/"true"/"false"), versions as numbers. Used with
 * `lenient()` a value of the wrong type counts as absent (null) instead of failing the whole
 * answer: an odd field on an old firmware must not hide the state the technician came for.
 */

const DECIMAL = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;
const HEX = /^\s*0x[0-9a-f]{1,13}\s*$/i;

export const looseNumber = z
  .union([
    z.number(),
    z.string().regex(DECIMAL).transform(Number),
    z
      .string()
      .regex(HEX)
      .transform((s) => Number.parseInt(s.trim(), 16)),
  ])
  .pipe(z.number().finite());

export const looseInt = looseNumber.pipe(z.number().int());

export const looseBoolean = z.union([
  z.boolean(),
  z.union([z.literal(0), z.literal(1)]).transform((n) => n === 1),
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['0', '1', 'true', 'false']))
    .transform((s) => s === '1' || s === 'true'),
]);

/** Free text; a number is taken as its decimal spelling (a version sent as 2.1 stays "2.1"). */
export const looseString = z.union([z.string(), z.number().finite().transform(String)]);

/**
 * Absent, null or unreadable → null. Never fails, also as an object member that is missing
 * (zod 4 needs `.optional()` for that, or a missing key fails the whole object).
 */
export function lenient<T>(schema: z.ZodType<T>): z.ZodType<T | null> {
  return z
    .unknown()
    .optional()
    .transform((value) => {
      if (value === undefined || value === null) return null;
      const parsed = schema.safeParse(value);
      return parsed.success ? parsed.data : null;
    });
}

/*
 * The lenient readers the parsers use, built once at module load: a zod schema is an object
 * graph, and building one per field per answer cost more than the whole HTTP exchange.
 */
export const lenientNumber = lenient(looseNumber);
export const lenientInt = lenient(looseInt);
export const lenientBoolean = lenient(looseBoolean);
/** Non-empty text after trimming (a version, a name); a number is taken as its spelling. */
export const lenientText = lenient(looseString.pipe(z.string().trim().min(1)));
/** A 32-bit state or status word. */
export const stateWord = looseInt.pipe(z.number().min(0).max(0xffffffff));

/**
 * `lenient(schema).parse(value)` without the wrapper schema's own pass: the same answer, for
 * the fields read one by one (the wrapper is still needed inside `z.object`).
 */
export function readLenient<T>(schema: z.ZodType<T>, value: unknown): T | null {
  if (value === undefined || value === null) return null;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/*
 * The fields of every poll, read with their usual spelling answered directly and anything else
 * through the schema: the same answer as `readLenient(schema, value)` for every input (a
 * property test holds them to it), without a schema pass for a plain number, string or boolean.
 */
const nonEmptyText = looseString.pipe(z.string().trim().min(1));

export function readNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : readLenient(looseNumber, value);
}

export function readText(value: unknown): string | null {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  return readLenient(nonEmptyText, value);
}

export function readBoolean(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : readLenient(looseBoolean, value);
}

/** A state word (integer 0…0xffffffff), or null when the value is not one. */
export function readStateWord(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff) return value;
  const parsed = stateWord.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * The value as an object whose fields can be read leniently, or null for anything that is not
 * a plain object (arrays, null, primitives, class instances). The object itself, not a copy:
 * callers only read from it, and copying every level of every answer was a large share of a
 * poll's garbage.
 */
export function asObject(value: unknown): Record<string, unknown> | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null ? (value as Record<string, unknown>) : null;
}

/**
 * Unix time as ISO-8601 UTC. The update service sends seconds; a value too large for seconds
 * (after the year 5000) is taken as milliseconds, which some Magewell calls use. Zero or
 * negative means "never" and is null rather than 1970.
 */
export function isoFromUnix(value: number | null): string | null {
  if (value === null || value <= 0) return null;
  // The same few release and check times come back in every poll of every hub; formatting a
  // Date each time was a measurable share of a poll. Bounded: cleared when full.
  const known = isoCache.get(value);
  if (known !== undefined) return known;
  const ms = value > 1e11 ? value : value * 1000;
  const d = new Date(ms);
  const iso = Number.isNaN(d.getTime()) ? null : d.toISOString();
  if (isoCache.size >= ISO_CACHE_SIZE) isoCache.clear();
  isoCache.set(value, iso);
  return iso;
}

const ISO_CACHE_SIZE = 4096;
const isoCache = new Map<number, string | null>();
