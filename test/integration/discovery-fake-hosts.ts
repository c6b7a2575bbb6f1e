import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { generateCertificate, type Certificate } from '../simulator/tls-certs';

/**
 * Things on a network that are NOT Control Hubs, for discovery tests and the discovery
 * benchmark: web servers of other products, an API that speaks JSON but is not a hub, an
 * appliance behind HTTP Basic auth, ports that accept and never answer, a TLS service that never
 * speaks HTTP. Loopback only (127.0.0.0/8), like everything the tests touch.
 */

export type FakeKind =
  /** A default web server page, 200 text/html on every path. */
  | 'web'
  /** The HTML login page of some other product, on every path (including /api/…). */
  | 'login-page'
  /** A JSON API with an integer `result` that is not a not-logged-in code. */
  | 'json-api'
  /** HTTP Basic auth everywhere: 401 + HTML, also for POST /api/login. */
  | 'basic-auth'
  /** 403 with a JSON body without `result`, everywhere. */
  | 'json-403'
  /** Accepts TCP connections and never sends a byte. */
  | 'silent'
  /** Completes a TLS handshake, then never sends a byte. */
  | 'tls-silent'
  /**
   * A hub (not a non-hub!) that answers the status call with 401 on a keep-alive response and
   * then hangs up anyway; only a login on a new connection gets its JSON answer.
   */
  | 'hub-401-hangs-up';

export interface FakeHost {
  host: string;
  port: number;
  kind: FakeKind;
  https: boolean;
  stop(): Promise<void>;
}

const LOGIN_PAGE = `<!doctype html><html><head><title>NetCam 3000 – Sign in</title></head>
<body><form method="post" action="/login"><input name="user"><input name="password" type="password">
<button>Sign in</button></form></body></html>`;

function handler(kind: FakeKind): http.RequestListener {
  return (req, res) => {
    req.resume();
    req.on('end', () => {
      switch (kind) {
        case 'web':
          res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><h1>It works!</h1></body></html>');
          return;
        case 'login-page':
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(LOGIN_PAGE);
          return;
        case 'json-api':
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ result: 0, data: { uptime: 1234 } }));
          return;
        case 'basic-auth':
          res
            .writeHead(401, { 'www-authenticate': 'Basic realm="Router"', 'content-type': 'text/html' })
            .end('<h1>401 Unauthorized</h1>');
          return;
        case 'json-403':
          res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'forbidden' }));
          return;
        default:
          res.destroy();
      }
    });
  };
}

let sharedCert: Promise<Certificate> | null = null;
function certificate(): Promise<Certificate> {
  sharedCert ??= generateCertificate();
  return sharedCert;
}

function assertLoopback(host: string): void {
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host))
    throw new Error(`fake hosts bind to 127.0.0.0/8 only, not ${host}`);
}

export async function startFakeHost(options: {
  host: string;
  port?: number;
  kind: FakeKind;
  https?: boolean;
}): Promise<FakeHost> {
  const { host, kind, port = 0 } = options;
  assertLoopback(host);
  const secure = kind === 'tls-silent' || options.https === true;
  const open = new Set<net.Socket>();
  let server: net.Server;
  if (kind === 'hub-401-hangs-up') {
    server = net.createServer((socket) => {
      socket.once('data', (chunk: Buffer) => {
        if (chunk.toString('latin1').startsWith('POST /api/login')) {
          const body = JSON.stringify({ result: 16 });
          socket.end(
            `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
          );
        } else {
          socket.write('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
          setTimeout(() => socket.destroy(), 1);
        }
      });
    });
  } else if (kind === 'silent') {
    // Reads and drops what arrives (so it notices hang-ups) but never answers.
    server = net.createServer((socket) => socket.resume());
  } else if (kind === 'tls-silent') {
    const cert = await certificate();
    server = tls.createServer({ key: cert.key, cert: cert.cert }, () => {});
  } else if (secure) {
    const cert = await certificate();
    server = https.createServer({ key: cert.key, cert: cert.cert }, handler(kind));
  } else {
    server = http.createServer(handler(kind));
  }
  server.on('connection', (socket: net.Socket) => {
    open.add(socket);
    socket.on('error', () => {});
    socket.once('close', () => open.delete(socket));
  });
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => resolve());
  });
  const address = server.address() as net.AddressInfo;
  return {
    host,
    port: address.port,
    kind,
    https: secure,
    stop: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A free port on `host` that nothing listens on (for "refused" cases). */
export async function closedPort(host: string): Promise<number> {
  assertLoopback(host);
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen({ host, port: 0 }, () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
