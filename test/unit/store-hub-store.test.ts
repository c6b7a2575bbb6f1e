import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HubStore } from '../../electron/core/store/hub-store';
import { decodeHubId, encodeHubId, hubPaths } from '../../electron/core/store/paths';
import { initialTrackerState } from '../../electron/core/tracking/types';
import { live } from './tracking-fixtures';
import type { TimelineEvent } from '../../electron/shared/timeline';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hk-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function openStore(): Promise<HubStore> {
  const r = await HubStore.open(dir);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const ev = (i: number): TimelineEvent => ({
  at: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(),
  type: 'progress',
  percent: i,
});

describe('hub id folder names', () => {
  it('encodes anything outside a safe set and reverses exactly', () => {
    for (const id of ['hub-1', 'h_ABC', '../../etc', 'a.b', 'C:\\x', '集线器', '~7e', '']) {
      const folder = encodeHubId(id);
      expect(folder).toMatch(/^(?:[A-Za-z0-9_-]|~[0-9a-f]{2})*$/);
      if (id) expect(decodeHubId(folder)).toBe(id);
    }
    expect(encodeHubId('../x')).toBe('~2e~2e~2fx');
    expect(decodeHubId('status.json.123')).toBeNull();
  });
});

describe('HubStore', () => {
  it('refuses a relative data folder and a store from a newer version', async () => {
    expect((await HubStore.open('relative/dir')).ok).toBe(false);
    await openStore();
    await writeFile(path.join(dir, 'store', 'meta.json'), JSON.stringify({ schema: 99 }));
    const r = await HubStore.open(dir);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/newer Hubkeeper \(schema 99/);
  });

  it('round-trips the last-known status and the version list, schema-versioned on disk', async () => {
    const store = await openStore();
    expect((await store.readStatus('hub-1')).ok && (await store.readStatus('hub-1'))).toEqual({
      ok: true,
      value: null,
    });
    const doc = { savedAt: '2024-01-02T10:00:01.000Z', live: live('hub-1'), tracker: initialTrackerState() };
    expect(await store.writeStatus('hub-1', doc)).toEqual({ ok: true, value: undefined });
    expect(await store.readStatus('hub-1')).toEqual({ ok: true, value: { schema: 1, hubId: 'hub-1', ...doc } });
    const versions = {
      asOf: '2024-01-02T10:00:00.000Z',
      total: 1,
      entries: [{ version: '2.1.28', digest: 'a'.repeat(64), preRelease: false, releasedAt: null }],
    };
    await store.writeVersions('hub-1', versions);
    expect(await store.readVersions('hub-1')).toEqual({ ok: true, value: { schema: 1, hubId: 'hub-1', ...versions } });
    const raw = JSON.parse(await readFile(hubPaths(dir, 'hub-1').status, 'utf8'));
    expect(raw.schema).toBe(1);
    expect(await store.hubIds()).toEqual(['hub-1']);
  });

  it('reports a damaged snapshot clearly instead of throwing', async () => {
    const store = await openStore();
    await store.writeStatus('h', { savedAt: 'x', live: live('h'), tracker: initialTrackerState() });
    await writeFile(hubPaths(dir, 'h').status, '{"schema":1,"hubId":"h"}');
    const r = await store.readStatus('h');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/not in the expected format/);
  });

  it('appends events durably and reads them back in order', async () => {
    const store = await openStore();
    await store.appendEvents('hub-1', [ev(0), ev(1)]);
    await store.appendEvents('hub-1', [ev(2)]);
    const r = await store.readEvents('hub-1');
    expect(r).toEqual({ ok: true, value: { events: [ev(0), ev(1), ev(2)], skipped: 0, tornTail: false } });
    const text = await readFile(hubPaths(dir, 'hub-1').events, 'utf8');
    expect(text.split('\n')[0]).toBe('{"v":1,"at":"2024-01-01T00:00:00.000Z","type":"progress","percent":0}');
  });

  it('skips a torn last line on load and cuts it off before the next append', async () => {
    const store = await openStore();
    await store.appendEvents('h', [ev(0), ev(1)]);
    await appendFile(hubPaths(dir, 'h').events, '{"v":1,"at":"2024-01-01T00:00:02.000Z","ty');
    const torn = await store.readEvents('h');
    expect(torn.ok && torn.value).toEqual({ events: [ev(0), ev(1)], skipped: 1, tornTail: true });

    const fresh = await openStore(); // as after a restart of the process
    await fresh.appendEvents('h', [ev(2)]);
    const after = await fresh.readEvents('h');
    expect(after.ok && after.value).toEqual({ events: [ev(0), ev(1), ev(2)], skipped: 0, tornTail: false });
  });

  it('skips damaged and newer-format lines in the middle and counts them', async () => {
    const store = await openStore();
    await store.appendEvents('h', [ev(0)]);
    await appendFile(hubPaths(dir, 'h').events, 'garbage\n{"v":2,"at":"x","type":"future"}\n{"v":1,"type":"nope"}\n');
    await store.appendEvents('h', [ev(1)]);
    const r = await store.readEvents('h');
    expect(r.ok && r.value).toEqual({ events: [ev(0), ev(1)], skipped: 3, tornTail: false });
  });

  it('serialises concurrent writes to one hub and sweeps temporary files a killed writer left', async () => {
    const store = await openStore();
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.appendEvents('h', [ev(i)])));
    const r = await store.readEvents('h');
    expect(r.ok && r.value.events.map((e) => (e.type === 'progress' ? e.percent : -1))).toEqual(
      Array.from({ length: 20 }, (_, i) => i),
    );

    await writeFile(path.join(hubPaths(dir, 'h').dir, 'status.json.123456'), 'half');
    const fresh = await openStore();
    await fresh.writeStatus('h', { savedAt: 'x', live: live('h'), tracker: initialTrackerState() });
    expect((await readdir(hubPaths(dir, 'h').dir)).sort()).toEqual(['events.jsonl', 'status.json']);
  });
});
