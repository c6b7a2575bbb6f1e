import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { silentLog } from '../../electron/core/app/log';
import { startWebTransport, type WebTransport } from '../../electron/web/server';
import { createSocketApi, type SocketLike } from '../../electron/web/socket-api';
import { SHIM_PATH, TOKEN_PROTOCOL_PREFIX, WS_PATH, WS_PROTOCOL } from '../../electron/web/protocol';
import { echoDispatcher } from './echo-dispatcher';

// The transport on its own, with a small real invoker behind it: who may connect, what is
// served, and that calls and events cross intact. The full backend runs in contract-hubs.test.ts.
// The echo is shaped as app:openHubWebUi's result, the call packed into `url`.
const { clients, dispatcher } = echoDispatcher(silentLog);

let dir: string;
let transport: WebTransport;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hk-web-'));
  mkdirSync(path.join(dir, 'renderer', 'assets'), { recursive: true });
  writeFileSync(
    path.join(dir, 'renderer', 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>',
  );
  writeFileSync(path.join(dir, 'renderer', 'assets', 'app.js'), 'void 0');
  writeFileSync(path.join(dir, 'secret.txt'), 'outside');
  transport = await startWebTransport({ dispatcher, rendererDir: path.join(dir, 'renderer') });
});
afterAll(async () => {
  await transport.close();
  rmSync(dir, { recursive: true, force: true });
});

function connectRaw(
  headers: Record<string, string>,
  protocols: string[],
  url = transport.wsUrl,
): Promise<{ status: number | 'open' }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, protocols, { headers });
    ws.on('open', () => {
      ws.close();
      resolve({ status: 'open' });
    });
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.on('error', () => resolve({ status: 0 }));
  });
}

function get(
  pathname: string,
  host?: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port: transport.port, path: pathname, headers: host ? { host } : {} },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
  });
}

const api = () =>
  createSocketApi({
    url: transport.wsUrl,
    token: transport.token,
    connect: (u, p) => new WebSocket(u, p) as unknown as SocketLike,
    maxReconnects: 0,
  });

describe('web transport: who may connect', () => {
  it('binds to loopback and refuses any other address before listening', async () => {
    expect(transport.host).toBe('127.0.0.1');
    expect(transport.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    for (const host of ['0.0.0.0', '::', '192.0.2.10', '198.51.100.1', 'localhost', 'example.org']) {
      await expect(startWebTransport({ dispatcher, host })).rejects.toThrow(/loopback only/);
    }
  });

  it('uses a fresh random token each run', async () => {
    const other = await startWebTransport({ dispatcher });
    expect(other.token).not.toBe(transport.token);
    expect(other.token.length).toBeGreaterThanOrEqual(40);
    await other.close();
  });

  it('refuses a connection without the token, with a wrong token, or to another path', async () => {
    expect(await connectRaw({}, [WS_PROTOCOL])).toEqual({ status: 401 });
    expect(await connectRaw({}, [WS_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${'x'.repeat(43)}`])).toEqual({ status: 401 });
    expect(await connectRaw({}, [`${TOKEN_PROTOCOL_PREFIX}${transport.token}`])).toEqual({ status: 401 });
    expect(
      await connectRaw(
        {},
        [WS_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${transport.token}`],
        transport.wsUrl.replace(WS_PATH, '/other'),
      ),
    ).toEqual({ status: 404 });
  });

  it('refuses another web page (Origin) and a rebound host name (Host) even with the token', async () => {
    const good = [WS_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${transport.token}`];
    expect(await connectRaw({ origin: 'https://evil.example' }, good)).toEqual({ status: 403 });
    expect(await connectRaw({ host: `evil.example:${transport.port}` }, good)).toEqual({ status: 421 });
    expect(await connectRaw({ origin: transport.origin.slice(0, -1) }, good)).toEqual({ status: 'open' });
  });
});

describe('web transport: calls and events', () => {
  it('carries a call and its envelope, with the connection as the client', async () => {
    const a = api();
    const res = await a.invoke('app:openHubWebUi', { hubId: 'h1' });
    expect(res).toEqual({ ok: true, value: { opened: true, url: expect.any(String) } });
    expect(res.ok && JSON.parse(res.value.url)).toEqual({
      channel: 'app:openHubWebUi',
      args: { hubId: 'h1' },
      client: expect.stringMatching(/^web-\d+$/),
    });
    a.close();
  });

  it('parses arguments on the server: bad ones never reach a handler', async () => {
    const a = api();
    expect(
      await a.invoke('history:page', { hubId: 'h1', start: 0, count: 3, url: 'http://127.0.0.9' } as never),
    ).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    await expect(a.invoke('shell:exec' as never, {} as never)).rejects.toThrow(/Blocked undeclared/);
    a.close();
  });

  it('pushes events to the page; listeners get the payload and can unsubscribe', async () => {
    const a = api();
    await a.invoke('app:info', {});
    const seen: unknown[] = [];
    const off = a.on('menu:command', (p) => seen.push(p));
    // One socket carries events and answers in order: once a later call is answered, the
    // event broadcast before it has been delivered (no sleep to guess how long that takes).
    clients.broadcast('menu:command', { command: 'about' });
    await a.invoke('app:info', {});
    off();
    clients.broadcast('menu:command', { command: 'add-hub' });
    await a.invoke('app:info', {});
    expect(seen).toEqual([{ command: 'about' }]);
    a.close();
  });

  it('closes a connection that sends garbage', async () => {
    const ws = new WebSocket(transport.wsUrl, [WS_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${transport.token}`]);
    await new Promise((r) => ws.on('open', r));
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.send('{not json');
    expect(await closed).toBe(1008);
  });
});

describe('web transport: the page', () => {
  it('serves the renderer with the shim first in <head> and a CSP that allows only our socket', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.body).toMatch(new RegExp(`<head><script src="${SHIM_PATH}"></script>`));
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain(`connect-src ws://127.0.0.1:${transport.port}`);
    expect(csp).toContain("script-src 'self'");
    const shim = await get(SHIM_PATH);
    expect(shim.status).toBe(200);
    expect(shim.body).toContain('hubkeeper');
    expect(shim.body).not.toMatch(/require\(|node:/);
  });

  it('refuses traversal, other hosts and writes', async () => {
    expect((await get('/%2e%2e/secret.txt')).status).toBe(404);
    expect((await get('/assets/..%2f..%2fsecret.txt')).status).toBe(404);
    expect((await get('/', `evil.example:${transport.port}`)).status).toBe(421);
    expect((await get('/assets/app.js')).status).toBe(200);
  });
});
