import type http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HubClient, type HubClientOptions } from '../../electron/core/hub/hub-client';
import { md5Hex, startTestServer, type TestServer } from './hub-test-server';

/**
 * Transport and session behaviour of HubClient against small hand-written servers on
 * loopback, one per case: every way a network or a not-quite-hub can misbehave.
 */

const servers: TestServer[] = [];
const clients: HubClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function serve(handler: http.RequestListener): Promise<TestServer> {
  const s = await startTestServer(handler);
  servers.push(s);
  return s;
}

function client(port: number, opts: Partial<HubClientOptions> = {}): HubClient {
  const c = new HubClient({
    endpoint: { scheme: 'http', host: '127.0.0.1', port },
    credentials: { user: 'Admin', password: 'Admin' },
    timeoutMs: 1500,
    ...opts,
  });
  clients.push(c);
  return c;
}

const json = (res: http.ServerResponse, body: unknown, status = 200, headers: http.OutgoingHttpHeaders = {}): void => {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', ...headers });
  res.end(JSON.stringify(body));
};

/** A tiny hub: login with Admin/Admin, one session token, then `status` answers for everything. */
function tinyHub(
  status: (req: http.IncomingMessage, res: http.ServerResponse) => void,
  log: string[] = [],
): http.RequestListener {
  return (req, res) => {
    log.push(`${req.method} ${req.url}`);
    if (req.url === '/api/login') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c));
      req.on('end', () => {
        const { id, pass } = JSON.parse(body) as { id: string; pass: string };
        if (id !== 'Admin' || pass !== md5Hex('Admin')) return json(res, { result: 39 });
        json(res, {
          result: 0,
          token: 'TOKEN1',
          user: { name: 'Admin', type: 1, permission: 4294967295, 'group-name': 'Admin' },
        });
      });
      return;
    }
    status(req, res);
  };
}

const seedish = { result: 0, status: { state: 0, version: '2.1.28' } };

/**
 * The two ways a read goes out, each put through every failure below: the monitor's status
 * poll (the default page) as a plain keep-alive GET, and any other read (here an explicit page
 * of the same status, so the same parser reads both) through axios.
 */
const READS: Array<[string, (c: HubClient) => ReturnType<HubClient['updateStatus']>]> = [
  ['the status poll (plain keep-alive GET)', (c) => c.updateStatus()],
  ['a paged read (axios)', (c) => c.updateStatus({ start: 0, count: 10 })],
];

describe.each(READS)('network failures: %s', (_way, read) => {
  it('refused → UNREACHABLE, quickly', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const started = Date.now();
    const r = await read(client(port));
    expect(r).toMatchObject({ ok: false, error: { code: 'UNREACHABLE', message: expect.stringContaining('refused') } });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('accepts and never answers → TIMEOUT within the timeout', async () => {
    const s = await serve(() => {});
    const started = Date.now();
    const r = await read(client(s.port, { timeoutMs: 400 }));
    const took = Date.now() - started;
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'TIMEOUT', message: expect.stringMatching(/did not answer the login within 0\.4 s\.$/) },
    });
    expect(took).toBeGreaterThanOrEqual(380);
    expect(took).toBeLessThan(1500);
  });

  it('a body trickling in past the deadline → TIMEOUT (the bound covers the whole answer)', async () => {
    const s = await serve(
      tinyHub((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"result":0,');
        const t = setInterval(() => res.write(' '), 50);
        res.on('close', () => clearInterval(t));
      }),
    );
    const started = Date.now();
    const r = await read(client(s.port, { timeoutMs: 500 }));
    expect(r).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('connection reset → UNREACHABLE', async () => {
    const s = await serve((req) => req.socket.destroy());
    const r = await read(client(s.port));
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'UNREACHABLE', message: expect.stringMatching(/reset|closed/) },
    });
  });

  it('a kept-alive connection the hub drops as it is reused: a read is tried once more on a fresh one', async () => {
    const log: string[] = [];
    const perSocket = new WeakMap<object, number>();
    let dropNext = false;
    const s = await serve(
      tinyHub((req, res) => {
        const n = (perSocket.get(req.socket) ?? 0) + 1;
        perSocket.set(req.socket, n);
        // A request on a connection that served one before: the hub "closed it while idle".
        if (dropNext && n > 1) {
          dropNext = false;
          return void req.socket.destroy();
        }
        json(res, seedish);
      }, log),
    );
    const c = client(s.port);
    expect((await read(c)).ok).toBe(true);
    const before = { requests: log.length, connections: s.connections() };
    dropNext = true;
    expect((await read(c)).ok).toBe(true);
    // The same read twice: the dropped one, then again on one fresh connection.
    expect(log.slice(before.requests)).toEqual([log[before.requests - 1], log[before.requests - 1]]);
    expect(s.connections()).toBe(before.connections + 1);
  });

  it('a reset is tried again only once, and a login is never repeated behind the user', async () => {
    const statusLog: string[] = [];
    const s = await serve(tinyHub((req) => (statusLog.push(req.url ?? ''), req.socket.destroy())));
    expect(await read(client(s.port))).toMatchObject({ ok: false, error: { code: 'UNREACHABLE' } });
    expect(statusLog).toHaveLength(2);
    expect(statusLog[1]).toBe(statusLog[0]);
    const logins: string[] = [];
    const refusing = await serve((req) => (logins.push(req.url ?? ''), req.socket.destroy()));
    expect(await client(refusing.port).login()).toMatchObject({ ok: false, error: { code: 'UNREACHABLE' } });
    expect(logins).toEqual(['/api/login']);
  });

  it('unknown host name → UNREACHABLE with a hint', async () => {
    const c = new HubClient({ endpoint: { scheme: 'http', host: 'no-such-hub.invalid', port: 80 }, timeoutMs: 3000 });
    clients.push(c);
    const r = await read(c);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'UNREACHABLE', message: expect.stringContaining('could not be resolved') },
    });
  });

  it('close() cancels what is in flight', async () => {
    const s = await serve(() => {});
    const c = client(s.port, { timeoutMs: 5000 });
    const pending = read(c);
    setTimeout(() => c.close(), 100);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await read(c)).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });
});

