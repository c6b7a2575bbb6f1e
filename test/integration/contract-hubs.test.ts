import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { Preview } from '../../electron/web/preview';
import { openPreviewClient, type PreviewClient } from './preview-client';
import { until } from './until';
import { HubStore } from '../../electron/core/store/hub-store';
import { LOGIN_SESSION_FORMS, startHub, type SimulatedHub } from '../../test/simulator';

// The whole backend through the browser transport, the way the renderer uses it: a real
// WebSocket, the real dispatcher and core services, simulated hubs on this file's own loopback
// addresses (127.0.21.x). Every answer and every event is checked against the contract.
const PASSWORD = 'S3cret-Pass-21';
const USERS = [{ name: 'Admin', password: PASSWORD, type: 1, permission: 0xffffffff }];
const FAST = { leadMs: 500, checkMs: 500, downloadMs: 2500, verifyMs: 500, restartNoticeMs: 500, restartMs: 1500 };

let dataDir: string;
let preview: Preview;
let httpHub: SimulatedHub;
let httpsHub: SimulatedHub;
let call: PreviewClient['call'];
let callError: PreviewClient['callError'];
const received: string[] = [];
let seen: PreviewClient['seen'];
let client: PreviewClient | undefined;
let siteId = '';
let httpId = '';
let httpsId = '';

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'hk-contract-'));
  [httpHub, httpsHub] = await Promise.all([
    startHub({ host: '127.0.21.2', port: 0, scenario: 'idle', users: USERS }),
    startHub({ host: '127.0.21.3', port: 0, https: true, scenario: 'idle', users: USERS }),
  ]);
  client = await openPreviewClient(dataDir, { onFrame: (frame) => received.push(frame) });
  ({ preview, seen, call, callError } = client);
}, 30_000);

