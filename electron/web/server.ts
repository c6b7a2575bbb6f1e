import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { realpath } from 'node:fs/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventChannel, EventPayload, Envelope } from '../shared/contract';
import type { CallContext } from '../core/app/invoke';
import type { Client } from '../core/app/clients';
import { silentLog, type Log } from '../core/app/log';
import { checkOutgoingEvent } from '../core/app/event-gate';
import { SHIM_PATH, TOKEN_PARAM, TOKEN_PROTOCOL_PREFIX, WS_PATH, WS_PROTOCOL, type ClientMessage } from './protocol';
import { readStatic, resolveStaticFile } from './static-files';
import { shimScript } from './shim-bundle';

export interface WebTransportDispatcher {
  invoke(channel: unknown, rawArgs: unknown, context: CallContext): Promise<Envelope<unknown>>;
  connect(client: Client): () => void;
}

export interface WebTransportOptions {
  dispatcher: WebTransportDispatcher;
  /** Loopback only: any 127.0.0.0/8 address or ::1. Anything else is refused. */
  host?: string;
  /** 0 = a free port. */
  port?: number;
  /** The per-run secret; random when omitted. */
  token?: string;
  /** The built renderer to serve (with the shim injected), or null for the WebSocket only. */
  rendererDir?: string | null;
  log?: Log;
  /** Largest message accepted from a page; default MAX_MESSAGE_BYTES. */
  maxMessageBytes?: number;
  /** Calls one connection may have in flight at once. */
  maxInFlight?: number;
}