describe.each(READS)('answers that are not the Control Hub API: %s', (_way, read) => {
  it.each([
    ['HTTP 500', (res: http.ServerResponse) => json(res, { error: 'boom' }, 500), 'HUB_ERROR', /HTTP 500/],
    ['HTTP 404', (res: http.ServerResponse) => json(res, {}, 404), 'PROTOCOL', /HTTP 404/],
    ['HTTP 418', (res: http.ServerResponse) => json(res, {}, 418), 'PROTOCOL', /HTTP 418/],
    [
      'an HTML login page',
      (res: http.ServerResponse) => (
        res.writeHead(200, { 'Content-Type': 'text/html' }),
        res.end('<html><body>Login</body></html>')
      ),
      'PROTOCOL',
      /web page/,
    ],
    [
      'HTML without a content type',
      (res: http.ServerResponse) => res.end('  <!doctype html><p>hi'),
      'PROTOCOL',
      /web page/,
    ],
    [
      'malformed JSON',
      (res: http.ServerResponse) => (
        res.writeHead(200, { 'Content-Type': 'application/json' }),
        res.end('{"result":0,"status":{')
      ),
      'PROTOCOL',
      /not valid JSON/,
    ],
    ['an empty body', (res: http.ServerResponse) => res.end(''), 'PROTOCOL', /empty/],
    [
      'JSON without a result',
      (res: http.ServerResponse) => json(res, { status: { state: 0 } }),
      'PROTOCOL',
      /result code/,
    ],
    ['a JSON array', (res: http.ServerResponse) => json(res, [1, 2]), 'PROTOCOL', /not an object/],
    [
      'a status without state',
      (res: http.ServerResponse) => json(res, { result: 0, status: {} }),
      'PROTOCOL',
      /no update state/,
    ],
  ])('%s → %s', async (_label, answer, code, words) => {
    const s = await serve(tinyHub((_req, res) => answer(res)));
    const r = await read(client(s.port));
    expect(r).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(words), hubCode: null } });
  });

  it('a truncated body (Content-Length larger than what comes) → PROTOCOL', async () => {
    const s = await serve(
      tinyHub((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '500' });
        res.write('{"result":0,"status":{"state":0');
        setTimeout(() => res.socket?.destroy(), 30);
      }),
    );
    const r = await read(client(s.port));
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'PROTOCOL', message: expect.stringContaining('cut off its answer') },
    });
  });

  it('a huge body is cut at maxResponseBytes → PROTOCOL, without reading it all', async () => {
    let written = 0;
    const s = await serve(
      tinyHub((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const pump = (): void => {
          while (written < 50 * 1024 * 1024 && !res.destroyed) {
            written += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.write('{"result":0,"pad":"');
        pump();
      }),
    );
    const r = await read(client(s.port, { maxResponseBytes: 256 * 1024, timeoutMs: 5000 }));
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'PROTOCOL', message: expect.stringContaining('larger than 256 KB') },
    });
    expect(written).toBeLessThan(20 * 1024 * 1024);
  });

  it('redirects are not followed, and the other host sees nothing', async () => {
    const elsewhere: string[] = [];
    const other = await serve((req, res) => (elsewhere.push(req.url ?? ''), json(res, seedish)));
    const s = await serve(
      tinyHub(
        (_req, res) => (
          res.writeHead(302, { Location: `http://127.0.0.1:${other.port}/api/update/status` }),
          res.end()
        ),
      ),
    );
    const r = await read(client(s.port));
    expect(r).toMatchObject({ ok: false, error: { code: 'PROTOCOL', message: expect.stringContaining('redirected') } });
    expect(elsewhere).toEqual([]);
  });

  it('a redirect to https says to use the https address', async () => {
    const s = await serve((_req, res) => (res.writeHead(301, { Location: 'https://127.0.0.1/' }), res.end()));
    const r = await read(client(s.port));
    expect(r.ok || r.error.message).toContain('use its https:// address');
  });
});

