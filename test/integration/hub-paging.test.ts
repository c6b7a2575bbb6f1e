import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { HubClient, MAX_HISTORY_PAGES } from '../../electron/core/hub/hub-client';
import { startTestServer, type TestServer } from './hub-test-server';

/**
 * allVersions() against hubs that page oddly: it trusts start/total, copes with short pages,
 * and always stops (page cap, duplicates, no progress), never looping.
 */

const servers: TestServer[] = [];
const clients: HubClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

const versions = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    version: `9.0.${n - 1 - i}`,
    digest: i.toString(16).padStart(64, '0'),
    'is-expr': false,
    date: 1700000000 - i * 86400,
  }));

/** A hub whose paging is `page(start, count)`; records the queries. */
async function pagingHub(
  page: (start: number, count: number) => { start?: number; total?: number; list: unknown[] } | null,
): Promise<{ client: HubClient; queries: string[] }> {
  const queries: string[] = [];
  const handler: http.RequestListener = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    res.setHeader('Content-Type', 'application/json');
    if (url.pathname === '/api/login') return void res.end(JSON.stringify({ result: 0, token: 'T' }));
    queries.push(url.search);
    const p = page(Number(url.searchParams.get('start') ?? 0), Number(url.searchParams.get('count') ?? 3));
    const status: Record<string, unknown> = { state: 0, version: '9.0.0' };
    if (p) status['online-status'] = { versions: p };
    res.end(JSON.stringify({ result: 0, status }));
  };
  const s = await startTestServer(handler);
  servers.push(s);
  const client = new HubClient({
    endpoint: { scheme: 'http', host: '127.0.0.1', port: s.port },
    credentials: { user: 'Admin', password: 'Admin' },
    timeoutMs: 2000,
  });
  clients.push(client);
  return { client, queries };
}

describe('allVersions paging', () => {
  it('a well-behaved hub: one request for 50 entries', async () => {
    const all = versions(50);
    const { client, queries } = await pagingHub((start, count) => ({
      start,
      total: 50,
      list: all.slice(start, start + count),
    }));
    const r = await client.allVersions();
    expect(r.ok && r.value.entries.map((e) => e.version)).toEqual(all.map((v) => v.version));
    expect(queries).toEqual(['?start=0&count=100']);
  });

  it('short pages: continues from start + what was served', async () => {
    const all = versions(23);
    const { client, queries } = await pagingHub((start, count) => ({
      start,
      total: 23,
      list: all.slice(start, start + Math.min(count, 4)),
    }));
    const r = await client.allVersions();
    expect(r.ok && r.value.entries).toHaveLength(23);
    expect(queries[1]).toBe('?start=4&count=19');
    expect(queries).toHaveLength(6);
  });

  it('trusts the start the hub reports (1-based hub)', async () => {
    const all = versions(10);
    const { client } = await pagingHub((start, count) => {
      const s = Math.max(start, 1);
      return { start: s, total: 10, list: all.slice(s, s + Math.min(count, 3)) };
    });
    const r = await client.allVersions();
    expect(r.ok && r.value.start).toBe(1);
    expect(r.ok && r.value.entries.map((e) => e.version)).toEqual(all.slice(1).map((v) => v.version));
  });

  it('a hub that ignores start: stops after the first repeat', async () => {
    const all = versions(50);
    const { client, queries } = await pagingHub(() => ({ start: 1, total: 50, list: all.slice(1, 4) }));
    const r = await client.allVersions();
    expect(r.ok && r.value).toMatchObject({ start: 1, total: 50 });
    expect(r.ok && r.value.entries).toHaveLength(3);
    expect(queries).toHaveLength(2);
  });

  it('a total larger than the list: stops on the first empty page', async () => {
    const all = versions(8);
    const { client, queries } = await pagingHub((start, count) => ({
      start,
      total: 500,
      list: all.slice(start, start + count),
    }));
    const r = await client.allVersions();
    expect(r.ok && r.value).toMatchObject({ start: 0, total: 500 });
    expect(r.ok && r.value.entries).toHaveLength(8);
    expect(queries).toHaveLength(2);
  });

  it('no total: reads until a page brings nothing new', async () => {
    const all = versions(12);
    const { client, queries } = await pagingHub((start, count) => ({
      start,
      list: all.slice(start, start + Math.min(count, 5)),
    }));
    const r = await client.allVersions();
    expect(r.ok && r.value).toMatchObject({ start: 0, total: null });
    expect(r.ok && r.value.entries).toHaveLength(12);
    expect(queries).toHaveLength(4);
  });

  it('the same versions served at every position are kept once', async () => {
    const all = versions(3);
    const { client } = await pagingHub((start) => ({ start, total: 9, list: all }));
    const r = await client.allVersions();
    expect(r.ok && r.value.entries.map((e) => e.version)).toEqual(all.map((v) => v.version));
  });

  it('a hub feeding one new entry forever is cut at the page cap', async () => {
    const { client, queries } = await pagingHub((start) => ({
      start,
      total: 1_000_000,
      list: [{ version: `1.0.${start}`, digest: null, date: 1 }],
    }));
    const r = await client.allVersions();
    expect(queries).toHaveLength(MAX_HISTORY_PAGES);
    expect(r.ok && r.value.entries).toHaveLength(MAX_HISTORY_PAGES);
  });

  it('no versions at all: an empty list with an unknown total, not an error', async () => {
    const { client, queries } = await pagingHub(() => null);
    expect(await client.allVersions()).toEqual({ ok: true, value: { start: 0, total: null, entries: [] } });
    expect(queries).toHaveLength(1);
  });
});
