import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import selfsigned from 'selfsigned';
import { afterEach, describe, expect, it } from 'vitest';
import { CONNECT_TIMEOUT_CODE, createPinnedHttpsAgent, PIN_MISMATCH_CODE } from '../../electron/core/hub/agents';
import { keepAliveGet, PollConnection, type GetOutcome } from '../../electron/core/hub/poll-connection';
import { RequestScope } from '../../electron/core/hub/request-scope';
import { HubClient, type HubClientOptions } from '../../electron/core/hub/hub-client';
import { parseHubUrl } from '../../electron/core/hub/hub-url';
import { parseUpdateStatus } from '../../electron/core/hub/parse-update-status';
import { probeCertificate } from '../../electron/core/hub/tls-probe';
import { startHub, type SimulatedHub } from '../simulator';
import seed from '../fixtures/update-status.seed.json';
import { startTestServer } from './hub-test-server';

/**
 * HTTPS: the handshake-only probe and requests that accept only the pinned certificate. The
 * point of every test here: with the wrong certificate, nothing — above all no password —
 * reaches the server. Hubs on 127.0.53.x, random ports.
 */

const HOST = '127.0.53.1';
const GOLDEN = (() => {
  const r = parseUpdateStatus(seed);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
})();
const OTHER_PIN = `sha256:${'ab'.repeat(32)}`;

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function hub(): Promise<SimulatedHub> {
  const h = await startHub({ host: HOST, port: 0, https: true });
  cleanups.push(() => h.stop());
  return h;
}

function clientFor(h: SimulatedHub, opts: Partial<HubClientOptions> = {}): HubClient {
  const ep = parseHubUrl(h.url);
  if (!ep.ok) throw new Error(ep.error.message);
  const c = new HubClient({
    endpoint: ep.value,
    credentials: { user: 'Admin', password: 'Admin' },
    timeoutMs: 3000,
    ...opts,
  });
  cleanups.push(() => c.close());
  return c;
}

/** A bare HTTPS server with a certificate made for the test, recording every request. */
async function httpsServer(options: Parameters<typeof selfsigned.generate>[1] = {}, closeEach = false) {
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'hub.test' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ...options,
  });
  const received: string[] = [];
  const server = https.createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    received.push(`${req.method} ${req.url}`);
    if (closeEach) res.setHeader('Connection', 'close');
    res.end('{"result":0}');
  });
  await new Promise<void>((r) => server.listen(0, HOST, r));
  cleanups.push(() => new Promise((r) => server.close(r)));
  let connections = 0;
  server.on('connection', () => connections++);
  const resumed: boolean[] = [];
  server.on('secureConnection', (s) => {
    resumed.push(s.isSessionReused());
    cleanups.push(() => s.destroy());
  });
  return {
    port: (server.address() as AddressInfo).port,
    pem: pems.cert,
    received,
    connections: () => connections,
    resumed,
  };
}

describe('probeCertificate (handshake only)', () => {
  it("returns the hub's fingerprint and certificate, and sends no request", async () => {
    const h = await hub();
    const r = await probeCertificate(HOST, h.port);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.fingerprint).toBe(h.certFingerprint);
    expect(r.value.pem.replace(/\s+/g, '')).toBe(h.certPem?.replace(/\s+/g, ''));
    expect(r.value.subject).toContain('CN=');
    expect(Date.parse(r.value.validTo)).toBeGreaterThan(Date.now());
    expect(Date.parse(r.value.validFrom)).toBeLessThanOrEqual(Date.now());
    expect(h.requests).toEqual([]);
  });

  it('a plain HTTP port → PROTOCOL saying it is not HTTPS', async () => {
    const s = await startTestServer((_q, r) => r.end('hi'), HOST);
    cleanups.push(() => s.stop());
    const r = await probeCertificate(HOST, s.port, { timeoutMs: 2000 });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'PROTOCOL', message: expect.stringContaining('does not speak HTTPS') },
    });
  });

  it('a port that accepts and stays silent → TIMEOUT within the bound', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, HOST, r));
    cleanups.push(() => new Promise((r) => silent.close(r)));
    silent.on('connection', (s) => cleanups.push(() => s.destroy()));
    const started = Date.now();
    const r = await probeCertificate(HOST, (silent.address() as AddressInfo).port, { timeoutMs: 300 });
    expect(r).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('abort signal → CANCELLED', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, HOST, r));
    cleanups.push(() => new Promise((r) => silent.close(r)));
    silent.on('connection', (s) => cleanups.push(() => s.destroy()));
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const r = await probeCertificate(HOST, (silent.address() as AddressInfo).port, {
      timeoutMs: 5000,
      signal: ac.signal,
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });
});