describe('sessions', () => {
  it('logs in with the MD5 of the password and sends both cookies', async () => {
    const seen: Array<string | undefined> = [];
    let loginBody = '';
    const s = await serve((req, res) => {
      if (req.url === '/api/login') {
        req.on('data', (c: Buffer) => (loginBody += c));
        req.on('end', () => json(res, { result: 0, token: 'T0K', user: { name: 'Admin' } }));
        return;
      }
      seen.push(req.headers.cookie);
      json(res, seedish);
    });
    const c = client(s.port);
    expect((await c.updateStatus()).ok).toBe(true);
    expect(JSON.parse(loginBody)).toEqual({ id: 'Admin', pass: 'e3afed0047b08059d0fada10f400c1e5' });
    expect(seen).toEqual(['mwcloud-sid=T0K; mwcloud-uid=Admin']);
  });

  it('accepts Set-Cookie from the hub (it wins over the token, extra cookies kept)', async () => {
    const seen: Array<string | undefined> = [];
    const s = await serve((req, res) => {
      if (req.url === '/api/login') {
        return json(res, { result: 0, token: 'FROM-BODY' }, 200, {
          'Set-Cookie': ['mwcloud-sid=FROM-HEADER; Path=/; HttpOnly', 'csrf=abc; Path=/', 'gone=1; Max-Age=0'],
        });
      }
      seen.push(req.headers.cookie);
      json(res, seedish);
    });
    expect((await client(s.port).updateStatus()).ok).toBe(true);
    expect(seen[0]?.split('; ').sort()).toEqual(['csrf=abc', 'mwcloud-sid=FROM-HEADER', 'mwcloud-uid=Admin']);
  });

  it.each([
    ['37 (current family)', (res: http.ServerResponse) => json(res, { result: 37 })],
    ['-17 (legacy family)', (res: http.ServerResponse) => json(res, { result: -17 })],
    ['HTTP 401', (res: http.ServerResponse) => json(res, {}, 401)],
    ['HTTP 403', (res: http.ServerResponse) => (res.writeHead(403), res.end('Forbidden'))],
  ])('expired session answered with %s: logs in again once and retries once', async (_label, expire) => {
    const log: string[] = [];
    let expireNext = false;
    const s = await serve(
      tinyHub((_req, res) => {
        if (expireNext) {
          expireNext = false;
          return expire(res);
        }
        json(res, seedish);
      }, log),
    );
    const c = client(s.port);
    expect((await c.updateStatus()).ok).toBe(true);
    expireNext = true;
    expect((await c.updateStatus()).ok).toBe(true);
    expect(log).toEqual([
      'POST /api/login',
      'GET /api/update/status',
      'GET /api/update/status',
      'POST /api/login',
      'GET /api/update/status',
    ]);
  });

  it('a hub that keeps saying "not logged in" gets SESSION_EXPIRED, never a loop', async () => {
    const log: string[] = [];
    const s = await serve(tinyHub((_req, res) => json(res, { result: 37 }), log));
    const r = await client(s.port).updateStatus();
    expect(r).toMatchObject({ ok: false, error: { code: 'SESSION_EXPIRED', hubCode: 37 } });
    expect(log.filter((l) => l.includes('login'))).toHaveLength(2);
    expect(log.filter((l) => l.includes('status'))).toHaveLength(2);
  });

  it.each([
    [39, 'AUTH_FAILED'],
    [36, 'AUTH_FAILED'],
    [-1, 'AUTH_FAILED'],
    [16, 'AUTH_FAILED'],
    [-14, 'AUTH_FAILED'],
  ])('login answered %i → %s with the hub code, and no status request', async (code, expected) => {
    const log: string[] = [];
    const s = await serve((req, res) => (log.push(req.url ?? ''), json(res, { result: code })));
    const r = await client(s.port).updateStatus();
    expect(r).toMatchObject({ ok: false, error: { code: expected, hubCode: code } });
    expect(log).toEqual(['/api/login']);
  });

  it.each([
    [31, 'NOT_PERMITTED'],
    [-26, 'NOT_PERMITTED'],
    [11, 'HUB_ERROR'],
    [-9, 'HUB_ERROR'],
    [4242, 'HUB_ERROR'],
  ])('a call answered %i → %s with the hub code', async (code, expected) => {
    const s = await serve(tinyHub((_req, res) => json(res, { result: code })));
    const r = await client(s.port).updateStatus();
    expect(r).toMatchObject({
      ok: false,
      error: { code: expected, hubCode: code, message: expect.stringContaining(String(code)) },
    });
  });

  it('result codes sent as numeric strings are understood', async () => {
    const s = await serve(tinyHub((_req, res) => json(res, { result: '0', status: { state: '4', progress: '12' } })));
    const r = await client(s.port).updateStatus();
    expect(r.ok && [r.value.state.names, r.value.progress]).toEqual([['downloading'], 12]);
  });

  it('without credentials a hub that needs a login gives AUTH_FAILED (nothing guessed)', async () => {
    const log: string[] = [];
    const s = await serve(tinyHub((_req, res) => json(res, { result: 37 }), log));
    const r = await client(s.port, { credentials: null }).updateStatus();
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'AUTH_FAILED', hubCode: 37, message: expect.stringContaining('no user name and password') },
    });
    expect(log).toEqual(['GET /api/update/status']);
  });

  it('concurrent calls share one login', async () => {
    const log: string[] = [];
    const s = await serve(tinyHub((_req, res) => setTimeout(() => json(res, seedish), 20), log));
    const c = client(s.port);
    const results = await Promise.all([c.updateStatus(), c.updateStatus(), c.updateStatus()]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(log.filter((l) => l.includes('login'))).toHaveLength(1);
  });

  it('logout sends the cookies and ends the session; the next call logs in again', async () => {
    const log: string[] = [];
    const s = await serve(tinyHub((req, res) => json(res, req.url === '/api/logout' ? { result: 0 } : seedish), log));
    const c = client(s.port);
    await c.updateStatus();
    expect(await c.logout()).toEqual({ ok: true, value: undefined });
    expect(c.isLoggedIn).toBe(false);
    await c.updateStatus();
    expect(log).toEqual([
      'POST /api/login',
      'GET /api/update/status',
      'GET /api/logout',
      'POST /api/login',
      'GET /api/update/status',
    ]);
  });

  it('setCredentials drops the session and uses the new user', async () => {
    const users: string[] = [];
    const s = await serve((req, res) => {
      if (req.url === '/api/login') {
        let body = '';
        req.on('data', (c: Buffer) => (body += c));
        req.on(
          'end',
          () => (users.push((JSON.parse(body) as { id: string }).id), json(res, { result: 0, token: 'T' })),
        );
        return;
      }
      json(res, seedish);
    });
    const c = client(s.port);
    await c.updateStatus();
    c.setCredentials({ user: 'tech', password: 'pw' });
    await c.updateStatus();
    expect(users).toEqual(['Admin', 'tech']);
  });
});

