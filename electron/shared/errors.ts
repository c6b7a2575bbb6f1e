import { z } from 'zod';

/**
 * The closed set of error codes every layer speaks. Errors are data, never thrown across a
 * boundary: the renderer and the CLI translate a code into words, the message is for logs
 * and for technicians reading CLI output.
 */
export const ERROR_CODES = [
  'UNREACHABLE',
  'TIMEOUT',
  'TLS_UNTRUSTED',
  'CERT_CHANGED',
  'AUTH_FAILED',
  'NOT_PERMITTED',
  'SESSION_EXPIRED',
  'PROTOCOL',
  'HUB_ERROR',
  'BAD_INPUT',
  'NOT_FOUND',
  'CANCELLED',
  'UNAVAILABLE',
  'INTERNAL',
  // The hub's site is not being visited: nothing is sent to it until the user starts a visit.
  'NOT_VISITED',
] as const;

export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const appErrorSchema = z.object({
  code: errorCodeSchema,
  /** The hub's own `result` number when the hub produced the error, else null. */
  hubCode: z.number().int().nullable(),
  message: z.string(),
});
export type AppError = z.infer<typeof appErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string, hubCode: number | null = null): Result<T> {
  return { ok: false, error: { code, hubCode, message } };
}
