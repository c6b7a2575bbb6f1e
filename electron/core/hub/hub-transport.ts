import { Axios, AxiosError, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import type http from 'node:http';
import type https from 'node:https';
import { fail, type Result } from '../../shared/errors';
import { PIN_MISMATCH_CODE } from './agents';
import { interpret, type HubReply } from './hub-reply';
import { keepAliveGet, type ExchangeFailure, type PollConnection } from './poll-connection';
import { describeNetworkError } from './network-errors';
import type { RequestScope } from './request-scope';
import { formatSeconds } from './seconds';

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
  /** The monitor's status poll (a GET): sent on its own connection, not through axios. */
  poll?: boolean;
}

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

/** Where a client's requests go and what carries them. */
export interface HubTarget {
  /** The hub's URL, for messages. */
  url: string;
  scheme: 'http' | 'https';
  axios: Axios;
  /** The status poll's connection (for HTTPS pinned like the axios agent). */
  poll: PollConnection;
  maxResponseBytes: number;
}

/** Socket errors that mean "the other side closed the connection", not "nobody is there". */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/** Failures that were a reset of a reused keep-alive socket: worth one more try for a read. */
const resetFailures = new WeakSet<object>();

/**
 * One exchange, bounded by `opts.timeoutMs`. A kept-alive socket the hub closed just as it was
 * reused shows up as a reset: a read (GET) gets one more try on a fresh connection; a login is
 * never repeated behind the user's back.
 */
export async function send(target: HubTarget, opts: SendOptions): Promise<SendOutcome> {
  const once = opts.poll && opts.method === 'GET' ? pollOnce : axiosOnce;
  const first = await once(target, opts);
  if (first.ok || opts.method !== 'GET' || !resetFailures.has(first)) return first;
  return once(target, opts);
}

/** The status poll, on its own keep-alive connection (see poll-connection.ts for why not axios). */
async function pollOnce(target: HubTarget, opts: SendOptions): Promise<SendOutcome> {
  const got = await keepAliveGet({
    connection: target.poll,
    path: opts.path,
    cookieHeader: opts.cookieHeader,
    timeoutMs: opts.timeoutMs,
    maxResponseBytes: target.maxResponseBytes,
    scope: opts.scope,
  });
  if (got.ok) {
    const { status, headers, text } = got.answer;
    return interpret(status, headers, text, target.url, target.scheme, opts.what);
  }
  return describeFailure(got.failure, target, opts);
}

async function axiosOnce(target: HubTarget, opts: SendOptions): Promise<SendOutcome> {
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
    const res: AxiosResponse<string> = await target.axios.request<string>(config);
    return interpret(
      res.status,
      res.headers as Record<string, unknown>,
      res.data,
      target.url,
      target.scheme,
      opts.what,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return describeFailure(
      {
        error,
        timedOut,
        cancelled: opts.scope.isClosed,
        tooLarge: /maxContentLength/.test(message),
        cutOff: error instanceof AxiosError && error.response !== undefined,
      },
      target,
      opts,
    );
  } finally {
    clearTimeout(timer);
    opts.scope.release(controller);
  }
}

function describeFailure(failure: ExchangeFailure, target: HubTarget, opts: SendOptions): SendOutcome {
  const where = target.url;
  if (failure.timedOut) {
    return fail(
      'TIMEOUT',
      `${where} accepted the connection but did not answer ${opts.what} within ${formatSeconds(opts.timeoutMs)}.`,
    );
  }
  if (failure.cancelled || opts.scope.isClosed) return fail('CANCELLED', `${opts.what} to ${where} was cancelled.`);
  const { error } = failure;
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (TLS_VERIFY_CODES.has(code)) return { ok: false, tls: { kind: 'tls-verify', code, message } };
  if (failure.tooLarge) {
    return fail(
      'PROTOCOL',
      `${where} sent an answer to ${opts.what} larger than ${Math.round(target.maxResponseBytes / 1024)} KB; this is not what a Control Hub sends.`,
    );
  }
  if (failure.cutOff) {
    return fail(
      'PROTOCOL',
      `${where} cut off its answer to ${opts.what} before the end (connection closed mid-answer).`,
    );
  }
  const cause = (error as { cause?: unknown }).cause;
  const described = describeNetworkError(
    { code, message: cause instanceof Error ? cause.message : message },
    where,
    target.scheme,
  );
  if (RESET_CODES.has(code)) resetFailures.add(described);
  return described;
}
