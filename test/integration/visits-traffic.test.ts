import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPreviewClient, type PreviewClient } from './preview-client';
import { pollCycles, until } from './until';
import { startHub, type SimulatedHub } from '../../test/simulator';

// Site visits through the contract, with the real backend and simulated hubs on this file's own
// loopback addresses (127.0.27.x). "No traffic" is measured as TCP connections accepted by the
// hub's listener, not as requests: a connection that never sends a request still counts.
// Negative checks wait for a positive control (a visited hub polled several times over the
// same span) instead of a fixed sleep.
const PASSWORD = 'Visit-Pass-27';
const USERS = [{ name: 'Admin', password: PASSWORD, type: 1, permission: 0xffffffff }];
const OTHER_USERS = [{ name: 'Admin', password: 'someone-else', type: 1, permission: 0xffffffff }];
const FAST = { leadMs: 400, checkMs: 400, downloadMs: 1500, verifyMs: 400, restartNoticeMs: 400, restartMs: 1200 };

let dataDir: string;
let s: PreviewClient;
let control: SimulatedHub;
let controlSiteId = '';

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'hk-visits-'));
  control = await startHub({ host: '127.0.27.2', port: 0, scenario: 'idle', users: USERS });
  s = await openPreviewClient(dataDir);
  await s.call('settings:set', { monitor: { busyMs: 150, idleMs: 150, restartProbeMs: 150, backoffBaseMs: 150 } });
  // The control: a site the technician is at (adding typed hubs starts its visit).
  controlSiteId = (await s.call('inventory:addSite', { name: 'Harbour Studio', defaultUser: 'Admin' })).id;
  const added = await s.call('discovery:addManual', { siteId: controlSiteId, text: control.url });
  await s.call('session:login', { hubId: added.added[0]!.id, user: 'Admin', password: PASSWORD, remember: true });
  await pollCycles(control, 2);
}, 30_000);

