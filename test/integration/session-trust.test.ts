import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/core/app/backend';
import { MemorySecretStore } from '../../electron/core/app/memory-secret-store';
import { fixedCredentials } from '../../electron/core/sessions/credential-provider';
import type { HardwareAddressObserver } from '../../electron/core/sessions/hardware-address';
import type { CallChannel } from '../../electron/shared/contract';
import { ok } from '../../electron/shared/errors';
import { startHub, type SimulatedHub } from '../simulator';
import { liveStateOf, openTestBackend } from './backend-harness';
import { FAST_MONITOR, waitFor } from './monitor-harness';

// Remembered passwords follow trust, not addresses (issue 11) and "is this the same hub?"
// (issue 17): the whole backend with its real session pool and keychain provider, simulated hubs
// on this file's own loopback addresses (127.0.71.x), and the hub's own request log as the
// witness that no password was sent. The monitor is not started: every request is one the test
// asked for.
const PASSWORD = 'Trust-Pass-71';
const USERS = [{ name: 'Admin', password: PASSWORD, type: 1, permission: 0xffffffff }];

type Envelope = { ok: true; value: Record<string, unknown> } | { ok: false; error: { code: string; message: string } };

const open: { backend: Backend; dir: string }[] = [];
const hubs: SimulatedHub[] = [];
afterEach(async () => {
  for (const { backend, dir } of open.splice(0)) {
    await backend.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  await Promise.all(hubs.splice(0).map((h) => h.stop()));
});

async function hub(host: string, https = false): Promise<SimulatedHub> {
  const h = await startHub({ host, port: 0, https, scenario: 'idle', users: USERS });
  hubs.push(h);
  return h;
}

const logins = (h: SimulatedHub) => h.requests.filter((r) => r.path === '/api/login').length;

async function backendOver(
  options: { secrets?: MemorySecretStore; observe?: HardwareAddressObserver; dataDir?: string } = {},
) {
  const dir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'hk-trust-'));
  const { backend, secrets } = await openTestBackend(dir, {
    secrets: options.secrets,
    startMonitor: false,
    observeHardwareAddress: options.observe,
  });
  open.push({ backend, dir });
  const call = async (channel: CallChannel, args: unknown): Promise<Envelope> =>
    (await backend.dispatcher.invoke(channel, args, { clientId: 'test' })) as Envelope;
  return { backend, secrets, dir, call };
}

async function addHub(
  b: Awaited<ReturnType<typeof backendOver>>,
  h: SimulatedHub,
  site: { name: string; forbidHttpLogin?: boolean },
): Promise<string> {
  const added = await b.call('inventory:addSite', site);
  if (!added.ok) throw new Error(added.error.message);
  const inventory = b.backend.services.inventory;
  const hubs = await inventory.addHubs(String(added.value.id), [
    {
      address: h.host,
      endpoints: [{ scheme: h.https ? 'https' : 'http', port: h.port, fingerprint: h.certFingerprint }],
    },
  ]);
  if (!hubs.ok) throw new Error(hubs.error.message);
  // The technician is at this site: only a visited site's hubs get sessions (issue 17).
  const visit = await b.call('visit:start', { siteId: String(added.value.id) });
  if (!visit.ok) throw new Error(visit.error.message);
  return hubs.value.added[0]!.id;
}