export interface WebTransport {
  /** http://127.0.0.1:<port>/ */
  origin: string;
  /** The page to open: the origin with the token for the shim. */
  pageUrl: string;
  wsUrl: string;
  token: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

/**
 * The largest message a page may send (ws maxPayload): an inventory import is up to 5 MB of text,
 * plus JSON escaping. A bigger frame fails that connection with 1009 before it is buffered whole.
 */
export const MAX_MESSAGE_BYTES = 6 * 1024 * 1024;

/** A connection that cannot keep up loses events rather than the process's memory (seq gaps tell it). */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export function isLoopbackHost(host: string): boolean {
  if (host === '::1') return true;
  return isIP(host) === 4 && host.split('.')[0] === '127';
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function reject(socket: Duplex, status: number, text: string): void {
  socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

function webCsp(wsOrigin: string): string {
  // The production CSP of the app with one difference: the page may open our WebSocket.
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${wsOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The contract served over a WebSocket on a loopback address, plus (optionally) the built
 * renderer with a shim that gives the page the preload's `window.hubkeeper`. Used by
 * `npm run dev:web` and the end-to-end tests. Refuses: a non-loopback bind address; an upgrade
 * without the token, from another page's Origin or to another path; a Host header that is not
 * ours (DNS rebinding); malformed or oversized messages.
 */
export async function startWebTransport(options: WebTransportOptions): Promise<WebTransport> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host))
    throw new Error(`The web transport binds to loopback only (127.0.0.0/8 or ::1), not ${host}.`);
  const token = options.token ?? randomBytes(32).toString('base64url');
  if (!/^[A-Za-z0-9_-]{16,}$/.test(token)) throw new Error('The token must be at least 16 URL-safe characters.');
  const log = options.log ?? silentLog;
  const rendererRoot = options.rendererDir ? await realpath(options.rendererDir) : null;
  const maxInFlight = options.maxInFlight ?? 64;

  let port = 0;
  const hostPart = () => (host.includes(':') ? `[${host}]` : host);
  const allowedHosts = () => new Set([`${hostPart()}:${port}`, `localhost:${port}`]);
  const origins = () => new Set([`http://${hostPart()}:${port}`, `http://localhost:${port}`]);

  const server = http.createServer((req, res) => {
    void (async () => {
      if (!allowedHosts().has(req.headers.host ?? '')) {
        res.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request');
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const headers: Record<string, string> = {
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
      };
      if (path === SHIM_PATH) {
        res.writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' }).end(await shimScript());
        return;
      }
      const file = rendererRoot ? await resolveStaticFile(rendererRoot, req.url ?? '/') : null;
      if (!file) {
        res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('Not found');
        return;
      }
      const { body, type } = await readStatic(file);
      if (type.startsWith('text/html')) {
        // The shim must run before the renderer's module scripts: first thing in <head>.
        const html = body.toString('utf8').replace(/<head([^>]*)>/i, `<head$1><script src="${SHIM_PATH}"></script>`);
        res.writeHead(200, {
          ...headers,
          'content-type': type,
          'content-security-policy': webCsp(`ws://${hostPart()}:${port}`),
        });
        res.end(req.method === 'HEAD' ? undefined : html);
        return;
      }
      res.writeHead(200, { ...headers, 'content-type': type }).end(req.method === 'HEAD' ? undefined : body);
    })().catch((error: unknown) => {
      log.error('web transport request failed', { error });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes ?? MAX_MESSAGE_BYTES,
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });

  server.on('upgrade', (req, socket, head) => {
    // A peer that resets mid-handshake must not become an uncaught 'error' (ws adds its own
    // handler once it owns the socket; until then and on refusals, this one logs and drops).
    socket.on('error', (error: NodeJS.ErrnoException) => {
      log.warn('web transport: socket error during the handshake', { code: error.code ?? null });
      socket.destroy();
    });
    const path = (req.url ?? '').split('?')[0];
    if (path !== WS_PATH) return reject(socket, 404, 'Not Found');
    if (!allowedHosts().has(req.headers.host ?? '')) return reject(socket, 421, 'Misdirected Request');
    const origin = req.headers.origin;
    if (origin !== undefined && !origins().has(origin)) {
      log.warn('web transport: connection from a foreign origin refused', { origin });
      return reject(socket, 403, 'Forbidden');
    }
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const given = offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX))?.slice(TOKEN_PROTOCOL_PREFIX.length);
    if (!offered.includes(WS_PROTOCOL) || !given || !sameToken(given, token)) {
      log.warn('web transport: connection without the right token refused', { address: req.socket.remoteAddress });
      return reject(socket, 401, 'Unauthorized');
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  let connections = 0;
  wss.on('connection', (ws: WebSocket) => {
    const clientId = `web-${++connections}`;
    let inFlight = 0;
    const client: Client = {
      id: clientId,
      send<E extends EventChannel>(event: E, payload: EventPayload<E>) {
        if (ws.readyState !== ws.OPEN || ws.bufferedAmount > MAX_BUFFERED_BYTES) return;
        // Pushes are checked against the contract on the way out, as call results are.
        const checked = checkOutgoingEvent(event, payload, log, clientId);
        if (checked !== null) ws.send(JSON.stringify({ t: 'event', event, payload: checked }));
      },
    };
    const disconnect = options.dispatcher.connect(client);
    ws.on('close', disconnect);
    // A frame ws cannot accept (invalid UTF-8, over maxPayload, a reserved opcode, a bad close
    // code, an unmasked frame…) is an 'error' on this socket. Without a handler it would be an
    // uncaught exception that ends the whole backend; ws has already failed the connection
    // with the right close code, so this socket only is gone and everyone else goes on.
    ws.on('error', (error: Error & { code?: string }) => {
      log.warn('web transport: bad frame from a client, connection closed', {
        client: clientId,
        code: error.code ?? null,
        message: error.message.slice(0, 200),
      });
    });
    ws.on('message', (data, isBinary) => {
      let message: ClientMessage;
      try {
        if (isBinary) throw new Error('binary');
        message = JSON.parse(data.toString()) as ClientMessage;
        if (message?.t !== 'call' || !Number.isSafeInteger(message.id)) throw new Error('shape');
      } catch {
        log.warn('web transport: malformed message, closing', { client: clientId });
        ws.close(1008, 'malformed message');
        return;
      }
      if (inFlight >= maxInFlight) {
        ws.send(
          JSON.stringify({
            t: 'result',
            id: message.id,
            envelope: {
              ok: false,
              error: { code: 'UNAVAILABLE', hubCode: null, message: 'Too many requests at once.' },
            },
          }),
        );
        return;
      }
      inFlight += 1;
      void options.dispatcher
        .invoke(message.channel, message.args, { clientId })
        .then((envelope) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ t: 'result', id: message.id, envelope }));
        })
        .catch((error: unknown) => {
          // invoke() answers envelopes and never throws; should sending the answer fail, the
          // connection is the casualty, not the process (an unhandled rejection ends Node).
          log.error('web transport: answering a call failed', { client: clientId, error });
          ws.terminate();
        })
        .finally(() => {
          inFlight -= 1;
        });
    });
  });

  await new Promise<void>((resolve, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', rejectListen);
      resolve();
    });
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://${hostPart()}:${port}`;
  log.info('web transport listening', { origin });

  return {
    origin: `${origin}/`,
    pageUrl: `${origin}/?${TOKEN_PARAM}=${token}`,
    wsUrl: `ws://${hostPart()}:${port}${WS_PATH}`,
    token,
    port,
    host,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
