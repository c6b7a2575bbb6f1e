import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Fault, type SimulatedHub } from '../index';
import { call, getAsAdmin, login } from './http-helpers';

/** Raw response: status, declared length and bytes actually received, or the socket error. */
function raw(
  hub: SimulatedHub,
  path: string,
  timeoutMs = 1500,
): Promise<{ status?: number; length?: number; received: number; error?: string }> {
  return new Promise((resolve) => {
    let received = 0;
    let status: number | undefined;
    let length: number | undefined;
    const req = request(`${hub.url}${path}`, { agent: false }, (res) => {
      status = res.statusCode;
      length = Number(res.headers['content-length']);
      res.on('data', (c: Buffer) => (received += c.length));
      res.on('end', () => resolve({ status, length, received }));
      res.on('error', (e: NodeJS.ErrnoException) => resolve({ status, length, received, error: e.code ?? e.message }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ status, length, received, error: e.code ?? e.message }));
    req.end();
  });
}

describe('faults', () => {
  let hub: SimulatedHub;
  beforeAll(async () => {
    hub = await startHub({ port: 0 });
  });
  afterEach(() => hub.injectFault(null));
  afterAll(() => hub.stop());

  it('latency delays the normal answer', async () => {
    hub.injectFault({ kind: 'latency', ms: 300 });
    const t0 = Date.now();
    const a = await call(hub, '/api/update/status');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(a.json).toStrictEqual({ result: 37 });
  });

  it('hang accepts and never answers', async () => {
    hub.injectFault({ kind: 'hang' });
    const r = await raw(hub, '/api/update/status', 400);
    expect(r).toMatchObject({ error: 'TIMEOUT', status: undefined });
    expect(hub.requests.at(-1)?.path).toBe('/api/update/status');
  });

  it('reset destroys the connection', async () => {
    hub.injectFault({ kind: 'reset' });
    const r = await raw(hub, '/api/update/status');
    expect(['ECONNRESET', 'socket hang up']).toContain(r.error);
  });

  it('http500 and http401 answer bare status codes', async () => {
    hub.injectFault({ kind: 'http500' });
    expect((await call(hub, '/api/update/status')).status).toBe(500);
    hub.injectFault({ kind: 'http401' });
    expect((await call(hub, '/api/update/status')).status).toBe(401);
  });

  it('html answers 200 with a web page', async () => {
    hub.injectFault({ kind: 'html' });
    const a = await call(hub, '/api/update/status');
    expect(a.status).toBe(200);
    expect(a.headers['content-type']).toMatch(/^text\/html/);
    expect(a.text).toMatch(/<html/);
  });

  it('malformed-json answers 200 application/json that does not parse', async () => {
    hub.injectFault({ kind: 'malformed-json' });
    const a = await call(hub, '/api/update/status');
    expect(a.status).toBe(200);
    expect(a.headers['content-type']).toMatch(/^application\/json/);
    expect(() => JSON.parse(a.text)).toThrow();
  });

  it('truncated declares more bytes than it sends, then closes', async () => {
    hub.injectFault({ kind: 'truncated' });
    const r = await raw(hub, '/api/update/status');
    expect(r.status).toBe(200);
    expect(r.received).toBeLessThan(r.length!);
    expect(r.error).toBeDefined();
  });

  it('huge sends a body of the requested size', async () => {
    hub.injectFault({ kind: 'huge', bytes: 8 * 1024 * 1024 });
    const r = await raw(hub, '/api/update/status', 5000);
    expect(r).toMatchObject({ status: 200, length: 8 * 1024 * 1024, received: 8 * 1024 * 1024 });
  });

  it('paths limit a fault to some calls', async () => {
    hub.injectFault({ kind: 'http500', paths: ['/api/update/status'] });
    const { answer, cookie } = await login(hub);
    expect(answer.json.result).toBe(0);
    expect((await call(hub, '/api/update/status', { cookie })).status).toBe(500);
    expect((await call(hub, '/api/system/status', { cookie })).json.result).toBe(0);
    hub.injectFault(null);
    expect((await getAsAdmin(hub, '/api/update/status')).json.result).toBe(0);
  });

  it('rejects an unknown fault', () => {
    expect(() => hub.injectFault({ kind: 'explode' } as unknown as Fault)).toThrow(/unknown simulator fault/);
    expect(() => hub.injectFault({ kind: 'huge', bytes: 0 })).toThrow(/bytes/);
  });
});

describe('faults over HTTPS', () => {
  let secure: SimulatedHub;
  beforeAll(async () => {
    secure = await startHub({ port: 0, https: true });
  });
  afterAll(() => secure.stop());

  it('reset resets the TCP connection under TLS instead of crashing the hub', async () => {
    secure.injectFault({ kind: 'reset' });
    await expect(call(secure, '/api/update/status')).rejects.toMatchObject({ code: 'ECONNRESET' });
    secure.injectFault(null);
    expect((await getAsAdmin(secure, '/api/update/status')).json.result).toBe(0);
  });
});
