import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISHED, startHub, type SimulatedHub } from '../index';
import { call, login } from './http-helpers';

interface Versions {
  list: { version: string; digest: string; 'is-expr': boolean; date: number }[];
  start: number;
  total: number;
}
const versionsOf = (json: Record<string, unknown>) =>
  (json as { status: { 'online-status': { versions: Versions } } }).status['online-status'].versions;

describe('paging the published versions', () => {
  let hub: SimulatedHub;
  let cookie: string;
  beforeAll(async () => {
    hub = await startHub({ port: 0 });
    cookie = (await login(hub)).cookie;
  });
  afterAll(() => hub.stop());

  it('pages through all 50 versions newest first, from start=0', async () => {
    const seen: string[] = [];
    let start = 0;
    for (let guard = 0; guard < 20 && start < 50; guard++) {
      const page = versionsOf((await call(hub, `/api/update/status?start=${start}&count=7`, { cookie })).json);
      expect(page.start).toBe(start);
      expect(page.total).toBe(50);
      seen.push(...page.list.map((e) => e.version));
      start += page.list.length;
    }
    expect(seen).toHaveLength(50);
    expect(seen[0]).toBe('2.1.28');
    expect(seen[49]).toBe('2.0.0');
    expect(new Set(seen).size).toBe(50);
    // Newest first: dates strictly decreasing, digests 64 hex characters.
    for (let i = 1; i < 50; i++) expect(PUBLISHED[i]!.date).toBeLessThan(PUBLISHED[i - 1]!.date);
    for (const v of PUBLISHED) expect(v.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves the default page size for a start without count, and an empty list past the end', async () => {
    expect(
      versionsOf((await call(hub, '/api/update/status?start=10', { cookie })).json).list.map((e) => e.version),
    ).toEqual(['2.1.18', '2.1.17', '2.1.16']);
    const past = versionsOf((await call(hub, '/api/update/status?start=60&count=5', { cookie })).json);
    expect(past).toStrictEqual({ list: [], start: 60, total: 50 });
  });

  it('answers invalid paging parameters with the invalid-argument code', async () => {
    for (const q of ['start=-1', 'count=abc', 'start=1.5']) {
      expect((await call(hub, `/api/update/status?${q}`, { cookie })).json).toStrictEqual({ result: 7 });
    }
  });

  it('honours the defaultPageSize and maxPageSize variants', async () => {
    hub.setVariant({ defaultPageSize: 5, maxPageSize: 4 });
    try {
      expect(versionsOf((await call(hub, '/api/update/status', { cookie })).json).list).toHaveLength(4);
      expect(versionsOf((await call(hub, '/api/update/status?start=0&count=50', { cookie })).json).list).toHaveLength(
        4,
      );
      hub.setVariant({ maxPageSize: 0 });
      expect(versionsOf((await call(hub, '/api/update/status', { cookie })).json).list).toHaveLength(5);
    } finally {
      hub.resetVariant();
    }
  });
});

describe('other endpoints', () => {
  let hub: SimulatedHub;
  let cookie: string;
  beforeAll(async () => {
    hub = await startHub({ port: 0, devices: 12 });
    cookie = (await login(hub)).cookie;
  });
  afterAll(() => hub.stop());

  it('GET /api/system/status carries the hub clock, version and status-code', async () => {
    const before = Math.floor(Date.now() / 1000);
    const a = await call(hub, '/api/system/status', { cookie });
    const { info, status } = (
      a.json as { status: { system: { info: Record<string, unknown>; status: Record<string, unknown> } } }
    ).status.system;
    expect(info['cloud-version']).toBe('2.1.28');
    expect(info['hardware-ver']).toBe('A');
    expect(info['expired-time']).toBe(30);
    expect(info['date-time']).toBeGreaterThanOrEqual(before);
    expect(status['status-code']).toBe(0);
    expect(status).toHaveProperty('disk-info.total');
    expect(typeof status.cpu).toBe('number');
  });

  it('GET /api/settings/get has the documented top-level fields', async () => {
    const a = await call(hub, '/api/settings/get', { cookie });
    expect(a.json).toMatchObject({
      result: 0,
      'expired-time': 30,
      web: { 'enable-https': false, 'http-port': hub.port, 'https-port': 443 },
    });
  });

  it('GET /api/device/list pages, searches and reports total', async () => {
    const all = (await call(hub, '/api/device/list?start=0&count=100', { cookie })).json as {
      list: Record<string, unknown>[];
      total: number;
    };
    expect(all.total).toBe(12);
    expect(all.list).toHaveLength(12);
    expect(all.list[0]).toMatchObject({ 'module-name': 'Ultra Encode HDMI', 'firmware-ver': '1.1.945' });
    const page = (await call(hub, '/api/device/list?start=10&count=5', { cookie })).json as { list: unknown[] };
    expect(page.list).toHaveLength(2);
    const offline = (await call(hub, '/api/device/list?status=offline', { cookie })).json as {
      list: { 'online-date': number }[];
    };
    expect(offline.list.length).toBeGreaterThan(0);
    expect(offline.list.every((d) => d['online-date'] === 0)).toBe(true);
    const found = (await call(hub, `/api/device/list?key=${String(all.list[3]!.sn)}`, { cookie })).json as {
      total: number;
    };
    expect(found.total).toBe(1);
  });

  it('answers unknown paths 404, wrong methods 405 and / with the web UI page', async () => {
    expect((await call(hub, '/api/nothing', { cookie })).status).toBe(404);
    expect((await call(hub, '/api/update/status', { method: 'POST', cookie, body: '{}' })).status).toBe(405);
    const root = await call(hub, '/');
    expect(root.status).toBe(200);
    expect(root.headers['content-type']).toMatch(/text\/html/);
  });

  it('records what it received', async () => {
    hub.clearRequests();
    await call(hub, '/api/update/status?start=2&count=1', { cookie });
    expect(hub.requests).toHaveLength(1);
    expect(hub.requests[0]).toMatchObject({
      method: 'GET',
      path: '/api/update/status',
      query: { start: '2', count: '1' },
      body: '',
    });
    expect(hub.requests[0]!.headers.cookie).toBe(cookie);
  });
});

describe('request recording', () => {
  it('keeps a bounded window of the newest requests, or none', async () => {
    const hub = await startHub({ port: 0, maxRecordedRequests: 8 });
    const silent = await startHub({ port: 0, maxRecordedRequests: 0 });
    try {
      for (let i = 0; i < 30; i++) await call(hub, `/api/update/status?start=${i}`);
      expect(hub.requests.length).toBeGreaterThanOrEqual(8);
      expect(hub.requests.length).toBeLessThanOrEqual(10);
      expect(hub.requests.at(-1)!.query.start).toBe('29');
      await call(silent, '/api/update/status');
      expect(silent.requests).toHaveLength(0);
    } finally {
      await Promise.all([hub.stop(), silent.stop()]);
    }
  });
});
