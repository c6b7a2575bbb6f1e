import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { sweep } from '../../../electron/core/discovery/sweep';
import { HubClient } from '../../../electron/core/hub/hub-client';
import { probeCertificate } from '../../../electron/core/hub/tls-probe';
import { startHub, type SimulatedHub } from '../../simulator';
import { serverCertificate } from './nginx-certs';
import { nginxMissingReason, proxyTo, startNginx, type NginxInstance } from './nginx-server';

/**
 * The hub client through Debian's nginx in the configurations real sites use. Each test starts
 * the simulator and a private nginx in front of it on 127.0.151.x, finds it by a sweep, logs in, reads the
 * status (on the poll connection), a history page by page and the system status, loses its
 * session (as after a hub restart) and logs in again, and checks the wire shows what the
 * configuration promises (no keep-alive, chunked, gzip, HTTP/1.0 upstream, the TLS version…).
 */
const HOST = '127.0.151.1';
const missing = nginxMissingReason();
if (missing) console.warn(`[skipped] nginx configuration tests: ${missing}`);

const running: Array<{ stop(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

interface Setup {
  hub: SimulatedHub;
  nginx: NginxInstance<'front'>;
  client: HubClient;
  fingerprint: string | null;
}

type TlsSetup = { cert: 'rsa-2048' | 'ecdsa-p256'; protocols?: string } | null;

/** nginx in front of a fresh simulated hub; `location` is extra directives inside `location /`. */
async function setUp(opts: { server?: string; location?: string; httpBlock?: string; tls?: TlsSetup }): Promise<Setup> {
  const hub = await startHub({ host: HOST, port: 0 });
  running.push(hub);
  const cert = opts.tls ? await serverCertificate(opts.tls.cert) : null;
  const nginx = await startNginx({
    host: HOST,
    ports: ['front'],
    files: cert ? { 'hub.crt': cert.cert, 'hub.key': cert.key } : {},
    http: (p, dir) => `${opts.httpBlock ?? ''}
      server {
        listen ${HOST}:${p.front}${cert ? ' ssl' : ''};
        ${cert ? `ssl_certificate ${dir}/hub.crt; ssl_certificate_key ${dir}/hub.key;` : ''}
        ${opts.tls?.protocols ? `ssl_protocols ${opts.tls.protocols};` : ''}
        ${opts.server ?? ''}
        ${proxyTo(hub.url, opts.location)}
      }`,
  });
  running.push(nginx);
  const client = new HubClient({
    endpoint: { scheme: cert ? 'https' : 'http', host: HOST, port: nginx.ports.front },
    credentials: { user: 'Admin', password: 'Admin' },
    pin: cert?.fingerprint ?? null,
    timeoutMs: 5000,
  });
  running.push({ stop: async () => client.close() });
  return { hub, nginx, client, fingerprint: cert?.fingerprint ?? null };
}

/** A sweep finds it; login, status, history, system status, then a lost session and the re-login. */
async function exerciseClient({ hub, client, nginx, fingerprint }: Setup): Promise<void> {
  const found = await sweep(HOST, { ports: [nginx.ports.front], tlsPorts: [], probeTimeoutMs: 3000 });
  if (!found.ok) throw new Error(found.error.message);
  expect(found.value.result.hubs).toEqual([
    {
      address: HOST,
      endpoints: [{ scheme: fingerprint ? 'https' : 'http', port: nginx.ports.front, fingerprint }],
    },
  ]);

  const login = await client.login();
  if (!login.ok) throw new Error(login.error.message);
  const status = await client.updateStatus();
  if (!status.ok) throw new Error(status.error.message);
  expect(status.value.version).toBe('2.1.28');
  const history = await client.allVersions();
  if (!history.ok) throw new Error(history.error.message);
  expect(history.value.total).toBe(50);
  expect(history.value.entries).toHaveLength(50);
  const system = await client.systemStatus();
  expect(system.ok).toBe(true);

  hub.forgetSessions(); // what a hub restart does
  const again = await client.updateStatus();
  if (!again.ok) throw new Error(again.error.message);
  expect(hub.requests.filter((r) => r.path === '/api/login')).toHaveLength(2);
}

interface RawAnswer {
  headers: http.IncomingHttpHeaders;
  httpVersion: string;
  body: Buffer;
}

/** One raw request through nginx, to see what the configuration does on the wire. */
function raw(url: string, headers: Record<string, string> = {}, ca?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const lib = url.startsWith('https:') ? https : http;
    const req = lib.get(
      `${url}/api/update/status`,
      // The test's own certificate as the only CA, and no name check: it names controlhub.local.
      { headers, agent: false, ...(ca ? { ca, checkServerIdentity: () => undefined } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ headers: res.headers, httpVersion: res.httpVersion, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error('raw request timed out')));
  });
}

function negotiatedProtocol(port: number, opts: tls.ConnectionOptions = {}): Promise<string | Error> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: HOST, port, rejectUnauthorized: false, ...opts });
    socket.once('secureConnect', () => {
      resolve(socket.getProtocol() ?? 'unknown');
      socket.destroy();
    });
    socket.once('error', (e) => resolve(e));
  });
}

