import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adoptBundleHubs, BundleLibrary, bundleReport, collectBundle, encodeBundle } from '../../electron/core/bundles';
import { InventoryStore } from '../../electron/core/inventory';
import { buildReport } from '../../electron/core/report';
import { collectReportInput } from '../../electron/core/report/collect';
import type { DamagedFile } from '../../electron/core/data-folder';
import { BUNDLE_PIN, seedSite } from './bundle-fixtures';

let exporter: string;
let viewer: string;
let bundleText: string;
let seededSiteId: string;

beforeEach(async () => {
  exporter = mkdtempSync(path.join(tmpdir(), 'hk-bundle-export-'));
  viewer = mkdtempSync(path.join(tmpdir(), 'hk-bundle-view-'));
  const seeded = await seedSite(exporter, 'Harbour Studio', [
    { host: '127.0.62.2', port: 8080, name: 'Stage left' },
    { host: '127.0.62.3', port: 8443, name: 'Stage right' },
  ]);
  seededSiteId = seeded.siteId;
  const content = await collectBundle(seeded.siteId, {
    inventory: seeded.inventory.get(),
    store: seeded.store,
    hubkeeperVersion: '0.1.0',
    technician: 'Li Wei',
    visitSpan: () => ({ startedAt: '2026-12-01T09:00:00.000Z', endedAt: '2026-12-01T10:00:00.000Z' }),
    now: () => new Date('2026-12-01T12:00:00.000Z'),
  });
  if (!content.ok) throw new Error(content.error.message);
  const encoded = encodeBundle(content.value);
  if (!encoded.ok) throw new Error(encoded.error.message);
  bundleText = encoded.value;
});

afterEach(() => {
  rmSync(exporter, { recursive: true, force: true });
  rmSync(viewer, { recursive: true, force: true });
});

async function library(onDamaged?: (d: DamagedFile) => void): Promise<BundleLibrary> {
  const opened = await BundleLibrary.open(viewer, onDamaged ? { onDamaged } : {});
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}

describe('bundle library (opened bundles in the data folder)', () => {
  it('keeps an opened bundle where another process (the CLI) finds it, and closes it', async () => {
    const lib = await library();
    const added = await lib.add(bundleText);
    expect(added.ok && added.value.replaced).toBe(false);
    const other = await library();
    const listed = await other.list();
    expect(listed.map((b) => b.summary)).toEqual([
      expect.objectContaining({
        siteName: 'Harbour Studio',
        technician: 'Li Wei',
        takenAt: '2026-12-01T12:00:00.000Z',
        hubCount: 2,
      }),
    ]);
    // The same bundle again replaces the first copy.
    const again = await lib.add(bundleText);
    expect(again.ok && again.value.replaced).toBe(true);
    expect(await other.list()).toHaveLength(1);
    const closed = await other.remove(listed[0]!.summary.bundleId);
    expect(closed.ok).toBe(true);
    expect(await lib.list()).toEqual([]);
    expect((await lib.remove(listed[0]!.summary.bundleId)).ok).toBe(false);
  });

  it('keeps nothing of a refused bundle', async () => {
    const lib = await library();
    const at = bundleText.indexOf('Stage left');
    const tampered = `${bundleText.slice(0, at)}Stage lefT${bundleText.slice(at + 10)}`;
    const added = await lib.add(tampered);
    expect(!added.ok && added.error.message).toMatch(/changed or damaged/);
    expect(readdirSync(lib.dir)).toEqual([]);
    expect(await lib.list()).toEqual([]);
  });

  it('moves aside a stored bundle changed on disk instead of showing it', async () => {
    const damaged: DamagedFile[] = [];
    const lib = await library((d) => damaged.push(d));
    const added = await lib.add(bundleText);
    if (!added.ok) throw new Error(added.error.message);
    const file = path.join(lib.dir, `${added.value.bundle.summary.bundleId}.json`);
    writeFileSync(file, readFileSync(file, 'utf8').replace('Stage right', 'Stage wrong'));
    expect(await lib.list()).toEqual([]);
    expect(damaged).toHaveLength(1);
    expect(damaged[0]!.reason).toMatch(/SHA-256/);
  });
});