describe('pinned requests', () => {
  it('HTTPS without a pin → TLS_UNTRUSTED naming the fingerprint; nothing sent', async () => {
    const h = await hub();
    const r = await clientFor(h).updateStatus();
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'TLS_UNTRUSTED', message: expect.stringContaining(h.certFingerprint!) },
    });
    expect(h.requests).toEqual([]);
  });

  it('the right pin reads the seed, over many fresh connections in a row', async () => {
    const h = await hub();
    for (let i = 0; i < 5; i++) {
      const c = clientFor(h, { pin: h.certFingerprint });
      const r = await c.updateStatus();
      expect(r).toEqual({ ok: true, value: GOLDEN });
      c.close();
    }
  });

  it('setting the same pin again keeps the verified connection; a new pin checks again', async () => {
    const s = await httpsServer();
    const probe = await probeCertificate(HOST, s.port);
    if (!probe.ok) throw new Error(probe.error.message);
    const pin = probe.value.fingerprint;
    const c = new HubClient({ endpoint: { scheme: 'https', host: HOST, port: s.port }, pin, timeoutMs: 3000 });
    cleanups.push(() => c.close());
    await c.systemStatus();
    const afterFirst = s.connections();
    c.setPin(pin.toUpperCase().replace('SHA256:', 'sha256:'));
    await c.systemStatus();
    expect(s.connections()).toBe(afterFirst);
    // A new pin: one handshake-only probe, refused before any request.
    c.setPin(`sha256:${'1'.repeat(64)}`);
    expect(await c.systemStatus()).toMatchObject({ ok: false, error: { code: 'CERT_CHANGED' } });
    expect(s.connections()).toBe(afterFirst + 1);
    expect(s.received).toHaveLength(2);
  });

  it('a pin in another spelling (colon hex, upper case) works the same', async () => {
    const h = await hub();
    const colon = h.certFingerprint!.slice('sha256:'.length).toUpperCase().match(/../g)!.join(':');
    expect((await clientFor(h, { pin: colon }).updateStatus()).ok).toBe(true);
  });

  it('a wrong pin → CERT_CHANGED before any credential is sent', async () => {
    const h = await hub();
    const r = await clientFor(h, { pin: OTHER_PIN }).updateStatus();
    expect(r).toMatchObject({ ok: false, error: { code: 'CERT_CHANGED', hubCode: null } });
    if (!r.ok) {
      expect(r.error.message).toContain(h.certFingerprint!);
      expect(r.error.message).toContain(OTHER_PIN);
    }
    expect(h.requests.filter((q) => q.path === '/api/login')).toEqual([]);
    expect(h.requests).toEqual([]);
  });

  it('the certificate swapped under a pinned, logged-in client → CERT_CHANGED, no request reaches the new one', async () => {
    const h = await hub();
    const pinned = h.certFingerprint!;
    const c = clientFor(h, { pin: pinned });
    expect((await c.updateStatus()).ok).toBe(true);
    await h.swapCertificate();
    expect(h.certFingerprint).not.toBe(pinned);
    h.clearRequests();
    const r = await c.updateStatus();
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'CERT_CHANGED', message: expect.stringContaining(h.certFingerprint!) },
    });
    expect(h.requests).toEqual([]);
    // Still refused on the next call, and a fresh login is not attempted.
    c.setCredentials({ user: 'Admin', password: 'Admin' });
    expect(await c.updateStatus()).toMatchObject({ ok: false, error: { code: 'CERT_CHANGED' } });
    expect(h.requests).toEqual([]);
    // Re-pinning the new certificate is the deliberate way back.
    c.setPin(h.certFingerprint);
    expect((await c.updateStatus()).ok).toBe(true);
  });

  it('an expired pinned certificate is refused with a clear TLS_UNTRUSTED, nothing sent', async () => {
    const s = await httpsServer({
      notBeforeDate: new Date(Date.now() - 400 * 864e5),
      notAfterDate: new Date(Date.now() - 30 * 864e5),
    });
    const probe = await probeCertificate(HOST, s.port);
    if (!probe.ok) throw new Error(probe.error.message);
    const c = new HubClient({
      endpoint: { scheme: 'https', host: HOST, port: s.port },
      credentials: { user: 'Admin', password: 'Admin' },
      pin: probe.value.fingerprint,
      timeoutMs: 3000,
    });
    cleanups.push(() => c.close());
    expect(await c.updateStatus()).toMatchObject({
      ok: false,
      error: { code: 'TLS_UNTRUSTED', message: expect.stringContaining('expired') },
    });
    expect(s.received).toEqual([]);
  });

  it('a hub certificate signed by a site CA can be pinned; another one from the same CA cannot', async () => {
    const ca = await selfsigned.generate([{ name: 'commonName', value: 'Site CA' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true },
      ],
    });
    const signedBy = { ca: { key: ca.private, cert: ca.cert } } as Parameters<typeof selfsigned.generate>[1];
    const pinned = await httpsServer(signedBy);
    const probe = await probeCertificate(HOST, pinned.port);
    if (!probe.ok) throw new Error(probe.error.message);
    expect(probe.value.issuer).toContain('Site CA');
    const ok = new HubClient({
      endpoint: { scheme: 'https', host: HOST, port: pinned.port },
      pin: probe.value.fingerprint,
      timeoutMs: 3000,
    });
    cleanups.push(() => ok.close());
    // The bare server answers {"result":0} to everything: enough to prove the TLS layer let it through.
    expect(await ok.systemStatus()).toMatchObject({
      ok: false,
      error: { code: 'PROTOCOL', message: expect.stringContaining('without system information') },
    });
    expect(pinned.received).toEqual(['GET /api/system/status']);

    const sibling = await httpsServer(signedBy);
    const c = new HubClient({
      endpoint: { scheme: 'https', host: HOST, port: sibling.port },
      credentials: { user: 'Admin', password: 'Admin' },
      pin: probe.value.fingerprint,
      timeoutMs: 3000,
    });
    cleanups.push(() => c.close());
    expect(await c.updateStatus()).toMatchObject({ ok: false, error: { code: 'CERT_CHANGED' } });
    expect(sibling.received).toEqual([]);
  });

  it('a plain-HTTP port addressed as https → PROTOCOL', async () => {
    const s = await startTestServer((_q, r) => r.end('{}'), HOST);
    cleanups.push(() => s.stop());
    const c = new HubClient({
      endpoint: { scheme: 'https', host: HOST, port: s.port },
      pin: OTHER_PIN,
      timeoutMs: 2000,
    });
    cleanups.push(() => c.close());
    expect(await c.updateStatus()).toMatchObject({
      ok: false,
      error: { code: 'PROTOCOL', message: expect.stringContaining('HTTPS') },
    });
  });
});

