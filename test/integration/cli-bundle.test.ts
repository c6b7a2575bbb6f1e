import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InventoryStore } from '../../electron/core/inventory';
import { BUNDLE_PIN, SECRET_USER, seedSite } from '../unit/bundle-fixtures';
import { cli } from './cli-harness';

// The bundle commands in-process: export from one data folder, import into another (a support
// engineer's), list, report, adopt, close; damaged and tampered files change nothing.
let exporter: string;
let viewer: string;
let file: string;
const env = { HUBKEEPER_TECHNICIAN: 'Li Wei' };

beforeAll(async () => {
  exporter = mkdtempSync(path.join(tmpdir(), 'hk-cli-bundle-a-'));
  viewer = mkdtempSync(path.join(tmpdir(), 'hk-cli-bundle-b-'));
  file = path.join(exporter, 'harbour.json');
  await seedSite(exporter, 'Harbour Studio', [
    { host: '127.0.63.2', port: 8080, name: 'Stage left' },
    { host: '127.0.63.3', port: 8443, name: 'Stage right' },
  ]);
});

afterAll(() => {
  rmSync(exporter, { recursive: true, force: true });
  rmSync(viewer, { recursive: true, force: true });
});

const bundleFiles = () => readdirSync(path.join(viewer, 'bundles')).filter((n) => n.endsWith('.json'));

describe('hubkeeper bundle', () => {
  it('export writes the site to one file, with no account name', async () => {
    const run = await cli(['bundle', 'export', '--site', 'harbour studio', file, '--data-dir', exporter], { env });
    expect(run.code, run.err).toBe(0);
    expect(run.err).toContain('2 hubs');
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'hubkeeper-site-bundle', content: { technician: 'Li Wei' } });
    expect(text).not.toContain(SECRET_USER);
  });

  it('export of an unknown site fails and writes nothing', async () => {
    const target = path.join(exporter, 'none.json');
    const run = await cli(['bundle', 'export', '--site', 'Nowhere', target, '--data-dir', exporter], { env });
    expect(run.code).not.toBe(0);
    expect(run.err).toMatch(/no site "Nowhere"/);
    expect(() => readFileSync(target)).toThrow();
  });

  it('import refuses a tampered or cut bundle and keeps nothing', async () => {
    const text = readFileSync(file, 'utf8');
    const tampered = path.join(exporter, 'tampered.json');
    writeFileSync(tampered, text.replace('"Stage left"', '"Stage lefT"'));
    const run = await cli(['bundle', 'import', tampered, '--data-dir', viewer]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/changed or damaged/);
    const cut = path.join(exporter, 'cut.json');
    writeFileSync(cut, text.slice(0, 500));
    const cutRun = await cli(['bundle', 'import', cut, '--data-dir', viewer]);
    expect(cutRun.code).toBe(2);
    expect(cutRun.err).toMatch(/cut short/);
    expect(bundleFiles()).toEqual([]);
  });

  it('import opens it read-only in the data folder; list shows where and when it was taken', async () => {
    const run = await cli(['bundle', 'import', file, '--data-dir', viewer]);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/Bundle from Harbour Studio, taken .* by Li Wei \(2 hubs\): opened read-only/);
    expect(bundleFiles()).toHaveLength(1);
    const list = await cli(['bundle', 'list', '--json', '--data-dir', viewer]);
    expect(list.json<{ bundles: unknown[] }>().bundles).toEqual([
      expect.objectContaining({ siteName: 'Harbour Studio', technician: 'Li Wei', hubCount: 2 }),
    ]);
    // The stored copy is the file itself, byte for byte.
    expect(readFileSync(path.join(viewer, 'bundles', bundleFiles()[0]!), 'utf8')).toBe(readFileSync(file, 'utf8'));
    // The bundled hubs are not in the viewer's inventory.
    const inv = await InventoryStore.open(viewer);
    expect(inv.ok && inv.value.get().hubs).toEqual([]);
  });

  it('report --bundle regenerates the report the exporting folder gives', async () => {
    const span = ['--from', '2026-12-01T00:00:00Z', '--to', '2026-12-01T12:00:00Z'];
    const fromBundle = await cli(['report', '--bundle', file, '--format', 'json', '--technician', 'S', ...span]);
    expect(fromBundle.code, fromBundle.err).toBe(0);
    const fromSite = await cli([
      'report',
      '--site',
      'Harbour Studio',
      '--format',
      'json',
      '--technician',
      'S',
      ...span,
      '--data-dir',
      exporter,
    ]);
    expect(fromSite.code, fromSite.err).toBe(0);
    expect(fromBundle.out).toBe(fromSite.out);
    expect(fromBundle.json<{ summary: { verified: number } }>().summary.verified).toBe(2);
    const both = await cli(['report', '--bundle', file, '--site', 'X']);
    expect(both.code).toBe(2);
  });

  it('adopt takes the hubs in without their pins; close removes the bundle', async () => {
    const id = (await cli(['bundle', 'list', '--json', '--data-dir', viewer])).json<{
      bundles: { bundleId: string }[];
    }>().bundles[0]!.bundleId;
    const adopted = await cli(['bundle', 'adopt', id, '--json', '--data-dir', viewer]);
    expect(adopted.code, adopted.err).toBe(0);
    expect(adopted.json<{ pinsToConfirm: { bundledPin: string }[] }>().pinsToConfirm).toEqual([
      expect.objectContaining({ port: 8443, bundledPin: BUNDLE_PIN }),
    ]);
    const inv = await InventoryStore.open(viewer);
    if (!inv.ok) throw new Error(inv.error.message);
    expect(inv.value.get().hubs.map((h) => h.endpoints[0]!.pin)).toEqual([null, null]);
    const closed = await cli(['bundle', 'close', id, '--data-dir', viewer]);
    expect(closed.code, closed.err).toBe(0);
    expect(bundleFiles()).toEqual([]);
    const empty = await cli(['bundle', 'list', '--data-dir', viewer]);
    expect(empty.out).toContain('No site bundles are open.');
  });
});
