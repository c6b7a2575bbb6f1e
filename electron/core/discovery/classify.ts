import type { HttpAnswer } from './http-response';

/**
 * Telling a Control Hub from any other web server (controlhub-api.md, "Finding hubs"). A hub
 * asked for `/api/update/status` without cookies answers HTTP 200 with JSON whose integer
 * `result` is the not-logged-in code of either family (37 current, -17 legacy). Some units may
 * answer 401/403 instead; then a login with a wrong password that comes back as JSON with an
 * integer `result` confirms it. Anything else is some other web server.
 */

export const NOT_LOGGED_IN_CODES: readonly number[] = [37, -17];

export type StatusVerdict = 'hub' | 'confirm-with-login' | 'web';

/** Hubs may send numbers as numeric strings (a tolerated variant), so "37" counts as 37. */
function integerResult(body: Buffer): number | null {
  const text = body
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trim();
  if (!text.startsWith('{')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const result = (parsed as Record<string, unknown>).result;
  if (typeof result === 'number' && Number.isInteger(result)) return result;
  if (typeof result === 'string' && /^\s*-?\d+\s*$/.test(result)) return Number(result);
  return null;
}

export function classifyStatusAnswer(answer: HttpAnswer): StatusVerdict {
  if (answer.status === 401 || answer.status === 403) return 'confirm-with-login';
  if (answer.status !== 200) return 'web';
  const result = integerResult(answer.body);
  return result !== null && NOT_LOGGED_IN_CODES.includes(result) ? 'hub' : 'web';
}

/**
 * The wrong-password login: HTTP 200 (or the same 401/403 the unit gave before) with a JSON
 * object carrying an integer `result` — that is the hub's API talking, not a generic 401 page.
 */
export function classifyLoginAnswer(answer: HttpAnswer): 'hub' | 'web' {
  if (answer.status !== 200 && answer.status !== 401 && answer.status !== 403) return 'web';
  return integerResult(answer.body) !== null ? 'hub' : 'web';
}

/**
 * What web servers answer when plain HTTP reaches their TLS port: nginx "400 The plain HTTP
 * request was sent to HTTPS port" (its internal code 497 when remapped), Apache "You're speaking
 * plain HTTP to an SSL-enabled server port", Go "Client sent an HTTP request to an HTTPS
 * server". Such a port is an HTTPS port and is probed again over TLS.
 */
const TLS_HINT =
  /plain HTTP request was sent to HTTPS port|speaking plain HTTP to an SSL-enabled server|sent an HTTP request to an HTTPS server/i;

export function answerAsksForTls(answer: HttpAnswer): boolean {
  if (answer.status !== 400 && answer.status !== 497) return false;
  return TLS_HINT.test(answer.body.toString('latin1'));
}
