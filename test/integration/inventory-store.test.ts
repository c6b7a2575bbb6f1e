import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InventoryStore, type InventoryChange } from '../../electron/core/inventory/inventory-store';
import { inventorySchema } from '../../electron/shared/inventory';
import type { DamagedFile } from '../../electron/core/data-folder';

const PIN = `sha256:${'d'.repeat(64)}`;
let dir: string;
let counter = 0;
const options = { newId: () => `id-${++counter}`, now: () => new Date('2026-03-04T05:06:07.000Z') };

async function open(): Promise<InventoryStore> {
  const r = await InventoryStore.open(dir, options);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
function value<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hubkeeper-inventory-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('InventoryStore', () => {
  it('starts empty without a file and persists every change atomically', async () => {
    const store = await open();
    expect(store.get()).toEqual({ schemaVersion: 1, sites: [], hubs: [] });
    await expect(readdir(dir)).resolves.toEqual([]);

    const site = value(await store.addSite({ name: ' Plant A ', defaultUser: 'Admin', notes: '' }));
    expect(site).toEqual({ id: 'id-1', name: 'Plant A', defaultUser: 'Admin', notes: '' });
    const added = value(
      await store.addHubs(site.id, [
        { address: '127.0.0.5', endpoints: [{ scheme: 'http', port: 80, fingerprint: null }] },
        { address: '127.0.0.6', endpoints: [{ scheme: 'https', port: 443, fingerprint: PIN }] },
      ]),
    );
    expect(added.added.map((h) => [h.address, h.endpoints])).toEqual([
      ['127.0.0.5', [{ scheme: 'http', port: 80, pin: null }]],
      // The probe's fingerprint is not pinned by adding: pinning is the technician's call.
      ['127.0.0.6', [{ scheme: 'https', port: 443, pin: null }]],
    ]);
    const [hub5, hub6] = added.added;
    value(await store.updateHub(hub5!.id, { name: 'Hall 5' }));
    value(await store.setPin(hub6!.id, 443, PIN.toUpperCase()));

    const onDisk = inventorySchema.parse(JSON.parse(await readFile(path.join(dir, 'inventory.json'), 'utf8')));
    expect(onDisk).toEqual(store.get());
    expect(onDisk.hubs.find((h) => h.id === hub6!.id)!.endpoints[0]!.pin).toBe(PIN);
    // No temporary files are left behind by the atomic writes.
    expect(await readdir(dir)).toEqual(['inventory.json']);

    const again = await open();
    expect(again.get()).toEqual(store.get());
  });

  it('merges a found hub into the one already at that address instead of duplicating it', async () => {
    const store = await open();
    const a = value(await store.addSite({ name: 'A', defaultUser: '', notes: '' }));
    const b = value(await store.addSite({ name: 'B', defaultUser: '', notes: '' }));
    const first = value(
      await store.addHubs(a.id, [
        { address: '127.0.0.5', endpoints: [{ scheme: 'http', port: 80, fingerprint: null }] },
      ]),
    );
    const second = value(
      await store.addHubs(b.id, [
        { address: '127.0.0.5', endpoints: [{ scheme: 'https', port: 443, fingerprint: null }] },
        { address: '127.0.0.5', endpoints: [{ scheme: 'http', port: 80, fingerprint: null }] },
      ]),
    );
    expect(second).toEqual({ added: [], existing: [first.added[0]!.id] });
    expect(store.get().hubs).toHaveLength(1);
    expect(store.get().hubs[0]).toMatchObject({
      siteId: a.id,
      endpoints: [
        { scheme: 'http', port: 80 },
        { scheme: 'https', port: 443 },
      ],
    });
  });

  it('refuses bad edits with clear errors and changes nothing', async () => {
    const store = await open();
    const site = value(await store.addSite({ name: 'A', defaultUser: '', notes: '' }));
    value(
      await store.addHubs(site.id, [
        { address: '127.0.0.5', endpoints: [{ scheme: 'https', port: 443, fingerprint: null }] },
      ]),
    );
    const hub = store.get().hubs[0]!;
    const snapshot = JSON.stringify(store.get());
    const cases = [
      [await store.addSite({ name: 'a', defaultUser: '', notes: '' }), 'BAD_INPUT', /already exists/],
      [await store.addSite({ name: '  ', defaultUser: '', notes: '' }), 'BAD_INPUT', /needs a name/],
      [await store.removeSite(site.id, false), 'BAD_INPUT', /still has 1 hub/],
      [await store.updateHub(hub.id, { name: 'x\u0007' }), 'BAD_INPUT', /control characters/],
      [await store.updateHub(hub.id, { siteId: 'nope' }), 'NOT_FOUND', /site/],
      [await store.updateHub('nope', { name: 'x' }), 'NOT_FOUND', /hub/],
      [await store.setPin(hub.id, 8443, PIN), 'NOT_FOUND', /no HTTPS endpoint on port 8443/],
      [await store.setPin(hub.id, 443, 'sha256:1234'), 'BAD_INPUT', /not a certificate pin/],
      [
        await store.addHubs(site.id, [
          { address: 'bad address!', endpoints: [{ scheme: 'http', port: 80, fingerprint: null }] },
        ]),
        'BAD_INPUT',
        /not an IP address or host name/,
      ],
    ] as const;
    for (const [result, code, message] of cases) {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe(code);
        expect(result.error.message).toMatch(message);
      }
    }
    expect(JSON.stringify(store.get())).toBe(snapshot);
    const removed = value(await store.removeSite(site.id, true));
    expect(removed.removedHubIds).toEqual([hub.id]);
    expect(store.get()).toEqual({ schemaVersion: 1, sites: [], hubs: [] });
  });

  it('imports CSV and JSON with a per-line report, exports both, and tells listeners what changed', async () => {
    const store = await open();
    const changes: InventoryChange[] = [];
    store.onChange((c) => changes.push(c));
    const report = value(
      await store.importText(
        [
          'site,default_user,name,address,http_port,https_port',
          'Plant A,Admin,Hall 1,127.0.0.5,80,',
          'Plant A,,Hall 2,127.0.0.300,80,',
          'Plant B,,,127.0.0.6,,443',
        ].join('\n'),
        'csv',
      ),
    );
    expect(report).toEqual({
      format: 'csv',
      added: 2,
      updated: 0,
      sitesAdded: 2,
      bad: [{ line: 3, message: expect.stringMatching(/not an IPv4 address.*row skipped/) }],
      warnings: [],
    });
    expect(changes).toHaveLength(1);
    expect(changes[0]!.upsertedHubs.map((h) => h.address)).toEqual(['127.0.0.5', '127.0.0.6']);

    const json = value(store.exportText('json'));
    const csv = value(store.exportText('csv'));
    expect(csv).toContain('Plant A,Admin,Hall 1,127.0.0.5,80,,,,');

    // Into a second, empty data folder: the export re-creates the same inventory, ids included.
    const other = await mkdtemp(path.join(tmpdir(), 'hubkeeper-inventory-'));
    try {
      const copy = value(await InventoryStore.open(other, options));
      const imported = value(await copy.importText(json, 'json'));
      expect(imported).toMatchObject({ added: 2, updated: 0, sitesAdded: 2, bad: [] });
      expect(copy.get()).toEqual(store.get());
      // And importing it again is a no-op.
      expect(value(await copy.importText(json, 'json'))).toMatchObject({ added: 0, updated: 0, sitesAdded: 0 });
      expect(value(await copy.importText(csv, 'csv'))).toMatchObject({ added: 0, updated: 0, sitesAdded: 0, bad: [] });
    } finally {
      await rm(other, { recursive: true, force: true });
    }

    const bad = await store.importText('not,a,known\nheader,row,here', 'csv');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/missing: site, address/);
  });

  it('keeps changes another process made to the file', async () => {
    const store = await open();
    value(await store.addSite({ name: 'Mine', defaultUser: '', notes: '' }));
    // Another process (the CLI) imports a site meanwhile.
    const cli = await open();
    value(await cli.addSite({ name: 'From the CLI', defaultUser: '', notes: '' }));
    const seen: InventoryChange[] = [];
    store.onChange((c) => seen.push(c));
    value(await store.addSite({ name: 'Mine too', defaultUser: '', notes: '' }));
    expect(store.get().sites.map((s) => s.name)).toEqual(['Mine', 'From the CLI', 'Mine too']);
    expect(seen[0]!.upsertedSites.map((s) => s.name)).toEqual(['From the CLI']);
  });

  it('refuses a newer file and leaves it untouched', async () => {
    const file = path.join(dir, 'inventory.json');
    const content = '{"schemaVersion": 9, "sites": [], "hubs": []}';
    await writeFile(file, content);
    const r = await InventoryStore.open(dir);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toMatch(/newer Hubkeeper/);
      expect(r.error.message).toContain(file);
    }
    expect(await readFile(file, 'utf8')).toBe(content);
    expect(await readdir(dir)).toEqual(['inventory.json']);
  });

  it('moves a damaged file aside, reports it once and starts from what it can trust', async () => {
    const file = path.join(dir, 'inventory.json');
    for (const [content, reason] of [
      ['{"schemaVersion": 1, "sites": [', /not valid JSON/],
      ['{"schemaVersion": 1, "sites": [], "hubs": [{"id": "x"}]}', /not in the expected format/],
    ] as const) {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir);
      await writeFile(file, content);
      const damaged: DamagedFile[] = [];
      const store = value(await InventoryStore.open(dir, { ...options, onDamaged: (d) => damaged.push(d) }));
      expect(store.get().hubs).toEqual([]);
      expect(damaged).toHaveLength(1);
      expect(damaged[0]).toMatchObject({ file, reason: expect.stringMatching(reason) });
      expect(path.basename(damaged[0]!.movedTo)).toMatch(/^inventory\.json\.damaged-\d{4}-\d\d-\d\dT[\d-]+Z$/);
      // Kept byte for byte; the inventory file itself is gone until the next change.
      expect(await readFile(damaged[0]!.movedTo, 'utf8')).toBe(content);
      expect(await readdir(dir)).toEqual([path.basename(damaged[0]!.movedTo)]);
      // Opening again finds nothing damaged: the user is told once.
      const again: DamagedFile[] = [];
      value(await InventoryStore.open(dir, { onDamaged: (d) => again.push(d) }));
      expect(again).toEqual([]);
    }

    // Damaged after opening: the next change moves it aside and applies itself to the last good copy.
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir);
    const damaged: DamagedFile[] = [];
    const store = value(await InventoryStore.open(dir, { ...options, onDamaged: (d) => damaged.push(d) }));
    value(await store.addSite({ name: 'Kept', defaultUser: '', notes: '' }));
    await writeFile(file, '{ half a fil');
    value(await store.addSite({ name: 'X', defaultUser: '', notes: '' }));
    expect(damaged).toHaveLength(1);
    expect(await readFile(damaged[0]!.movedTo, 'utf8')).toBe('{ half a fil');
    const onDisk = inventorySchema.parse(JSON.parse(await readFile(file, 'utf8')));
    expect(onDisk.sites.map((s) => s.name)).toEqual(['Kept', 'X']);
  });

  it('leaves a readable file when the writing process is killed mid-write', async () => {
    const writer = fileURLToPath(new URL('./inventory-kill-writer.ts', import.meta.url));
    for (let round = 0; round < 4; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', writer, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve, reject) => {
        child.stdout.once('data', () => resolve());
        child.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
      });
      await new Promise((r) => setTimeout(r, 20 + round * 37));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const reopened = await InventoryStore.open(dir);
      expect(reopened.ok).toBe(true);
      if (reopened.ok) expect(reopened.value.get().hubs).toHaveLength(400);
    }
    // The next writer sweeps what the killed ones left: their temporary files (one planted, so
    // there is at least one whatever the kills hit) and their lock (taken over once stale).
    await writeFile(path.join(dir, 'inventory.json.4242'), '{"half');
    const next = value(await InventoryStore.open(dir));
    value(await next.addSite({ name: 'After the kills', defaultUser: '', notes: '' }));
    expect(await readdir(dir)).toEqual(['inventory.json']);
  }, 60_000);
});