describe('adopting bundled hubs', () => {
  it('adds them to a new own site without their pins, and starts no visit', async () => {
    const lib = await library();
    const added = await lib.add(bundleText);
    if (!added.ok) throw new Error(added.error.message);
    const inventory = await InventoryStore.open(viewer);
    if (!inventory.ok) throw new Error(inventory.error.message);
    const visited: string[] = [];
    const adopted = await adoptBundleHubs(
      inventory.value,
      { isSiteVisited: (id) => visited.includes(id) },
      added.value.bundle.content,
      undefined,
    );
    expect(adopted.ok).toBe(true);
    if (!adopted.ok) return;
    const inv = inventory.value.get();
    expect(inv.sites.map((s) => s.name)).toEqual(['Harbour Studio']);
    expect(inv.hubs.map((h) => h.name).sort()).toEqual(['Stage left', 'Stage right']);
    // Every pin is null: the certificate is confirmed again, never trusted from the file.
    expect(inv.hubs.flatMap((h) => h.endpoints.map((e) => e.pin))).toEqual([null, null]);
    const right = inv.hubs.find((h) => h.name === 'Stage right')!;
    expect(adopted.value.pinsToConfirm).toEqual([{ hubId: right.id, port: 8443, bundledPin: BUNDLE_PIN }]);
    expect(adopted.value.added).toHaveLength(2);
    // Adopting again merges into the same hubs (same addresses), never duplicates.
    const again = await adoptBundleHubs(
      inventory.value,
      { isSiteVisited: () => false },
      added.value.bundle.content,
      undefined,
    );
    expect(again.ok && again.value.existing.length).toBe(2);
    expect(inventory.value.get().hubs).toHaveLength(2);
  });

  it('refuses to adopt into a site being visited (nothing would be sent by surprise)', async () => {
    const lib = await library();
    const added = await lib.add(bundleText);
    if (!added.ok) throw new Error(added.error.message);
    const inventory = await InventoryStore.open(viewer);
    if (!inventory.ok) throw new Error(inventory.error.message);
    const own = await inventory.value.addSite({ name: 'harbour studio', defaultUser: '', notes: '' });
    if (!own.ok) throw new Error(own.error.message);
    const adopted = await adoptBundleHubs(
      inventory.value,
      { isSiteVisited: () => true },
      added.value.bundle.content,
      undefined,
    );
    expect(!adopted.ok && adopted.error.message).toMatch(/being visited/);
    expect(inventory.value.get().hubs).toEqual([]);
  });

  it('adopts only the named hubs', async () => {
    const lib = await library();
    const added = await lib.add(bundleText);
    if (!added.ok) throw new Error(added.error.message);
    const inventory = await InventoryStore.open(viewer);
    if (!inventory.ok) throw new Error(inventory.error.message);
    const one = added.value.bundle.content.hubs[0]!.id;
    const adopted = await adoptBundleHubs(inventory.value, { isSiteVisited: () => false }, added.value.bundle.content, [
      one,
    ]);
    expect(adopted.ok && adopted.value.added).toHaveLength(1);
    const none = await adoptBundleHubs(inventory.value, { isSiteVisited: () => false }, added.value.bundle.content, [
      'nope',
    ]);
    expect(none.ok).toBe(false);
  });
});

describe('reports from a bundle', () => {
  it('regenerate the report the exporting site would give for the same span', async () => {
    const lib = await library();
    const added = await lib.add(bundleText);
    if (!added.ok) throw new Error(added.error.message);
    const fromBundle = bundleReport(added.value.bundle.content, { technician: 'Support' });
    expect(fromBundle.ok).toBe(true);
    if (!fromBundle.ok) return;
    // Defaults to the visit recorded in the bundle.
    expect([fromBundle.value.from, fromBundle.value.to]).toEqual([
      '2026-12-01T09:00:00.000Z',
      '2026-12-01T10:00:00.000Z',
    ]);
    expect(fromBundle.value.site).toBe('Harbour Studio');
    expect(fromBundle.value.summary).toMatchObject({ hubs: 2, verified: 2 });

    // The same builder over the exporter's own store gives the same rows.
    const seededInv = await InventoryStore.open(exporter);
    const { HubStore } = await import('../../electron/core/store/hub-store');
    const store = await HubStore.open(exporter);
    if (!seededInv.ok || !store.ok) throw new Error('cannot reopen');
    const { chooseEndpoint } = await import('../../electron/core/sessions/session-target');
    const { formatHubUrl } = await import('../../electron/core/hub/hub-url');
    const refs = seededInv.value
      .get()
      .hubs.filter((h) => h.siteId === seededSiteId)
      .map((h) => ({ hubId: h.id, name: h.name, address: formatHubUrl(chooseEndpoint(h)!.endpoint) }));
    const direct = await collectReportInput(store.value, refs, {
      site: 'Harbour Studio',
      technician: 'Support',
      from: fromBundle.value.from,
      to: fromBundle.value.to,
      generatedAt: fromBundle.value.generatedAt,
    });
    if (!direct.ok) throw new Error(direct.error.message);
    expect(buildReport(direct.value)).toEqual(fromBundle.value);
  });

  it('refuses a span that ends before it starts', () => {
    const content = JSON.parse(bundleText).content;
    const report = bundleReport(content, {
      technician: '',
      from: '2026-12-02T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
    });
    expect(report.ok).toBe(false);
  });
});

describe('bundle ids as file names', () => {
  it('refuses a bundle whose id is no safe file name (a Windows stream, a dot file)', async () => {
    const { contentHash } = await import('../../electron/core/bundles');
    const lib = await library();
    for (const bundleId of ['c:evil', '.hidden']) {
      const file = JSON.parse(bundleText) as { sha256: string; content: { bundleId: string } };
      file.content.bundleId = bundleId;
      file.sha256 = contentHash(file.content);
      const added = await lib.add(JSON.stringify(file));
      expect(!added.ok && added.error.message, bundleId).toMatch(/cannot store/);
    }
    expect(readdirSync(lib.dir)).toEqual([]);
  });
});