describe('the pinned agent itself', () => {
  it('refuses a certificate that passes the CA check but is not the pinned one (fingerprint check), before any byte', async () => {
    const s = await httpsServer();
    // Trust the server's certificate as CA, but pin another fingerprint: only checkServerIdentity can refuse.
    const agent = createPinnedHttpsAgent(s.pem, OTHER_PIN, 2000);
    cleanups.push(() => agent.destroy());
    const error = await new Promise<NodeJS.ErrnoException>((resolve, reject) => {
      https
        .get({ host: HOST, port: s.port, path: '/api/login', agent }, () => reject(new Error('answered')))
        .on('error', resolve);
    });
    expect(error.code).toBe(PIN_MISMATCH_CODE);
    expect(s.received).toEqual([]);
  });

  it('does a full handshake on every connection (no TLS session cache)', async () => {
    const s = await httpsServer();
    const probe = await probeCertificate(HOST, s.port);
    if (!probe.ok) throw new Error(probe.error.message);
    const agent = createPinnedHttpsAgent(probe.value.pem, probe.value.fingerprint, 2000);
    cleanups.push(() => agent.destroy());
    const reused: boolean[] = [];
    for (let i = 0; i < 3; i++) {
      await new Promise<void>((resolve, reject) => {
        const req = https.get(
          { host: HOST, port: s.port, path: '/', agent, headers: { Connection: 'close' } },
          (res) => {
            res.resume();
            res.on('end', resolve);
          },
        );
        req.on('socket', (sock) =>
          sock.once('secureConnect', () => reused.push((sock as TLSSocket).isSessionReused())),
        );
        req.on('error', reject);
      });
    }
    expect(reused).toEqual([false, false, false]);
    expect(s.received).toHaveLength(3);
  });

  it('gives up connecting after the connect timeout', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, HOST, r));
    cleanups.push(() => new Promise((r) => silent.close(r)));
    silent.on('connection', (sock) => cleanups.push(() => sock.destroy()));
    const agent = createPinnedHttpsAgent('', OTHER_PIN, 250);
    cleanups.push(() => agent.destroy());
    const started = Date.now();
    const error = await new Promise<NodeJS.ErrnoException>((resolve, reject) => {
      https
        .get({ host: HOST, port: (silent.address() as AddressInfo).port, path: '/', agent }, () =>
          reject(new Error('answered')),
        )
        .on('error', resolve);
    });
    expect(error.code).toBe(CONNECT_TIMEOUT_CODE);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

describe("the status poll's pinned connection itself", () => {
  const get = (connection: PollConnection): Promise<GetOutcome> =>
    keepAliveGet({
      connection,
      path: '/api/update/status',
      cookieHeader: null,
      timeoutMs: 3000,
      maxResponseBytes: 64 * 1024,
      scope: new RequestScope(),
    });
  const codeOf = (outcome: GetOutcome): unknown =>
    outcome.ok ? null : (outcome.failure.error as NodeJS.ErrnoException).code;
  function connectionTo(
    port: number,
    pinned: { pem: string; pin: string } | null,
    connectTimeoutMs = 2000,
  ): PollConnection {
    const connection = new PollConnection(`https://${HOST}:${port}`, { connectTimeoutMs, pinned });
    cleanups.push(() => connection.drop(new Error('test over')));
    return connection;
  }
  /** A connection to `port` that pins the certificate presented on `pinFrom`. */
  async function pinnedTo(port: number, pinFrom = port): Promise<PollConnection> {
    const probe = await probeCertificate(HOST, pinFrom);
    if (!probe.ok) throw new Error(probe.error.message);
    return connectionTo(port, { pem: probe.value.pem, pin: probe.value.fingerprint });
  }

  it('refuses a certificate that passes the CA check but is not the pinned one (fingerprint check), before any byte', async () => {
    const s = await httpsServer();
    const connection = connectionTo(s.port, { pem: s.pem, pin: OTHER_PIN });
    expect(codeOf(await get(connection))).toBe(PIN_MISMATCH_CODE);
    expect(s.received).toEqual([]);
  });

  it('a certificate that is not the trust anchor fails the chain check, before any byte', async () => {
    const s = await httpsServer();
    const other = await httpsServer();
    const connection = await pinnedTo(s.port, other.port);
    const outcome = await get(connection);
    expect(outcome.ok).toBe(false);
    expect(s.received).toEqual([]);
  });

  it('reads with the pinned certificate, with a full handshake on every connection (no TLS session cache)', async () => {
    // Each answer closes its connection: the next read connects again on the same client.
    const s = await httpsServer({}, true);
    const connection = await pinnedTo(s.port);
    for (let i = 0; i < 3; i++) {
      const outcome = await get(connection);
      expect(outcome.ok && outcome.answer.text).toBe('{"result":0}');
    }
    expect(s.received).toHaveLength(3);
    // Three handshakes (the probe stops before its own completes), none of them resumed.
    expect(s.resumed).toEqual([false, false, false]);
  });

  it('gives up connecting after the connect timeout', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, HOST, r));
    cleanups.push(() => new Promise((r) => silent.close(r)));
    silent.on('connection', (sock) => cleanups.push(() => sock.destroy()));
    const connection = connectionTo((silent.address() as AddressInfo).port, { pem: '', pin: OTHER_PIN }, 250);
    const started = Date.now();
    expect(codeOf(await get(connection))).toBe('UND_ERR_CONNECT_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('an HTTPS connection without a pin is never opened', async () => {
    const s = await httpsServer();
    const connection = connectionTo(s.port, null);
    const outcome = await get(connection);
    expect(outcome.ok).toBe(false);
    expect(s.connections()).toBe(0);
  });
});
