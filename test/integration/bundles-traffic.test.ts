import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectBundle, encodeBundle } from '../../electron/core/bundles';
import { startHub, type SimulatedHub } from '../simulator';
import { seedSite } from '../unit/bundle-fixtures';
import { listenCounting, totalConnections, type CountingListener } from './counting-listener';
import { openPreviewClient, type PreviewClient } from './preview-client';
import { pollCycles, until } from './until';

// Bundles through the contract, with the real backend, and the hard rule: NO traffic to a
// bundled hub, whatever the user clicks. The bundled hubs' addresses (127.0.64.x, this file's
// own) have plain TCP listeners that count accepted connections; a visited control hub of the
// user's own site (127.0.64.9) shows the monitor is running and polling over the same span.
const PASSWORD = 'Bundle-Pass-64';
const USERS = [{ name: 'Admin', password: PASSWORD, type: 1, permission: 0xffffffff }];

let exporter: string;
let viewer: string;
let bundleText: string;
let bundled: CountingListener[];
let control: SimulatedHub;
let s: PreviewClient;
let bundleId = '';
let bundledHubIds: string[] = [];
const connections = () => totalConnections(bundled);

beforeAll(async () => {
  exporter = mkdtempSync(path.join(tmpdir(), 'hk-bundles-a-'));
  viewer = mkdtempSync(path.join(tmpdir(), 'hk-bundles-b-'));
  bundled = [await listenCounting('127.0.64.2'), await listenCounting('127.0.64.3')];
  // The counters count: one connection of our own to each, seen, then forgotten.
  for (const c of bundled) {
    connect(c.port, c.host).on('error', () => {});
    await until('the counter to see a connection', () => c.connections() === 1);
    c.reset();
  }
  const seeded = await seedSite(exporter, 'Harbour Studio', [
    { host: '127.0.64.2', port: bundled[0]!.port, name: 'Stage left' },
    { host: '127.0.64.3', port: bundled[1]!.port, name: 'Stage right' },
  ]);
  const content = await collectBundle(seeded.siteId, {
    inventory: seeded.inventory.get(),
    store: seeded.store,
    hubkeeperVersion: '0.1.0',
    technician: 'Li Wei',
  });
  if (!content.ok) throw new Error(content.error.message);
  const encoded = encodeBundle(content.value);
  if (!encoded.ok) throw new Error(encoded.error.message);
  bundleText = encoded.value;

  control = await startHub({ host: '127.0.64.9', port: 0, scenario: 'idle', users: USERS });
  s = await openPreviewClient(viewer);
  await s.call('settings:set', { monitor: { busyMs: 150, idleMs: 150, restartProbeMs: 150, backoffBaseMs: 150 } });
  const own = (await s.call('inventory:addSite', { name: 'Own lab', defaultUser: 'Admin' })).id;
  const added = await s.call('discovery:addManual', { siteId: own, text: control.url });
  await s.call('session:login', { hubId: added.added[0]!.id, user: 'Admin', password: PASSWORD });
  await pollCycles(control, 2);
}, 30_000);

afterAll(async () => {
  await s?.close();
  await control?.stop();
  for (const c of bundled ?? []) await c.close();
  rmSync(exporter, { recursive: true, force: true });
  rmSync(viewer, { recursive: true, force: true });
}, 30_000);