afterAll(async () => {
  await client?.close();
  await Promise.all([httpHub?.stop(), httpsHub?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

describe('contract over the web transport, real backend, simulated hubs', () => {
  it('describes itself, and takes faster polling for this test', async () => {
    const settings = await call('settings:set', {
      monitor: { busyMs: 200, idleMs: 300, restartProbeMs: 200, backoffBaseMs: 200 },
    });
    expect(settings.monitor.idleMs).toBe(300);
    expect(seen.some((e) => e.event === 'settings:changed')).toBe(true);
    const info = await call('app:info', {});
    expect(info).toMatchObject({
      name: 'Hubkeeper',
      transport: 'web',
      keychain: { available: true },
      capabilities: { printPdf: false },
    });
  });

  it('adds a site and two typed hubs, announcing them', async () => {
    const site = await call('inventory:addSite', { name: 'Studio 21', defaultUser: 'Admin' });
    siteId = site.id;
    const added = await call('discovery:addManual', { siteId, text: `${httpHub.url}\n${httpsHub.url}\nnot a host!!` });
    expect(added.entries.map((e) => e.outcome)).toEqual(['hub', 'hub', 'invalid']);
    expect(added.added).toHaveLength(2);
    httpId = added.added.find((h) => h.address === '127.0.21.2')!.id;
    httpsId = added.added.find((h) => h.address === '127.0.21.3')!.id;
    const list = await call('inventory:list', {});
    expect(list.hubs.map((h) => h.hasSavedPassword)).toEqual([false, false]);
    await until('inventory:changed', () => seen.some((e) => e.event === 'inventory:changed'));
  });

  it('logs in, remembers the password, and the password never comes back', async () => {
    const snapshot = await call('monitor:subscribe', {});
    expect(snapshot.hubs.map((h) => h.hubId).sort()).toEqual([httpId, httpsId].sort());
    const login = await call('session:login', { hubId: httpId, user: 'Admin', password: PASSWORD, remember: true });
    expect(login).toMatchObject({ hubId: httpId, remembered: true, refusedReason: null, login: { user: 'Admin' } });
    expect((await call('inventory:list', {})).hubs.find((h) => h.id === httpId)!.hasSavedPassword).toBe(true);
    // Live status arrives as changes.
    await call('monitor:refresh', { hubIds: [httpId] });
    await until('a change with the version', () =>
      seen.some(
        (e) =>
          e.event === 'monitor:changed' &&
          (e.payload as { changes: { hubId: string; changes: { version?: string } }[] }).changes.some(
            (c) => c.hubId === httpId && c.changes.version === '2.1.28',
          ),
      ),
    );
    // The password was sent once (by us) and is in nothing the backend sent back.
    expect(received.join('\n')).not.toContain(`"${PASSWORD}"`);
    expect(received.join('\n')).not.toMatch(/"password"|mwcloud-sid/);
  });

  it('pages through the published versions', async () => {
    const first = await call('history:page', { hubId: httpId, start: 0, count: 10 });
    expect(first.source).toBe('hub');
    expect(first.page.total).toBe(50);
    expect(first.page.entries).toHaveLength(10);
    const last = await call('history:page', { hubId: httpId, start: 45, count: 10 });
    expect(last.page.entries.length).toBeGreaterThan(0);
    expect(last.page.entries[0]!.version).not.toBe(first.page.entries[0]!.version);
  });

  it('works with every session form real hubs hand out: login, a call, re-login after the hub forgets, logout', async () => {
    const calls = () => httpHub.requests.map((r) => `${r.method} ${r.path}`);
    for (const loginSession of LOGIN_SESSION_FORMS) {
      httpHub.resetVariant({ loginSession });
      const login = await call('session:login', { hubId: httpId, user: 'Admin', password: PASSWORD, remember: true });
      expect(login, loginSession).toMatchObject({ refusedReason: null, login: { user: 'Admin' } });
      expect((await call('history:page', { hubId: httpId, start: 0, count: 3 })).source, loginSession).toBe('hub');
      httpHub.forgetSessions();
      httpHub.clearRequests();
      // The next call is refused once, logs in again, and is answered.
      const again = await call('history:page', { hubId: httpId, start: 0, count: 3 });
      expect(again.source, loginSession).toBe('hub');
      expect(calls(), loginSession).toContain('POST /api/login');
      await call('session:logout', { hubId: httpId });
      expect(calls(), loginSession).toContain('GET /api/logout');
    }
    httpHub.resetVariant({});
    await call('session:login', { hubId: httpId, user: 'Admin', password: PASSWORD, remember: true });
    // No session cookie or token reached the client in any form.
    expect(received.join('\n')).not.toMatch(/mwcloud-sid|"token"|"sid"/);
  });

  it('trusts an HTTPS hub on first use, and stops at a changed certificate until re-trusted', async () => {
    const inspect = await call('cert:inspect', { hubId: httpsId });
    expect(inspect).toMatchObject({
      state: 'unpinned',
      pinned: null,
      presented: { fingerprint: httpsHub.certFingerprint },
    });
    await call('cert:trust', { hubId: httpsId, fingerprint: inspect.presented.fingerprint });
    await call('session:login', { hubId: httpsId, user: 'Admin', password: PASSWORD });

    await httpsHub.swapCertificate();
    httpsHub.clearRequests();
    // The swap drops open connections (the first attempt may see that as UNREACHABLE); the next
    // handshake meets the new certificate.
    let error = { code: '', message: '' };
    for (let attempt = 0; attempt < 3 && error.code !== 'CERT_CHANGED'; attempt++) {
      error = await callError('session:login', { hubId: httpsId, user: 'Admin', password: PASSWORD });
    }
    expect(error.code).toBe('CERT_CHANGED');
    // Polling stops too: the monitor marks the hub blocked and sends nothing more to it.
    await call('monitor:refresh', { hubIds: [httpsId] });
    const blocked = await until('the hub blocked by CERT_CHANGED', () =>
      seen.some(
        (e) =>
          e.event === 'monitor:changed' &&
          (e.payload as { changes: { hubId: string; changes: { blockedBy?: string } }[] }).changes.some(
            (c) => c.hubId === httpsId && c.changes.blockedBy === 'CERT_CHANGED',
          ),
      ),
    );
    expect(blocked).toBe(true);
    await new Promise((r) => setTimeout(r, 1200)); // several poll intervals
    expect(httpsHub.requests).toEqual([]); // nothing — no password, no status request — reached the impostor
    const changed = await call('cert:inspect', { hubId: httpsId });
    expect(changed).toMatchObject({
      state: 'changed',
      pinned: inspect.presented.fingerprint,
      presented: { fingerprint: httpsHub.certFingerprint },
    });
    // Trusting a fingerprint the hub does not present is refused.
    expect((await callError('cert:trust', { hubId: httpsId, fingerprint: inspect.presented.fingerprint })).code).toBe(
      'CERT_CHANGED',
    );
    await call('cert:trust', { hubId: httpsId, fingerprint: changed.presented.fingerprint });
    await call('session:login', { hubId: httpsId, user: 'Admin', password: PASSWORD });
  });

  it('follows an update to a verified outcome and records it', async () => {
    // The race this test once lost under load, made certain: the write that ends an update
    // lands a second late, as on a slow disk. tracking:updateEnded must wait for it, so the
    // timeline read in reaction to the event already holds the outcome.
    const append = HubStore.prototype.appendEvents;
    const slowStore = vi.spyOn(HubStore.prototype, 'appendEvents').mockImplementation(async function (
      this: HubStore,
      hubId,
      events,
    ) {
      if (events.some((e) => e.type === 'update-finished')) await new Promise((r) => setTimeout(r, 1000));
      return append.call(this, hubId, events);
    });
    onTestFinished(() => slowStore.mockRestore());
    httpHub.setScenario('full-update', FAST);
    const ended = await until(
      'tracking:updateEnded',
      () =>
        seen.find((e) => e.event === 'tracking:updateEnded' && (e.payload as { hubId: string }).hubId === httpId)
          ?.payload as { record: { outcome: string; from: string; to: string } } | undefined,
      30_000,
    );
    expect(ended.record).toMatchObject({ outcome: 'verified', from: '2.1.27', to: '2.1.28' });
    const timeline = await call('timeline:get', { hubId: httpId });
    expect(timeline.updates.at(-1)).toMatchObject({ outcome: 'verified' });
    expect(timeline.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['download-started', 'restarting', 'version-changed', 'update-finished']),
    );
  }, 40_000);

  it('writes a report where the web host saves files', async () => {
    const preview2 = await call('report:preview', { scope: { siteId }, technician: 'Li Wei' });
    expect(preview2.rows).toHaveLength(2);
    expect(preview2.rows.find((r) => r.hubId === httpId)).toMatchObject({
      outcome: 'verified',
      versionAfter: '2.1.28',
    });
    const saved = await call('report:save', { scope: { siteId }, technician: 'Li Wei', format: 'html' });
    expect(saved.saved).toBe(true);
    const file = path.join(preview.outDir, saved.fileName!);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('Li Wei');
    expect((await callError('report:printPdf', { scope: { siteId }, technician: 'Li Wei' })).code).toBe('UNAVAILABLE');
  });

  it('refuses bad input and unknown ids through the transport', async () => {
    expect((await callError('history:page', { hubId: httpId, start: -1, count: 10 })).code).toBe('BAD_INPUT');
    expect((await callError('history:page', { hubId: httpId, start: 0, count: 10, host: '127.0.0.9' })).code).toBe(
      'BAD_INPUT',
    );
    expect((await callError('timeline:get', { hubId: 'no-such-hub' })).code).toBe('NOT_FOUND');
    expect((await callError('discovery:start', { target: '127.0.21.0/33' })).code).toBe('BAD_INPUT');
  });

  it('keeps passwords and session cookies off the disk (the web transport remembers in memory)', async () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const p = path.join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else files.push(p);
      }
    };
    walk(dataDir);
    expect(files.length).toBeGreaterThan(2); // inventory, settings, store…
    const tokens = new Set(
      [...httpHub.requests, ...httpsHub.requests]
        .map((r) => /mwcloud-sid=([^;\s]+)/.exec(String(r.headers.cookie ?? ''))?.[1])
        .filter((t): t is string => !!t && t.length >= 8),
    );
    expect(tokens.size).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toContain(PASSWORD);
      expect(text, file).not.toMatch(/mwcloud-sid/);
      for (const token of tokens) expect(text.includes(token), `${file} holds a session token`).toBe(false);
    }
  });

  it('forgets a password and removes hubs', async () => {
    expect(await call('credentials:forget', { hubIds: [httpId] })).toEqual({ forgotten: 1 });
    expect((await call('inventory:list', {})).hubs.find((h) => h.id === httpId)!.hasSavedPassword).toBe(false);
    expect(await call('inventory:removeHubs', { hubIds: [httpsId] })).toEqual({ removed: 1 });
    await until('monitor removal', () =>
      seen.some((e) => e.event === 'monitor:changed' && (e.payload as { removed: string[] }).removed.includes(httpsId)),
    );
  });
});
