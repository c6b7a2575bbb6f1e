import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, stat, utimes, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HubStore } from '../../electron/core/store/hub-store';
import { decodeHubId, encodeHubId, hubPaths } from '../../electron/core/store/paths';
import { initialTrackerState } from '../../electron/core/tracking/types';
import { live } from './tracking-fixtures';
import type { TimelineEvent } from '../../electron/shared/timeline';
import type { DamagedFile } from '../../electron/core/data-folder';

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

  it('moves a damaged snapshot aside as .damaged-<time>, tells once, and reads on as if none were stored', async () => {
    const damaged: DamagedFile[] = [];
    const opened = await HubStore.open(dir, { onDamaged: (d) => damaged.push(d) });
    if (!opened.ok) throw new Error(opened.error.message);
    const store = opened.value;
    const file = hubPaths(dir, 'h').status;
    for (const [content, reason] of [
      ['{"schema":1,"hubId":"h"}', /not in the expected format/],
      ['{"schema":1,"hubId":"h","sav', /not valid JSON/],
      ['[1,2]', /no schema number/],
    ] as const) {
      damaged.length = 0;
      await store.writeStatus('h', { savedAt: 'x', live: live('h'), tracker: initialTrackerState() });
      await writeFile(file, content);
      expect(await store.readStatus('h')).toEqual({ ok: true, value: null });
      expect(damaged).toEqual([
        { file, movedTo: expect.any(String), reason: expect.stringMatching(reason), at: expect.any(String) },
      ]);
      expect(path.basename(damaged[0]!.movedTo)).toMatch(/^status\.json\.damaged-[\dT-]+Z(-\d+)?$/);
      expect(await readFile(damaged[0]!.movedTo, 'utf8')).toBe(content);
      // Told once: the file is gone, the next read finds nothing to report.
      expect(await store.readStatus('h')).toEqual({ ok: true, value: null });
      expect(damaged).toHaveLength(1);
    }
    // The version list too.
    await writeFile(hubPaths(dir, 'h').versions, 'not json');
    damaged.length = 0;
    expect(await store.readVersions('h')).toEqual({ ok: true, value: null });
    expect(damaged[0]?.file).toBe(hubPaths(dir, 'h').versions);
    // And the device list: not JSON, or not the expected shape.
    for (const content of ['{"devic', '{"schema":1,"hubId":"h","asOf":"x","devices":"lots","truncated":false}']) {
      await writeFile(hubPaths(dir, 'h').devices, content);
      damaged.length = 0;
      expect(await store.readDevices('h')).toEqual({ ok: true, value: null });
      expect(damaged[0]?.file).toBe(hubPaths(dir, 'h').devices);
    }
    // A snapshot from a newer Hubkeeper is refused, named, and left alone.
    await writeFile(file, '{"schema":7}');
    const newer = await store.readStatus('h');
    expect(newer.ok).toBe(false);
    if (!newer.ok) expect(newer.error.message).toContain(file);
    expect(await readFile(file, 'utf8')).toBe('{"schema":7}');
  });

  it('moves a damaged meta.json aside and starts a fresh store', async () => {
    await openStore();
    const meta = path.join(dir, 'store', 'meta.json');
    await writeFile(meta, '{"sch');
    const damaged: DamagedFile[] = [];
    const r = await HubStore.open(dir, { onDamaged: (d) => damaged.push(d) });
    expect(r.ok).toBe(true);
    expect(damaged).toEqual([expect.objectContaining({ file: meta, reason: 'not valid JSON' })]);
    expect(await readFile(damaged[0]!.movedTo, 'utf8')).toBe('{"sch');
    expect(JSON.parse(await readFile(meta, 'utf8'))).toEqual({ schema: 1 });
  });

  it.skipIf(process.platform === 'win32')('creates its folders 0700 and its files 0600', async () => {
    const data = path.join(dir, 'fresh', 'data');
    const opened = await HubStore.open(data);
    if (!opened.ok) throw new Error(opened.error.message);
    await opened.value.writeStatus('h', { savedAt: 'x', live: live('h'), tracker: initialTrackerState() });
    await opened.value.writeVersions('h', { asOf: 'x', total: 0, entries: [] });
    await opened.value.writeDevices('h', { asOf: 'x', devices: [], truncated: false });
    await opened.value.appendEvents('h', [ev(0)]);
    const mode = async (p: string) => (await stat(p)).mode & 0o777;
    for (const folder of [path.join(dir, 'fresh'), data, path.join(data, 'store'), hubPaths(data, 'h').dir])
      expect(await mode(folder), folder).toBe(0o700);
    for (const file of [path.join(data, 'store', 'meta.json'), ...Object.values(hubPaths(data, 'h')).slice(1)])
      expect(await mode(file), file).toBe(0o600);
  });

  it('keeps the last device list with its time across a reopen', async () => {
    const device = {
      serial: 'A302-0001',
      name: 'Stage left',
      model: 'Ultra Encode HDMI',
      firmwareVersion: '1.1.945',
      hardwareVersion: 'A',
      online: true,
      warnings: 0,
      appliedAt: null,
      upgrade: null,
    };
    const doc = { asOf: '2026-01-02T03:04:05.000Z', devices: [device], truncated: false };
    expect(await (await openStore()).writeDevices('hub-1', doc)).toEqual({ ok: true, value: undefined });
    expect(await (await openStore()).readDevices('hub-1')).toEqual({
      ok: true,
      value: { schema: 1, hubId: 'hub-1', ...doc },
    });
    expect(await (await openStore()).readDevices('hub-2')).toEqual({ ok: true, value: null });
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

  it('skips a torn last line on load and ends it before the next append', async () => {
    const store = await openStore();
    await store.appendEvents('h', [ev(0), ev(1)]);
    await appendFile(hubPaths(dir, 'h').events, '{"v":1,"at":"2024-01-01T00:00:02.000Z","ty');
    const torn = await store.readEvents('h');
    expect(torn.ok && torn.value).toEqual({ events: [ev(0), ev(1)], skipped: 1, tornTail: true });

    const fresh = await openStore(); // as after a restart of the process
    await fresh.appendEvents('h', [ev(2)]);
    const after = await fresh.readEvents('h');
    // The fragment stays as one unreadable line (never cut: another process may be appending).
    expect(after.ok && after.value).toEqual({ events: [ev(0), ev(1), ev(2)], skipped: 1, tornTail: false });
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

    const old = path.join(hubPaths(dir, 'h').dir, 'status.json.123456');
    const recent = path.join(hubPaths(dir, 'h').dir, 'versions.json.654321');
    await writeFile(old, 'half');
    await writeFile(recent, 'half');
    // A minute old: a dead writer's. The recent one may be another process's write in progress.
    const aMinuteAgo = new Date(Date.now() - 60_000);
    await utimes(old, aMinuteAgo, aMinuteAgo);
    const fresh = await openStore();
    await fresh.writeStatus('h', { savedAt: 'x', live: live('h'), tracker: initialTrackerState() });
    expect((await readdir(hubPaths(dir, 'h').dir)).sort()).toEqual([
      'events.jsonl',
      'status.json',
      'versions.json.654321',
    ]);
  });
});
