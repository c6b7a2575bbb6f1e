import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLog } from '../../electron/core/app/log';
import { startPreview, type Preview } from '../../electron/web/preview';

/**
 * The window's first load with a large inventory nobody visits (issue 17, "no visit, 5,000 hubs"):
 * the monitor snapshot carries what is known, not one empty state per hub. Nothing is sent to any
 * hub here (no site is visited); the addresses, 127.83.x.x, are this file's own.
 */
const HUBS = 2000;
let dataDir: string;
let preview: Preview;

function csv(): string {
  const rows = ['site,name,address,http_port'];
  for (let i = 1; i <= HUBS; i++) rows.push(`Customer ${(i % 4) + 1},Hub ${i},127.83.${i >> 8}.${i & 255},80`);
  return rows.join('\n') + '\n';
}

const invoke = (channel: string) => preview.backend.dispatcher.invoke(channel, {}, { clientId: 'test' });

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'hubkeeper-visits-snapshot-'));
  // Imported in one run, read back by the next (as after a restart: the hubs are dormant, from the store).
  const first = await startPreview({ dataDir, rendererDir: null, port: 0, keychain: 'memory', log: silentLog });
  const imported = await first.backend.services.inventory.importText(csv(), 'csv');
  await first.stop();
  if (!imported.ok) throw new Error(imported.error.message);
  preview = await startPreview({ dataDir, rendererDir: null, port: 0, keychain: 'memory', log: silentLog });
}, 60_000);

afterAll(async () => {
  await preview?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('monitor snapshot with a large inventory nobody visits', () => {
  it('leaves out the hubs nothing is known of, so the answer stays small', async () => {
    const inventory = await invoke('inventory:list');
    expect(inventory.ok && (inventory.value as { hubs: unknown[] }).hubs).toHaveLength(HUBS);
    const snapshot = await invoke('monitor:subscribe');
    expect(snapshot.ok).toBe(true);
    const value = (snapshot as { ok: true; value: { hubs: unknown[]; visits: Array<{ visited: boolean }> } }).value;
    expect(value.hubs).toEqual([]);
    expect(value.visits.every((v) => !v.visited)).toBe(true);
    // 2,000 empty states were about 780 KB of JSON; the site visits are what remains.
    expect(JSON.stringify(snapshot).length).toBeLessThan(4096);
  });
});
