import { Axios, AxiosError, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import type http from 'node:http';
import type https from 'node:https';
import { parse as parseSetCookie } from 'set-cookie-parser';
import { fail, ok, type Result } from '../../shared/errors';
import { asObject, looseInt } from './loose-schemas';
import { describeNetworkError } from './network-errors';
import { PIN_MISMATCH_CODE } from './agents';
import { isNotLoggedIn } from './result-codes';
import { formatSeconds } from './seconds';

/** One HTTP exchange with a hub, reduced to what the session layer needs. */
export interface HubReply {
  /** True when the hub said "not logged in": result 37/-17, or HTTP 401/403. */
  notLoggedIn: boolean;
  /** The hub's `result` (null with `notLoggedIn` from HTTP 401/403). */
  result: number | null;
  body: Record<string, unknown>;
  /** Cookies the hub set with Set-Cookie: name → value, or null to delete. */
  setCookies: ReadonlyMap<string, string | null>;
}

export interface SendOptions {
  method: 'GET' | 'POST';
  /** Path and query, e.g. `/api/update/status?start=0&count=100`. */
  path: string;
  /** For messages: "the update status request". */
  what: string;
  /** A request body, already serialised (JSON text). */
  json?: string;
  cookieHeader: string | null;
  timeoutMs: number;
  /** The client's requests: closing it cancels this one. */
  scope: RequestScope;
}

/**
 * The requests of one client, cancelled together when it closes. Each request needs an
 * AbortSignal (its own deadline aborts it alone); a controller whose request ended without an
 * abort carries no listener any more (axios removes its own when the request settles) and is
 * handed out again, so a poll does not build a new AbortController and listen on the client's
 * lifetime signal each time.
 */
export class RequestScope {
  private closed = false;
  /**
   * In flight. An array, not a Set: a hub has one or two requests at a time, and a Set that
   * goes from one entry to none and back reallocates its table on every request.
   */
  private readonly active: AbortController[] = [];
  private readonly spare: AbortController[] = [];

  get isClosed(): boolean {
    return this.closed;
  }

  acquire(): AbortController {
    const controller = this.spare.pop() ?? new AbortController();
    if (this.closed) controller.abort();
    else this.active.push(controller);
    return controller;
  }

  release(controller: AbortController): void {
    const at = this.active.indexOf(controller);
    if (at >= 0) {
      // Order does not matter: move the last one into the gap.
      const last = this.active.pop()!;
      if (at < this.active.length) this.active[at] = last;
    }
    if (!this.closed && !controller.signal.aborted && this.spare.length < MAX_SPARE_CONTROLLERS)
      this.spare.push(controller);
  }

  /** Cancels every request in flight; later ones are cancelled at once. */
  close(): void {
    this.closed = true;
    for (const controller of this.active.splice(0)) controller.abort();
    this.spare.length = 0;
  }
}

/** A hub gets one request at a time from the monitor; a few more from one-off calls at most. */
const MAX_SPARE_CONTROLLERS = 4;

/** A TLS failure that needs the client to look at the certificate again (pin mismatch etc.). */
export interface TlsVerifyFailure {
  kind: 'tls-verify';
  code: string;
  message: string;
}

const TLS_VERIFY_CODES = new Set([
  PIN_MISMATCH_CODE,
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** A hub sets two cookies; more than this is not a Control Hub and is not kept. */
export const MAX_COOKIES = 20;

const acceptAnyStatus = (): boolean => true;

/**
 * The axios instance of one hub, created once per client (and again only when its HTTPS agent
 * changes). Built with `new Axios(...)` rather than `axios.create(...)`: its defaults are exactly
 * these, not these merged over axios's global ones, so every request merges a handful of keys
 * and runs no transform (no transitional-option validation, no per-method header buckets, no
 * JSON sniffing of bodies we parse ourselves), and nothing set on the global axios object (a
 * proxy, an interceptor) can reach hub traffic.
 */
export function createAxios(
  baseURL: string,
  httpAgent: http.Agent,
  httpsAgent: https.Agent | undefined,
  maxResponseBytes: number,
): Axios {
  return new Axios({
    baseURL,
    // Paths are our constants; never let one turn into a request to another host.
    allowAbsoluteUrls: false,
    // Node's http adapter, never fetch/xhr: only it honours our agents (keep-alive, pinning).
    adapter: 'http',
    httpAgent,
    httpsAgent,
    // Never route hub traffic through an environment proxy: it would see passwords and cookies.
    proxy: false,
    // A redirect could point anywhere, and a hub API never redirects; report it instead.
    maxRedirects: 0,
    maxContentLength: maxResponseBytes,
    maxBodyLength: 64 * 1024,
    // Text, parsed by us, so malformed and HTML answers can be told apart.
    responseType: 'text',
    responseEncoding: 'utf8',
    validateStatus: acceptAnyStatus,
    // Hubs are not known to compress, but we advertise it (axios's default) so we must cope.
    decompress: true,
    headers: { Accept: 'application/json' },
  });
}

const AXIOS_GENERIC = new Set([
  'ERR_BAD_RESPONSE',
  'ERR_BAD_REQUEST',
  'ECONNABORTED',
  'ERR_CANCELED',
  'ERR_NETWORK',
  '',
]);

/** The most specific error code: axios wraps socket/TLS errors and keeps the original as `cause`. */
function errorCode(error: unknown): string {
  const own = (error as { code?: unknown }).code;
  const cause = (error as { cause?: { code?: unknown } }).cause?.code;
  const candidates = [own, cause].filter((c): c is string => typeof c === 'string');
  return candidates.find((c) => !AXIOS_GENERIC.has(c)) ?? candidates[0] ?? '';
}

export type SendOutcome = Result<HubReply> | { ok: false; tls: TlsVerifyFailure };

/** Socket errors that mean "the other side closed the connection", not "nobody is there". */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE']);

/** Failures that were a reset of a reused keep-alive socket: worth one more try for a read. */
const resetFailures = new WeakSet<object>();

/**
 * One exchange, bounded by `opts.timeoutMs`. A kept-alive socket the hub closed just as it was
 * reused shows up as a reset: a read (GET) gets one more try on a fresh connection; a login is
 * never repeated behind the user's back.
 */
export async function send(
  client: Axios,
  where: string,
  scheme: 'http' | 'https',
  opts: SendOptions,
  maxResponseBytes: number,
): Promise<SendOutcome> {
  const first = await sendOnce(client, where, scheme, opts, maxResponseBytes);
  if (first.ok || opts.method !== 'GET' || !resetFailures.has(first)) return first;
  return sendOnce(client, where, scheme, opts, maxResponseBytes);
}

async function sendOnce(
  client: Axios,
  where: string,
  scheme: 'http' | 'https',
  opts: SendOptions,
  maxResponseBytes: number,
): Promise<SendOutcome> {
  const controller = opts.scope.acquire();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, opts.timeoutMs);
  try {
    const headers: Record<string, string> = {};
    if (opts.json !== undefined) headers['Content-Type'] = 'application/json; charset=UTF-8';
    if (opts.cookieHeader) headers.Cookie = opts.cookieHeader;
    // Only what differs per request: the instance defaults carry the rest.
    const config: AxiosRequestConfig<string> = {
      method: opts.method,
      url: opts.path,
      headers,
      signal: controller.signal,
    };
    if (opts.json !== undefined) config.data = opts.json;
    const res: AxiosResponse<string> = await client.request<string>(config);
    return interpret(res.status, res.headers as Record<string, unknown>, res.data, where, scheme, opts.what);
  } catch (error) {
    return describeFailure(error, timedOut, where, scheme, opts, maxResponseBytes);
  } finally {
    clearTimeout(timer);
    opts.scope.release(controller);
  }
}

function describeFailure(
  error: unknown,
  timedOut: boolean,
  where: string,
  scheme: 'http' | 'https',
  opts: SendOptions,
  maxResponseBytes: number,
): SendOutcome {
  if (timedOut) {
    return fail(
      'TIMEOUT',
      `${where} accepted the connection but did not answer ${opts.what} within ${formatSeconds(opts.timeoutMs)}.`,
    );
  }
  if (opts.scope.isClosed) return fail('CANCELLED', `${opts.what} to ${where} was cancelled.`);
  const code = errorCode(error);
  if (TLS_VERIFY_CODES.has(code)) {
    return {
      ok: false,
      tls: { kind: 'tls-verify', code, message: error instanceof Error ? error.message : String(error) },
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/maxContentLength/.test(message)) {
    return fail(
      'PROTOCOL',
      `${where} sent an answer to ${opts.what} larger than ${Math.round(maxResponseBytes / 1024)} KB; this is not what a Control Hub sends.`,
    );
  }
  if (error instanceof AxiosError && error.response) {
    return fail(
      'PROTOCOL',
      `${where} cut off its answer to ${opts.what} before the end (connection closed mid-answer).`,
    );
  }
  const cause = (error as { cause?: unknown }).cause;
  const failure = describeNetworkError(
    { code, message: cause instanceof Error ? cause.message : message },
    where,
    scheme,
  );
  if (RESET_CODES.has(code)) resetFailures.add(failure);
  return failure;
}

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

function interpret(
  status: number,
  headers: Record<string, unknown>,
  data: unknown,
  where: string,
  scheme: 'http' | 'https',
  what: string,
): Result<HubReply> {
  const setCookies = readSetCookies(headers);
  if (status === 401 || status === 403) return ok({ notLoggedIn: true, result: null, body: {}, setCookies });
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
  return ok({ notLoggedIn: isNotLoggedIn(result), result, body, setCookies });
}