afterAll(async () => {
  await s?.close();
  await control?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

describe('site visits: traffic follows the technician', () => {
  it('adding hubs to a site started its visit, announced to every client', async () => {
    const list = await s.call('inventory:list', {});
    expect(list.visits).toEqual([expect.objectContaining({ siteId: controlSiteId, visited: true, endedAt: null })]);
    expect(s.seen.some((e) => e.event === 'visit:changed')).toBe(true);
  });

  it('a site not in the inventory can neither start nor end a visit, and nothing is announced', async () => {
    const announced = s.seen.length;
    const siteId = '00000000-0000-4000-8000-000000000027';
    expect((await s.callError('visit:start', { siteId })).code).toBe('NOT_FOUND');
    expect((await s.callError('visit:end', { siteId })).code).toBe('NOT_FOUND');
    expect(s.seen.slice(announced).filter((e) => e.event === 'visit:changed')).toEqual([]);
  });

  it('an imported, never-visited site sees no connection, and acting on its hub is refused', async () => {
    const office = await startHub({ host: '127.0.27.3', port: 0, scenario: 'idle', users: USERS });
    try {
      const csv = `site,name,address,http_port\nImported Customer,Rack 9,127.0.27.3,${office.port}\n`;
      const imported = await s.call('inventory:importText', { text: csv, format: 'csv' });
      expect(imported.report).toMatchObject({ added: 1, sitesAdded: 1 });
      const list = await s.call('inventory:list', {});
      const hub = list.hubs.find((h) => h.address === '127.0.27.3')!;
      expect(list.visits?.find((v) => v.siteId === hub.siteId)).toMatchObject({ visited: false, startedAt: null });
      // Nothing is known of it (never read, its site never visited), so the snapshot leaves it out,
      // and a refresh of "all" leaves it alone.
      const snapshot = await s.call('monitor:subscribe', {});
      expect(snapshot.hubs.some((h) => h.hubId === hub.id)).toBe(false);
      await s.call('monitor:refresh', {});
      expect((await s.callError('session:login', { hubId: hub.id, user: 'Admin', password: PASSWORD })).code).toBe(
        'NOT_VISITED',
      );
      expect((await s.callError('monitor:refresh', { hubIds: [hub.id] })).code).toBe('NOT_VISITED');
      await pollCycles(control, 6);
      expect(office.connectionCount).toBe(0);
    } finally {
      await office.stop();
    }
  }, 30_000);

  it('a device taking a visited-then-left address sees no connection', async () => {
    const first = await startHub({ host: '127.0.27.4', port: 0, scenario: 'idle', users: USERS });
    const port = first.port;
    const site = await s.call('inventory:addSite', { name: 'Site A', defaultUser: 'Admin' });
    const added = await s.call('discovery:addManual', { siteId: site.id, text: first.url });
    const hubId = added.added[0]!.id;
    await s.call('session:login', { hubId, user: 'Admin', password: PASSWORD, remember: true });
    await until('site A polled', () => first.requests.some((r) => r.path === '/api/update/status'));
    const ended = await s.call('visit:end', { siteId: site.id });
    expect(ended.visits.find((v) => v.siteId === site.id)).toMatchObject({ visited: false, resumable: false });
    await first.stop();
    // Another network: the same address and port now belong to a different device.
    const stranger = await startHub({ host: '127.0.27.4', port, scenario: 'idle', users: OTHER_USERS });
    try {
      await pollCycles(control, 6);
      expect(stranger.connectionCount).toBe(0);
      expect(stranger.requests.some((r) => r.path === '/api/login')).toBe(false);
      // Its last-known state stays in the snapshot, as of its last poll.
      const snapshot = await s.call('monitor:subscribe', {});
      expect(snapshot.hubs.find((h) => h.hubId === hubId)?.lastSuccessAt).not.toBeNull();
    } finally {
      await stranger.stop();
    }
  }, 30_000);

  it('re-login after a restart inside a visit still works', async () => {
    const hub = await startHub({ host: '127.0.27.5', port: 0, scenario: 'idle', users: USERS });
    try {
      const site = await s.call('inventory:addSite', { name: 'Site B', defaultUser: 'Admin' });
      const added = await s.call('discovery:addManual', { siteId: site.id, text: hub.url });
      const hubId = added.added[0]!.id;
      await s.call('session:login', { hubId, user: 'Admin', password: PASSWORD, remember: true });
      hub.setScenario('full-update', FAST);
      const ended = await until(
        'the update to end',
        () =>
          s.seen.find((e) => e.event === 'tracking:updateEnded' && (e.payload as { hubId: string }).hubId === hubId)
            ?.payload as { record: { outcome: string } } | undefined,
        30_000,
      );
      expect(ended.record.outcome).toBe('verified');
      // The hub forgot every session when it restarted: the monitor logged in again by itself.
      const logins = hub.requests.filter((r) => r.path === '/api/login');
      expect(logins.length).toBeGreaterThanOrEqual(2);
    } finally {
      await hub.stop();
    }
  }, 40_000);

  it('"Always watched" keeps a site visited with no visit on', async () => {
    const lab = await startHub({ host: '127.0.27.6', port: 0, scenario: 'idle', users: USERS });
    try {
      const csv = `site,name,address,http_port\nLab,Bench,127.0.27.6,${lab.port}\n`;
      await s.call('inventory:importText', { text: csv, format: 'csv' });
      const siteId = (await s.call('inventory:list', {})).sites.find((x) => x.name === 'Lab')!.id;
      await pollCycles(control, 3);
      expect(lab.connectionCount).toBe(0);
      const updated = await s.call('inventory:updateSite', { siteId, alwaysWatched: true });
      expect(updated.alwaysWatched).toBe(true);
      await until('the lab hub polled', () => lab.connectionCount > 0);
      const visit = (await s.call('inventory:list', {})).visits?.find((v) => v.siteId === siteId);
      expect(visit).toMatchObject({ visited: true, alwaysWatched: true, startedAt: null });
      await until('visit:changed for the lab', () =>
        s.seen.some(
          (e) =>
            e.event === 'visit:changed' &&
            (e.payload as { visits: { siteId: string; visited: boolean }[] }).visits.some(
              (v) => v.siteId === siteId && v.visited,
            ),
        ),
      );
    } finally {
      await lab.stop();
    }
  }, 30_000);

  it('quitting ends every visit; after a restart nothing is sent until the visit is resumed', async () => {
    const report = await s.call('report:preview', { scope: { siteId: controlSiteId }, technician: 'Li Wei' });
    const visitStart = (await s.call('inventory:list', {})).visits?.find((v) => v.siteId === controlSiteId)?.startedAt;
    expect(report.from).toBe(visitStart);
    await s.close();
    const before = control.connectionCount;
    // A second hub, always watched, shows when the restarted backend has run its first sweep.
    const lab = await startHub({ host: '127.0.27.7', port: 0, scenario: 'idle', users: USERS });
    try {
      s = await openPreviewClient(dataDir);
      const csv = `site,name,address,http_port\nLab 2,Bench,127.0.27.7,${lab.port}\n`;
      await s.call('inventory:importText', { text: csv, format: 'csv' });
      const labSite = (await s.call('inventory:list', {})).sites.find((x) => x.name === 'Lab 2')!.id;
      await s.call('inventory:updateSite', { siteId: labSite, alwaysWatched: true });
      const list = await s.call('inventory:list', {});
      expect(list.visits?.find((v) => v.siteId === controlSiteId)).toMatchObject({
        visited: false,
        resumable: true,
        endedAt: expect.any(String),
      });
      await s.call('monitor:subscribe', {});
      await until('the always-watched hub polled', () => lab.requests.length >= 1);
      await new Promise((r) => setTimeout(r, 750)); // five poll intervals of the restarted backend
      expect(control.connectionCount).toBe(before);
      // The report still defaults to the last visit, now ended.
      const last = await s.call('report:preview', { scope: { siteId: controlSiteId }, technician: 'Li Wei' });
      expect(last.from).toBe(visitStart);
      // The click: the visit resumes and traffic starts.
      const resumed = await s.call('visit:start', { siteId: controlSiteId });
      expect(resumed.visits.find((v) => v.siteId === controlSiteId)).toMatchObject({ visited: true, resumable: false });
      await until('the resumed site polled', () => control.connectionCount > before);
    } finally {
      await lab.stop();
    }
  }, 40_000);
});