describe.skipIf(missing !== null)('the hub client through nginx', () => {
  it('plain HTTP without keep-alive: every answer closes the connection, the client reconnects', async () => {
    const setup = await setUp({ server: 'keepalive_timeout 0;' });
    await exerciseClient(setup);
    const answer = await raw(setup.nginx.url('front'));
    expect(answer.headers.connection).toBe('close');
  });

  it('chunked responses (nginx rewrites the body, so the length is unknown up front)', async () => {
    // sub_filter drops Content-Length; HTTP/1.1 clients then get Transfer-Encoding: chunked.
    const setup = await setUp({
      location: "sub_filter_types application/json; sub_filter_once off; sub_filter 'no-such-text' 'no-such-text';",
    });
    await exerciseClient(setup);
    const answer = await raw(setup.nginx.url('front'));
    expect(answer.headers['transfer-encoding']).toBe('chunked');
    expect(answer.headers['content-length']).toBeUndefined();
  });

  it('gzip when the client asks for it', async () => {
    const setup = await setUp({
      httpBlock: 'gzip on; gzip_types application/json; gzip_min_length 0; gzip_proxied any;',
    });
    await exerciseClient(setup);
    const gzipped = await raw(setup.nginx.url('front'), { 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    const plain = await raw(setup.nginx.url('front'));
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('HTTP/1.0 to the upstream (nginx’s default): one connection per request to the hub', async () => {
    const setup = await setUp({ location: 'proxy_http_version 1.0;' });
    await exerciseClient(setup);
    // nginx speaks HTTP/1.0 upstream with Connection: close on every proxied request.
    expect(setup.hub.requests.every((r) => r.headers.connection === 'close')).toBe(true);
  });

  for (const cert of ['rsa-2048', 'ecdsa-p256'] as const) {
    it(`HTTPS with a self-signed ${cert.toUpperCase()} certificate, pinned by its fingerprint`, async () => {
      const setup = await setUp({ tls: { cert } });
      const probed = await probeCertificate(HOST, setup.nginx.ports.front);
      if (!probed.ok) throw new Error(probed.error.message);
      expect(probed.value.fingerprint).toBe(setup.fingerprint);
      await exerciseClient(setup);
    });
  }

  for (const [only, other] of [
    ['TLSv1.2', 'TLSv1.3'],
    ['TLSv1.3', 'TLSv1.2'],
  ] as const) {
    it(`HTTPS with ${only} only`, async () => {
      const setup = await setUp({ tls: { cert: 'ecdsa-p256', protocols: only } });
      await exerciseClient(setup);
      expect(await negotiatedProtocol(setup.nginx.ports.front)).toBe(only);
      // The server really refuses the other version.
      const refused = await negotiatedProtocol(setup.nginx.ports.front, { minVersion: other, maxVersion: other });
      expect(refused).toBeInstanceOf(Error);
    });
  }
});