describe.each(READS)('transport hygiene: %s', (_way, read) => {
  it('keeps one connection alive across calls', async () => {
    const s = await serve(tinyHub((_req, res) => json(res, seedish)));
    const c = client(s.port);
    expect((await read(c)).ok).toBe(true);
    // The login and the reads may use one connection or two (the status poll has its own);
    // more reads open none.
    const afterFirst = s.connections();
    expect(afterFirst).toBeLessThanOrEqual(2);
    for (let i = 0; i < 5; i++) expect((await read(c)).ok).toBe(true);
    expect(s.connections()).toBe(afterFirst);
  });

  it('ignores proxy environment variables (hub traffic never goes through a proxy)', async () => {
    const saved = { http_proxy: process.env.http_proxy, HTTP_PROXY: process.env.HTTP_PROXY };
    const proxyHits: string[] = [];
    const proxy = await serve((req, res) => (proxyHits.push(req.url ?? ''), res.end()));
    process.env.http_proxy = process.env.HTTP_PROXY = `http://127.0.0.1:${proxy.port}`;
    try {
      const s = await serve(tinyHub((_req, res) => json(res, seedish)));
      expect((await read(client(s.port))).ok).toBe(true);
      expect(proxyHits).toEqual([]);
    } finally {
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  });

  it('an invalid pin is BAD_INPUT on every call, not a throw', async () => {
    const c = new HubClient({ endpoint: { scheme: 'https', host: '127.0.0.1', port: 1 }, pin: 'sha256:nope' });
    clients.push(c);
    expect(await read(c)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});
