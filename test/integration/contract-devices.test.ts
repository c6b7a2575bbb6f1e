import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubDevices } from '../../electron/shared/devices';
import { PERMISSION, startHub, UPGRADE_FAILED_CODE, type SimulatedHub } from '../../test/simulator';
import { openPreviewClient, type PreviewClient } from './preview-client';
import { pollCycles, until } from './until';

// Managed devices through the contract: the real backend (web transport) and simulated hubs on
// this file's own loopback addresses (127.0.213.x). Negative checks ("no traffic", "no more
// reads") wait for a positive control (status polls of a visited hub) instead of fixed sleeps.
const PASSWORD = 'Devices-Pass-13';
const ADMIN = [{ name: 'Admin', password: PASSWORD, type: 1, permission: 0xffffffff }];
const NO_DEVICE_VIEW = [{ name: 'Admin', password: PASSWORD, type: 4, permission: PERMISSION.VIEW_SYSTEM_CONFIG }];

const deviceReads = (hub: SimulatedHub) => hub.requests.filter((r) => r.path === '/api/device/list').length;
let dataDir: string;
let s: PreviewClient;

/** The `devices:changed` events of one hub from index `from` on. */
const changes = (hubId: string, from = 0): HubDevices[] =>
  s.seen
    .slice(from)
    .filter((e) => e.event === 'devices:changed' && (e.payload as HubDevices).hubId === hubId)
    .map((e) => e.payload as HubDevices);

async function addVisitedHub(siteName: string, hub: SimulatedHub): Promise<string> {
  const site = await s.call('inventory:addSite', { name: siteName, defaultUser: 'Admin' });
  const added = await s.call('discovery:addManual', { siteId: site.id, text: hub.url });
  const hubId = added.added[0]!.id;
  await s.call('session:login', { hubId, user: 'Admin', password: PASSWORD, remember: true });
  return hubId;
}

/** Asks for a read (as the hub page does) and waits for its successful outcome. */
async function refreshed(
  hubId: string,
  check: (d: HubDevices) => boolean = (d) => d.error === null,
): Promise<HubDevices> {
  const mark = s.seen.length;
  await s.call('devices:refresh', { hubId });
  return until(`devices:changed for ${hubId}`, () => changes(hubId, mark).find(check));
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'hk-devices-'));
  s = await openPreviewClient(dataDir);
  await s.call('settings:set', {
    monitor: {
      busyMs: 150,
      idleMs: 150,
      restartProbeMs: 150,
      backoffBaseMs: 150,
      devicesEveryMs: 60_000,
      devicesUpgradeEveryMs: 300,
    },
  });
}, 30_000);

