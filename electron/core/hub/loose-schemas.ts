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
  .union([z.number(), z.string().regex(DECIMAL).transform(Number), z.string().regex(HEX).transform((s) => Number.parseInt(s.trim(), 16))])
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
/** A count or an index: an integer ≥ 0. */
export const lenientCount = lenient(looseInt.pipe(z.number().min(0)));
/** A 32-bit state or status word. */
export const stateWord = looseInt.pipe(z.number().min(0).max(0xffffffff));

/** An object whose fields are read leniently; anything that is not a plain object → null. */
export const plainObject = z.record(z.string(), z.unknown());

export function asObject(value: unknown): Record<string, unknown> | null {
  const parsed = plainObject.safeParse(value);
  return parsed.success && !Array.isArray(value) ? parsed.data : null;
}

/**
 * Unix time as ISO-8601 UTC. The update service sends seconds; a value too large for seconds
 * (after the year 5000) is taken as milliseconds, which some Magewell calls use. Zero or
 * negative means "never" and is null rather than 1970.
 */
export function isoFromUnix(value: number | null): string | null {
  if (value === null || value <= 0) return null;
  const ms = value > 1e11 ? value : value * 1000;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
