import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import type { Cancellable, RequestScope } from './request-scope';

/**
 * The monitor's status poll as one plain keep-alive GET over Node's http module: the request
 * every watched hub makes every second, 500 a second for a large fleet.
 *
 * Everything else a hub is asked (login, logout, history pages, system status, settings) goes
 * through the client's axios instance. The poll does not, because axios's per-request machinery
 * (config merging, header objects, abort-signal listeners, response streams) costs about twice
 * what the request itself costs in Node; `test/bench/poll` prints that split layer by layer.
 * This path keeps everything that matters for safety the same as axios's: the same keep-alive
 * agent (so for HTTPS the same pinned certificate, checked on every handshake), no proxy, no
 * redirect followed, the same deadline covering connection to last byte, the same response-size
 * bound, and the answer is read by the same `interpret` and zod parsing afterwards.
 */

export interface GetRequest {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  /** The hub's keep-alive agent: for HTTPS the pinned one. */
  agent: http.Agent;
  path: string;
  cookieHeader: string | null;
  timeoutMs: number;
  maxResponseBytes: number;
  scope: RequestScope;
}

export interface GetAnswer {
  status: number;
  /** Lower-case names, as Node gives them. */
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** Why a GET brought no complete answer; the transport words it the same as axios's failures. */
export interface GetFailure {
  error: unknown;
  timedOut: boolean;
  cancelled: boolean;
  tooLarge: boolean;
  /** The answer had begun (status and headers came) and the connection closed before its end. */
  cutOff: boolean;
}

export type GetOutcome = { ok: true; answer: GetAnswer } | { ok: false; failure: GetFailure };

const JSON_ONLY = { Accept: 'application/json' } as const;

/**
 * One GET, bounded by `timeoutMs` from the first byte sent to the last byte read. Never throws;
 * resolves once. The request does not advertise compression (hubs do not compress), but an
 * answer that is compressed anyway is unpacked, within the same size bound.
 */
export function keepAliveGet(request: GetRequest): Promise<GetOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    let timedOut = false;
    let cancelled = false;
    let tooLarge = false;
    let answering = false;
    const headers = request.cookieHeader ? { ...JSON_ONLY, Cookie: request.cookieHeader } : JSON_ONLY;
    const req = (request.scheme === 'https' ? https : http).request({
      host: request.host,
      port: request.port,
      path: request.path,
      method: 'GET',
      agent: request.agent,
      headers,
    });
    const handle: Cancellable = {
      abort: () => {
        cancelled = true;
        req.destroy(new Error('cancelled'));
      },
    };
    const timer = setTimeout(() => {
      timedOut = true;
      req.destroy(new Error(`no complete answer within ${request.timeoutMs} ms`));
    }, request.timeoutMs);
    const finish = (outcome: GetOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.scope.untrack(handle);
      resolve(outcome);
    };
    const failed = (error: unknown): void =>
      finish({ ok: false, failure: { error, timedOut, cancelled, tooLarge, cutOff: answering } });

    req.on('error', failed);
    req.on('response', (res) => {
      answering = true;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= request.maxResponseBytes) chunks.push(chunk);
        else if (!tooLarge) {
          tooLarge = true;
          req.destroy(new Error(`answer larger than ${request.maxResponseBytes} bytes`));
        }
      });
      res.on('error', failed);
      res.on('end', () => {
        const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
        const text = decode(body, res.headers['content-encoding'], request.maxResponseBytes);
        if (text === TOO_LARGE) {
          tooLarge = true;
          failed(new Error(`unpacked answer larger than ${request.maxResponseBytes} bytes`));
        } else finish({ ok: true, answer: { status: res.statusCode ?? 0, headers: res.headers, text } });
      });
    });
    request.scope.track(handle);
    req.end();
  });
}

const TOO_LARGE = Symbol('too large');

/**
 * The body as text. A compressed body is unpacked with the size bound applied to what comes
 * out (a small compressed answer cannot grow past it); one that fails to unpack is returned as
 * it came, which the reader then reports as not valid JSON.
 */
function decode(body: Buffer, encoding: string | undefined, maxBytes: number): string | typeof TOO_LARGE {
  if (!encoding || encoding === 'identity') return body.toString('utf8');
  const options = { maxOutputLength: maxBytes };
  try {
    switch (encoding.trim().toLowerCase()) {
      case 'gzip':
      case 'x-gzip':
        return zlib.gunzipSync(body, options).toString('utf8');
      case 'deflate':
        return zlib.inflateSync(body, options).toString('utf8');
      case 'br':
        return zlib.brotliDecompressSync(body, options).toString('utf8');
      default:
        return body.toString('utf8');
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return TOO_LARGE;
    return body.toString('utf8');
  }
}