/** Lets the backend's inventory listener bring the session pool up to date. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('remembered passwords follow the certificate', () => {
  it('re-trusting a changed certificate forgets the password: a login without typing it is refused and sends nothing', async () => {
    const h = await hub('127.0.71.2', true);
    const b = await backendOver();
    const hubId = await addHub(b, h, { name: 'Pinned' });
    expect(await b.call('cert:trust', { hubId, fingerprint: h.certFingerprint })).toMatchObject({ ok: true });
    await settle();
    expect(await b.call('session:login', { hubId, user: 'Admin', password: PASSWORD, remember: true })).toMatchObject({
      ok: true,
      value: { remembered: true },
    });
    expect(await b.call('session:login', { hubId, user: 'Admin' })).toMatchObject({ ok: true });

    await h.swapCertificate();
    expect(await b.call('cert:trust', { hubId, fingerprint: h.certFingerprint })).toMatchObject({ ok: true });
    await settle();
    h.clearRequests();
    expect(b.secrets.has(hubId)).toBe(false);
    expect(await b.call('session:login', { hubId, user: 'Admin' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringMatching(/type it/) },
    });
    // The client forgot the password it held for the old certificate, too.
    await b.call('history:page', { hubId, start: 0, count: 10 });
    expect(logins(h)).toBe(0);
    // Typed once, it works (and may be remembered again, for this certificate).
    expect(await b.call('session:login', { hubId, user: 'Admin', password: PASSWORD })).toMatchObject({ ok: true });
    expect(logins(h)).toBe(1);
  });

  it('never hands a remembered password to another certificate, even when nothing forgot it', async () => {
    const h = await hub('127.0.71.3', true);
    const b = await backendOver();
    const hubId = await addHub(b, h, { name: 'Root rule' });
    await b.call('cert:trust', { hubId, fingerprint: h.certFingerprint });
    await settle();
    await b.call('session:login', { hubId, user: 'Admin', password: PASSWORD, remember: true });

    // A pin changed by another path (an import, an edit): the handler's forgetting never ran.
    await h.swapCertificate();
    const repinned = await b.backend.services.inventory.setPin(hubId, h.port, h.certFingerprint);
    expect(repinned.ok).toBe(true);
    await settle();
    h.clearRequests();
    expect(b.secrets.has(hubId)).toBe(true);
    expect(await b.call('session:login', { hubId, user: 'Admin' })).toMatchObject({
      ok: false,
      error: { code: 'AUTH_FAILED', message: expect.stringMatching(/saved for the certificate sha256:.*not sent/) },
    });
    await b.call('history:page', { hubId, start: 0, count: 10 });
    expect(logins(h)).toBe(0);
  });
});

describe('is this the same hub? (hardware address)', () => {
  const MAC_A = '02:00:5e:00:71:0a';
  const MAC_B = '02:00:5e:00:71:0b';

  it('records the hardware address at login and sends no remembered password to a different device', async () => {
    const h = await hub('127.0.71.4');
    let answering: string | null = MAC_A;
    const observe: HardwareAddressObserver = async () => ok(answering);
    const secrets = new MemorySecretStore();
    const first = await backendOver({ secrets, observe });
    const hubId = await addHub(first, h, { name: 'Moved' });
    await settle();
    await first.call('session:login', { hubId, user: 'Admin', password: PASSWORD, remember: true });
    const saved = await secrets.load(hubId);
    expect(saved.ok && JSON.parse(saved.value!)).toMatchObject({ mac: MAC_A, pin: null });

    // The hub restarts (its sessions are gone) and now another device answers at the address.
    h.forgetSessions();
    answering = MAC_B;
    h.clearRequests();
    // The client's own re-login after "not logged in": refused before the password goes out.
    const page = await first.call('history:page', { hubId, start: 0, count: 10 });
    expect(JSON.stringify(page)).not.toContain(PASSWORD);
    // A login with the remembered password, asked for by the user: refused the same way.
    expect(await first.call('session:login', { hubId, user: 'Admin' })).toMatchObject({
      ok: false,
      error: { code: 'DEVICE_CHANGED', message: expect.stringMatching(/different device.*02:00:5e:00:71:0b/) },
    });
    expect(logins(h)).toBe(0);

    // After a restart of the app, the recorded address still holds (it is saved with the password).
    await first.backend.stop();
    open.splice(0, 1);
    const again = await backendOver({ secrets, observe, dataDir: first.dir });
    open.push({ backend: first.backend, dir: first.dir }); // removed with the folder at the end
    // Quitting ended the visit; the technician resumes it (nothing is sent before that).
    const siteId = again.backend.services.inventory.get().hubs.find((x) => x.id === hubId)!.siteId;
    expect(await again.call('visit:start', { siteId })).toMatchObject({ ok: true });
    expect(await again.call('session:login', { hubId, user: 'Admin' })).toMatchObject({
      ok: false,
      error: { code: 'DEVICE_CHANGED' },
    });
    expect(logins(h)).toBe(0);

    // The user decides it is the right hub: typing the password logs in and records the new address.
    expect(await again.call('session:login', { hubId, user: 'Admin', password: PASSWORD })).toMatchObject({
      ok: true,
    });
    const rebound = await secrets.load(hubId);
    expect(rebound.ok && JSON.parse(rebound.value!)).toMatchObject({ mac: MAC_B });
    h.forgetSessions();
    expect(await again.call('session:login', { hubId, user: 'Admin' })).toMatchObject({ ok: true });
    expect(logins(h)).toBe(2);
  });

  it('records nothing and refuses nothing for a loopback hub (no neighbour entry)', async () => {
    const h = await hub('127.0.71.5');
    const b = await backendOver(); // the real neighbour table
    const hubId = await addHub(b, h, { name: 'Loopback' });
    await settle();
    await b.call('session:login', { hubId, user: 'Admin', password: PASSWORD, remember: true });
    const saved = await b.secrets.load(hubId);
    expect(saved.ok && JSON.parse(saved.value!)).toMatchObject({ mac: null });
    h.forgetSessions();
    expect(await b.call('session:login', { hubId, user: 'Admin' })).toMatchObject({ ok: true });
  });
});

describe('plain HTTP logins', () => {
  it('a site that forbids them gets a clear error and the hub sees nothing', async () => {
    const h = await hub('127.0.71.6');
    const b = await backendOver();
    const hubId = await addHub(b, h, { name: 'Strict', forbidHttpLogin: true });
    await settle();
    h.clearRequests();
    expect(await b.call('session:login', { hubId, user: 'Admin', password: PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'HTTP_LOGIN_FORBIDDEN', message: expect.stringMatching(/forbids logins over plain HTTP/) },
    });
    expect(h.requests).toHaveLength(0);
    // Allowed again in the site's settings: the same login goes through.
    const site = b.backend.services.inventory.get().sites.find((s) => s.name === 'Strict')!;
    await b.call('inventory:updateSite', { siteId: site.id, forbidHttpLogin: false });
    await settle();
    expect(await b.call('session:login', { hubId, user: 'Admin', password: PASSWORD })).toMatchObject({ ok: true });
  });

  it('uses the HTTPS endpoint for logins when the hub has one (trust first), not plain HTTP', async () => {
    const secure = await hub('127.0.71.7', true);
    const b = await backendOver();
    const added = await b.call('inventory:addSite', { name: 'Both' });
    if (!added.ok) throw new Error(added.error.message);
    const siteId = String(added.value.id);
    const result = await b.backend.services.inventory.addHubs(siteId, [
      {
        address: secure.host,
        endpoints: [
          { scheme: 'http', port: 1, fingerprint: null },
          { scheme: 'https', port: secure.port, fingerprint: secure.certFingerprint },
        ],
      },
    ]);
    const hubId = (result as { ok: true; value: { added: { id: string }[] } }).value.added[0]!.id;
    expect(await b.call('visit:start', { siteId })).toMatchObject({ ok: true });
    await settle();
    // Unpinned HTTPS: refused until trusted; nothing went over plain HTTP (port 1 would refuse).
    expect(await b.call('session:login', { hubId, user: 'Admin', password: PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'TLS_UNTRUSTED' },
    });
    await b.call('cert:trust', { hubId, fingerprint: secure.certFingerprint });
    await settle();
    expect(await b.call('session:login', { hubId, user: 'Admin', password: PASSWORD })).toMatchObject({ ok: true });
    expect(logins(secure)).toBe(1);
  });
});

describe('hubkeeper watch (the backend scoped to the hubs named)', () => {
  it('re-logs in by itself only to the device it logged in to', async () => {
    const h = await hub('127.0.71.8');
    const dir = mkdtempSync(path.join(tmpdir(), 'hk-trust-watch-'));
    let answering: string | null = '02:00:5e:00:71:1a';
    const { backend } = await openTestBackend(dir, {
      fixedHubs: [
        {
          hubId: 'w',
          endpoint: { scheme: 'http', host: h.host, port: h.port },
          pin: null,
          siteId: null,
          defaultUser: null,
          name: '',
        },
      ],
      credentials: fixedCredentials('Admin', PASSWORD),
      observeHardwareAddress: async () => ok(answering),
      monitorConfig: FAST_MONITOR,
    });
    open.push({ backend, dir });
    await waitFor(() => liveStateOf(backend, 'w')?.lastSuccessAt != null, 10_000, 'a first poll');
    // Another device answers at the address; the hub forgot our session, so the next poll logs in again.
    answering = '02:00:5e:00:71:1b';
    h.clearRequests();
    h.forgetSessions();
    await waitFor(() => liveStateOf(backend, 'w')?.blockedBy === 'DEVICE_CHANGED', 10_000, 'the device change noticed');
    expect(logins(h)).toBe(0);
  });
});
