import type { IncomingHttpHeaders } from 'node:http';
import zlib from 'node:zlib';
import { Client, type Dispatcher } from 'undici';
import { pinnedTlsOptions } from './agents';
import type { Cancellable, RequestScope } from './request-scope';

/**
 * The monitor's status poll as one keep-alive GET over undici (Node's own HTTP/1.1 client): the
 * request every watched hub makes every second, 500 a second for a large fleet.
 *
 * Everything else a hub is asked (login, logout, history pages, system status, settings) goes
 * through the client's axios instance. The poll does not: axios's per-request machinery (config
 * merging, header objects, abort-signal listeners, response streams) costs about twice what the
 * request itself costs, and undici's client costs about a third less than Node's http module
 * with an agent; `test/bench/poll` prints both. What matters for safety is the same as on the
 * axios path: for HTTPS the same pinned-certificate check on every handshake (pinnedTlsOptions),
 * no proxy, no redirect followed, one deadline from connecting to the last byte, the same
 * response-size bound, and the answer read by the same `interpret` and zod parsing afterwards.
 */

/** Connect, and for HTTPS the TLS handshake, get their own bound (as on the axios path). */
export interface PollConnectionOptions {
  connectTimeoutMs: number;
  /** The pinned certificate and pin of an HTTPS hub; null for plain HTTP. */
  pinned: { pem: string; pin: string } | null;
}

/**
 * The poll's connection to one hub: an undici Client (one keep-alive connection, no
 * pipelining), made again when a deadline or a cancellation had to destroy the last one.
 */
export class PollConnection {
  private client: Client | null = null;
  private readonly clientOptions: Client.Options;
  /** An HTTPS connection without a pin is never opened (the client pins before any request). */
  private readonly unpinnedHttps: boolean;

  constructor(
    private readonly origin: string,
    options: PollConnectionOptions,
  ) {
    this.unpinnedHttps = origin.startsWith('https:') && options.pinned === null;
    this.clientOptions = {
      pipelining: 1,
      connectTimeout: options.connectTimeoutMs,
      // Our own deadline covers the whole exchange (keepAliveGet); no separate timers.
      headersTimeout: 0,
      bodyTimeout: 0,
      // Idle hubs are polled every few seconds: keep the connection for that long at least
      // (a hub that says it closes sooner, with a Keep-Alive header, is believed).
      keepAliveTimeout: 60_000,
      keepAliveMaxTimeout: 600_000,
      ...(options.pinned ? { connect: pinnedTlsOptions(options.pinned.pem, options.pinned.pin) } : {}),
    };
  }

  /** The client to send on (a new one after `drop`). */
  get(): Client {
    if (this.unpinnedHttps) throw new Error('no pinned certificate for this HTTPS hub');
    if (this.client === null || this.client.destroyed || this.client.closed)
      this.client = new Client(this.origin, this.clientOptions);
    return this.client;
  }

  /** Closes the connection at once; requests on it fail with `reason`. */
  drop(reason: Error): void {
    const client = this.client;
    this.client = null;
    client?.destroy(reason).catch(() => undefined);
  }
}

export interface GetRequest {
  connection: PollConnection;
  path: string;
  cookieHeader: string | null;
  timeoutMs: number;
  maxResponseBytes: number;
  scope: RequestScope;
}

export interface GetAnswer {
  status: number;
  /** Lower-case names. */
  headers: IncomingHttpHeaders;
  text: string;
}

/** Why an exchange (this GET, or an axios request) brought no complete answer. */
export interface ExchangeFailure {
  error: unknown;
  timedOut: boolean;
  cancelled: boolean;
  tooLarge: boolean;
  /** The answer had begun (status and headers came) and the connection closed before its end. */
  cutOff: boolean;
}

export type GetOutcome = { ok: true; answer: GetAnswer } | { ok: false; failure: ExchangeFailure };

const JSON_ONLY = { accept: 'application/json' } as const;

/**
 * One GET, bounded by `timeoutMs` from the moment it is sent (connecting included) to the last
 * byte read. Never throws; resolves once. The request does not advertise compression (hubs do
 * not compress), but an answer that is compressed anyway is unpacked, within the same bound.
 */
export function keepAliveGet(request: GetRequest): Promise<GetOutcome> {
  if (request.scope.isClosed) return Promise.resolve(CANCELLED);
  return new Promise((resolve) => {
    let settled = false;
    let timedOut = false;
    let cancelled = false;
    let tooLarge = false;
    let answering = false;
    let status = 0;
    let headers: IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    let size = 0;
    // Handed over once the request is on the wire; before that (still connecting) the only way
    // to stop it is to close the connection, which only this hub's poll uses.
    let controller: Dispatcher.DispatchController | null = null;
    const stop = (reason: Error): void => {
      if (controller) controller.abort(reason);
      else request.connection.drop(reason);
    };
    const handle: Cancellable = {
      abort: () => {
        cancelled = true;
        stop(new Error('cancelled'));
      },
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop(new Error(`no complete answer within ${request.timeoutMs} ms`));
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

    request.scope.track(handle);
    try {
      request.connection.get().dispatch(
        {
          method: 'GET',
          path: request.path,
          headers: request.cookieHeader ? { ...JSON_ONLY, cookie: request.cookieHeader } : JSON_ONLY,
        },
        {
          onRequestStart(c) {
            controller = c;
          },
          onResponseStart(_c, statusCode, responseHeaders) {
            status = statusCode;
            headers = responseHeaders;
            answering = true;
          },
          onResponseData(c, chunk) {
            size += chunk.length;
            if (size <= request.maxResponseBytes) chunks.push(chunk);
            else if (!tooLarge) {
              tooLarge = true;
              c.abort(new Error(`answer larger than ${request.maxResponseBytes} bytes`));
            }
          },
          onResponseEnd() {
            const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
            const encoding = headers['content-encoding'];
            const text = decode(body, typeof encoding === 'string' ? encoding : undefined, request.maxResponseBytes);
            if (text === TOO_LARGE) {
              tooLarge = true;
              failed(new Error(`unpacked answer larger than ${request.maxResponseBytes} bytes`));
            } else finish({ ok: true, answer: { status, headers, text } });
          },
          onResponseError(_c, error) {
            failed(error);
          },
        },
      );
    } catch (error) {
      failed(error);
    }
  });
}

const CANCELLED: GetOutcome = {
  ok: false,
  failure: { error: new Error('cancelled'), timedOut: false, cancelled: true, tooLarge: false, cutOff: false },
};

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