describe('site bundles through the contract', () => {
  it('a tampered bundle is refused and nothing is opened', async () => {
    const tampered = bundleText.replace('"Stage left"', '"Stage lefT"');
    const error = await s.callError('bundles:openText', { text: tampered });
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toMatch(/changed or damaged/);
    expect((await s.call('bundles:list', {})).bundles).toEqual([]);
  });

  it('opens a bundle read-only beside the own sites, announced to every client', async () => {
    const opened = await s.call('bundles:openText', { text: bundleText });
    expect(opened).toMatchObject({
      opened: true,
      replaced: false,
      bundle: { siteName: 'Harbour Studio', hubCount: 2 },
    });
    bundleId = opened.bundle!.bundleId;
    await until('bundles:changed', () => s.seen.find((e) => e.event === 'bundles:changed'));
    const view = await s.call('bundles:get', { bundleId });
    expect(view.summary.technician).toBe('Li Wei');
    expect(view.hubs.map((h) => h.live?.version)).toEqual(['2.1.28', '2.1.28']);
    bundledHubIds = view.hubs.map((h) => h.hubId);
    const detail = await s.call('bundles:hub', { bundleId, hubId: bundledHubIds[0]! });
    expect(detail.updates).toEqual([expect.objectContaining({ outcome: 'verified' })]);
    expect(detail.versions?.entries).toHaveLength(2);
    // Not in the inventory, not in the monitor.
    const inventory = await s.call('inventory:list', {});
    expect(inventory.sites.map((x) => x.name)).toEqual(['Own lab']);
    const snapshot = await s.call('monitor:subscribe', {});
    expect(snapshot.hubs.map((h) => h.hubId)).not.toContain(bundledHubIds[0]);
  });

  it('regenerates the report from the bundle', async () => {
    const preview = await s.call('bundles:reportPreview', { bundleId, technician: '  Support ' });
    expect(preview).toMatchObject({ site: 'Harbour Studio', technician: 'Support' });
    expect(preview.rows).toHaveLength(2);
    const saved = await s.call('bundles:reportSave', { bundleId, technician: 'Support', format: 'csv' });
    expect(saved.saved).toBe(true);
    expect(readFileSync(path.join(s.preview.outDir, saved.fileName!), 'utf8')).toContain('Stage left');
    // A bundle that is not open has no report, previewed or saved.
    const unknown = { bundleId: bundleId.replace(/.$/, (c) => (c === '0' ? '1' : '0')), technician: 'Support' };
    expect((await s.callError('bundles:reportPreview', unknown)).code).toBe('NOT_FOUND');
    expect((await s.callError('bundles:reportSave', { ...unknown, format: 'csv' })).code).toBe('NOT_FOUND');
  });

  it('sends nothing to a bundled hub, whatever is asked (0 connections at its address)', async () => {
    for (const hubId of bundledHubIds) {
      expect((await s.callError('monitor:refresh', { hubIds: [hubId] })).code).toBe('NOT_FOUND');
      expect((await s.callError('session:login', { hubId, user: 'Admin', password: PASSWORD })).code).toBe('NOT_FOUND');
      expect((await s.callError('cert:inspect', { hubId })).code).toBe('NOT_FOUND');
      expect((await s.callError('timeline:get', { hubId })).code).toBe('NOT_FOUND');
      expect((await s.callError('app:openHubWebUi', { hubId })).code).toBe('NOT_FOUND');
      await s.callError('history:page', { hubId, start: 0, count: 10 });
      await s.callError('devices:refresh', { hubId });
    }
    expect((await s.callError('visit:start', { siteId: bundleId })).code).toBe('NOT_FOUND');
    await s.call('monitor:refresh', {});
    await pollCycles(control, 3);
    expect(connections()).toBe(0);
  });

  it('adopting the hubs re-asks for their certificates and starts no visit: still no traffic', async () => {
    const adopted = await s.call('bundles:adopt', { bundleId });
    expect(adopted.added).toHaveLength(2);
    expect(adopted.pinsToConfirm).toHaveLength(1);
    const inventory = await s.call('inventory:list', {});
    const site = inventory.sites.find((x) => x.name === 'Harbour Studio')!;
    expect(inventory.hubs.filter((h) => h.siteId === site.id).flatMap((h) => h.endpoints.map((e) => e.pin))).toEqual([
      null,
      null,
    ]);
    expect(inventory.visits?.find((v) => v.siteId === site.id)?.visited).toBe(false);
    await s.call('monitor:refresh', {});
    await pollCycles(control, 3);
    expect(connections()).toBe(0);
  });

  it('exports an own site as a bundle through the host save dialog, which opens again', async () => {
    const inventory = await s.call('inventory:list', {});
    const own = inventory.sites.find((x) => x.name === 'Own lab')!;
    const saved = await s.call('bundles:export', { siteId: own.id });
    expect(saved.saved).toBe(true);
    const text = readFileSync(path.join(s.preview.outDir, saved.fileName!), 'utf8');
    expect(text).not.toContain(PASSWORD);
    const reopened = await s.call('bundles:openText', { text });
    expect(reopened.bundle).toMatchObject({ siteName: 'Own lab', hubCount: 1 });
    await s.call('bundles:close', { bundleId: reopened.bundle!.bundleId });
    expect((await s.callError('bundles:export', { siteId: 'no-such-site' })).code).toBe('NOT_FOUND');
  });

  it('closing the bundle removes it here and from the data folder', async () => {
    await s.call('bundles:close', { bundleId });
    expect((await s.call('bundles:list', {})).bundles).toEqual([]);
    expect((await s.callError('bundles:get', { bundleId })).code).toBe('NOT_FOUND');
  });
});
