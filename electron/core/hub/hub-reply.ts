import { parse as parseSetCookie } from 'set-cookie-parser';
import { fail, ok, type Result } from '../../shared/errors';
import { asObject, looseInt } from './loose-schemas';
import { isNotLoggedIn } from './result-codes';

/** One HTTP exchange with a hub, reduced to what the session layer needs. */
export interface HubReply {
  /** True when the hub said "not logged in": result 37/-17, or HTTP 401/403. */
  notLoggedIn: boolean;
  /** The hub's `result` (null with `notLoggedIn` from HTTP 401/403). */
  result: number | null;
  body: Record<string, unknown>;
  /** The answer as it came (the text `body` was parsed from); empty for a 401/403. */
  text: string;
  /** Cookies the hub set with Set-Cookie: name → value, or null to delete. */
  setCookies: ReadonlyMap<string, string | null>;
}

/** A hub sets two cookies; more than this is not a Control Hub and is not kept. */
export const MAX_COOKIES = 20;

const NO_COOKIES: ReadonlyMap<string, string | null> = new Map();

function readSetCookies(headers: Record<string, unknown>): ReadonlyMap<string, string | null> {
  const raw = headers['set-cookie'];
  // Most answers set no cookie: no parser, no map.
  if (raw === undefined || raw === null) return NO_COOKIES;
  const out = new Map<string, string | null>();
  const list = Array.isArray(raw)
    ? raw.filter((v): v is string => typeof v === 'string')
    : typeof raw === 'string'
      ? [raw]
      : [];
  for (const cookie of parseSetCookie(list.slice(0, MAX_COOKIES), { decodeValues: false })) {
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(cookie.name)) continue;
    const expired =
      cookie.maxAge !== undefined
        ? cookie.maxAge <= 0
        : cookie.expires !== undefined && cookie.expires.getTime() <= Date.now();
    out.set(cookie.name, expired ? null : cookie.value);
  }
  return out;
}

/** The hub's result code; a plain integer (what hubs send) needs no schema. */
function resultCode(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  const parsed = looseInt.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * 502 Bad Gateway and 504 Gateway Timeout come from a web server in front of the hub (nginx on
 * the appliance, a site's reverse proxy), not from the hub's API: they say the hub service
 * behind it did not answer. For the monitor that is the hub not answering (a restart during an
 * update), the same as a refused connection or a timeout, never a failure of the hub itself.
 */
function gatewayFailure(status: number, where: string, what: string): Result<never> | null {
  if (status === 502)
    return fail(
      'UNREACHABLE',
      `${where} answered ${what} with HTTP 502 (Bad Gateway): the web server in front of the hub could not reach ` +
        'the Control Hub service behind it (restarting or stopped).',
    );
  if (status === 504)
    return fail(
      'TIMEOUT',
      `${where} answered ${what} with HTTP 504 (Gateway Timeout): the Control Hub service behind its web server ` +
        'did not answer in time (busy or restarting).',
    );
  return null;
}

/**
 * A hub's HTTP answer (status, lower-case headers, body text) read as the Control Hub API,
 * whichever way it was fetched: not-logged-in answers, redirects, HTTP errors, web pages and
 * malformed JSON each become a clear error.
 */
export function interpret(
  status: number,
  headers: Record<string, unknown>,
  data: unknown,
  where: string,
  scheme: 'http' | 'https',
  what: string,
): Result<HubReply> {
  const setCookies = readSetCookies(headers);
  if (status === 401 || status === 403) return ok({ notLoggedIn: true, result: null, body: {}, text: '', setCookies });
  if (status >= 300 && status < 400) {
    const location = typeof headers.location === 'string' ? headers.location : '';
    const toHttps = scheme === 'http' && location.startsWith('https://');
    return fail(
      'PROTOCOL',
      `${where} redirected ${what} (HTTP ${status}${location ? ` to ${location.slice(0, 120)}` : ''}); ` +
        (toHttps
          ? 'the hub wants HTTPS: use its https:// address.'
          : 'Hubkeeper does not follow redirects; check the address.'),
    );
  }
  if (status === 404)
    return fail(
      'PROTOCOL',
      `${where} has no Control Hub API (HTTP 404 for ${what}); is this a Control Hub, and the right port?`,
    );
  const gateway = gatewayFailure(status, where, what);
  if (gateway) return gateway;
  if (status >= 500)
    return fail(
      'HUB_ERROR',
      `${where} failed internally while answering ${what} (HTTP ${status}); try again, or restart the hub's service.`,
    );
  if (status !== 200)
    return fail('PROTOCOL', `${where} answered ${what} with HTTP ${status}, not the Control Hub API's 200.`);

  const text = typeof data === 'string' ? data : '';
  const contentType = typeof headers['content-type'] === 'string' ? headers['content-type'] : '';
  if (/text\/html/i.test(contentType) || /^\s*</.test(text)) {
    return fail(
      'PROTOCOL',
      `${where} answered ${what} with a web page instead of Control Hub data; is this a Control Hub, and the right port?`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fail(
      'PROTOCOL',
      text.trim() === ''
        ? `${where} sent an empty answer to ${what}.`
        : `${where} sent an answer to ${what} that is not valid JSON (damaged or cut off).`,
    );
  }
  const body = asObject(parsed);
  if (!body) return fail('PROTOCOL', `${where} answered ${what} with JSON that is not an object.`);
  const result = resultCode(body.result);
  if (result === null) return fail('PROTOCOL', `${where} answered ${what} without a Control Hub result code.`);
  return ok({ notLoggedIn: isNotLoggedIn(result), result, body, text, setCookies });
}