afterAll(async () => {
  await s?.close();
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

describe('managed devices through the backend', () => {
  it('reads 250 devices from a hub without `total` answering short pages, and serves them by devices:list', async () => {
    const hub = await startHub({
      host: '127.0.213.2',
      port: 0,
      users: ADMIN,
      devices: 250,
      variant: { deviceListWithoutTotal: true, devicePageSize: 7 },
    });
    try {
      const hubId = await addVisitedHub('Big Studio', hub);
      const read = await refreshed(hubId, (d) => d.devices !== null);
      expect(read).toMatchObject({ hubId, truncated: false, error: null, stale: false, upgrading: false });
      expect(read.devices).toHaveLength(250);
      const serials = read.devices!.map((d) => d.serial);
      expect(serials).toEqual([...serials].sort());
      expect(new Set(serials).size).toBe(250);
      expect(read.devices![3]).toMatchObject({ model: expect.any(String), firmwareVersion: expect.any(String) });
      // Pages of 7 at most, paged by offset until an empty page.
      const starts = hub.requests.filter((r) => r.path === '/api/device/list').map((r) => Number(r.query.start));
      expect(starts.slice(0, 3)).toEqual([0, 7, 14]);
      const listed = await s.call('devices:list', { hubIds: [hubId] });
      expect(listed.hubs).toEqual([expect.objectContaining({ hubId, asOf: read.asOf, stale: false })]);
      expect(listed.hubs[0]!.devices).toHaveLength(250);
    } finally {
      await hub.stop();
    }
  }, 40_000);

  it('an account without device viewing gets "cannot list devices" on that hub; status polling goes on', async () => {
    const hub = await startHub({ host: '127.0.213.3', port: 0, users: NO_DEVICE_VIEW });
    try {
      const hubId = await addVisitedHub('Restricted Site', hub);
      const failed = await refreshed(hubId, (d) => d.error?.code === 'NOT_PERMITTED');
      expect(failed.error!.message).toContain('cannot list devices');
      expect(failed.devices).toBeNull();
      await pollCycles(hub, 3);
      const snapshot = await s.call('monitor:subscribe', {});
      expect(snapshot.hubs.find((h) => h.hubId === hubId)).toMatchObject({ error: null, offline: false });
    } finally {
      await hub.stop();
    }
  }, 40_000);

  it('follows an upgrade every few seconds until it ends, then goes back to the slow interval', async () => {
    const hub = await startHub({ host: '127.0.213.4', port: 0, users: ADMIN, devices: 10 });
    try {
      const hubId = await addVisitedHub('Upgrade Site', hub);
      const before = await refreshed(hubId, (d) => d.devices !== null);
      expect(before.devices!.every((d) => d.upgrade === null)).toBe(true);
      const mark = s.seen.length;
      hub.upgradeDevices({ devices: [0], durationMs: 2500, outcome: 'done', toVersion: '9.9.9' });
      hub.upgradeDevices({ devices: [1], durationMs: 2500, outcome: 'failed' });
      const upgrading = await refreshed(hubId, (d) => d.upgrading);
      expect(upgrading.devices!.some((d) => d.upgrade?.uploading === true)).toBe(true);
      // Read every few hundred ms (devicesUpgradeEveryMs) without being asked, until it ends.
      const ended = await until(
        'the upgrade to end',
        () => changes(hubId, mark).find((d) => !d.upgrading && d.asOf! > upgrading.asOf!),
        20_000,
      );
      const during = changes(hubId, mark).filter((d) => d.upgrading);
      expect(during.length).toBeGreaterThanOrEqual(3);
      const positions = during
        .flatMap((d) => d.devices!.map((x) => x.upgrade?.uploadPosition ?? -1))
        .filter((p) => p >= 0);
      expect(Math.max(...positions)).toBeGreaterThan(Math.min(...positions));
      const results = ended.devices!.map((d) => d.upgrade?.result).filter((r) => r !== undefined && r !== null);
      expect(results.sort()).toEqual([0, UPGRADE_FAILED_CODE]);
      expect(ended.devices!.some((d) => d.firmwareVersion === '9.9.9')).toBe(true);
      // Back to the slow interval (60 s here): no device read while the status is polled many times.
      const readsAfter = deviceReads(hub);
      await pollCycles(hub, 10);
      expect(deviceReads(hub)).toBe(readsAfter);
    } finally {
      await hub.stop();
    }
  }, 40_000);

  it('an unvisited hub gets no connection; its last-known list survives a restart and is served as stale', async () => {
    const control = await startHub({ host: '127.0.213.5', port: 0, users: ADMIN });
    const hub = await startHub({ host: '127.0.213.6', port: 0, users: ADMIN, devices: 4 });
    try {
      const hubId = await addVisitedHub('Left Site', hub);
      const controlId = await addVisitedHub('Control Site', control);
      const read = await refreshed(hubId, (d) => d.devices !== null);
      const siteId = (await s.call('inventory:list', {})).hubs.find((h) => h.id === hubId)!.siteId;
      const mark = s.seen.length;
      await s.call('visit:end', { siteId });
      // Leaving the visit: the list stays, as last-known.
      await until('the stale list', () => changes(hubId, mark).find((d) => d.stale));
      const connections = hub.connectionCount;
      expect((await s.callError('devices:refresh', { hubId })).code).toBe('NOT_VISITED');
      await pollCycles(control, 6);
      expect(hub.connectionCount).toBe(connections);
      const listed = (await s.call('devices:list', { hubIds: [hubId] })).hubs[0]!;
      expect(listed).toMatchObject({ hubId, asOf: read.asOf, stale: true, upgrading: false });
      expect(listed.devices).toEqual(read.devices);

      // A restart of the app: the list comes back from the offline store, still stale.
      await s.close();
      s = await openPreviewClient(dataDir);
      const again = (await s.call('devices:list', { hubIds: [hubId] })).hubs[0]!;
      expect(again).toMatchObject({ hubId, asOf: read.asOf, stale: true });
      expect(again.devices).toEqual(read.devices);
      // Quitting ended every visit (and the in-memory keychain forgot the password): resume the control's only.
      const list = await s.call('inventory:list', {});
      await s.call('visit:start', { siteId: list.hubs.find((h) => h.id === controlId)!.siteId });
      await s.call('session:login', { hubId: controlId, user: 'Admin', password: PASSWORD });
      await pollCycles(control, 6);
      expect(hub.connectionCount).toBe(connections);
    } finally {
      await hub.stop();
      await control.stop();
    }
  }, 60_000);
});
