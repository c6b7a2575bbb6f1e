import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUpdateStatus } from '../../electron/core/hub/parse-update-status';
import type { UpdateStatus } from '../../electron/shared/domain';
import {
  FAULT_KINDS,
  PERMISSION,
  PUBLISHED,
  startHub,
  USER_TYPE,
  type Fault,
  type HubOptions,
  type SimulatedHub,
} from '../simulator';
import seed from '../fixtures/update-status.seed.json';
import type { HubClient } from '../../electron/core/hub/hub-client';
import { useHubHarness } from './hub-harness';

/**
 * The hub client against the simulated Control Hub: the seed through the whole stack, every
 * variant, every scenario state, both result-code families, sessions, permissions, faults and
 * paging. Hubs listen on 127.0.52.x with random ports (this file's own addresses).
 */

const HOST = '127.0.52.1';
const GOLDEN = (() => {
  const r = parseUpdateStatus(seed);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
})();

const { hub, clientFor } = useHubHarness(HOST, 2000);

async function status(c: HubClient): Promise<UpdateStatus> {
  const r = await c.updateStatus();
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('seed golden through the client', () => {
  it('a default hub reads exactly as the seed example', async () => {
    const h = await hub();
    expect(await status(clientFor(h))).toEqual(GOLDEN);
    expect(h.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/login', 'GET /api/update/status']);
  });

  it('login info, system status and settings', async () => {
    const h = await hub();
    const c = clientFor(h);
    expect(await c.login()).toEqual({
      ok: true,
      value: { user: 'Admin', userType: 1, permission: 4294967295, groupName: 'Admin', isHardware: true },
    });
    const sys = await c.systemStatus();
    expect(sys.ok && sys.value).toMatchObject({
      cloudVersion: '2.1.28',
      hardwareVersion: 'A',
      sessionTimeoutMin: 30,
      statusCode: 0,
      flags: [],
    });
    expect(await c.settings()).toEqual({
      ok: true,
      value: { sessionTimeoutMin: 30, httpPort: h.port, httpsEnabled: false, httpsPort: 443 },
    });
  });
});

describe('every variant', () => {
  it.each([
    ['topLevelFields'],
    ['booleansAsNumbers'],
    ['numericStrings'],
    ['extraFields'],
    ['noSetCookie'],
    ['legacyCodes'],
    ['http401OnExpiry'],
    ['http403OnExpiry'],
  ] as const)('%s reads the same as the seed', async (variant) => {
    const h = await hub({ variant: { [variant]: true } });
    expect(await status(clientFor(h))).toEqual(GOLDEN);
  });

  it('all value variants at once', async () => {
    const h = await hub({
      variant: { topLevelFields: true, booleansAsNumbers: true, numericStrings: true, extraFields: true },
    });
    expect(await status(clientFor(h))).toEqual(GOLDEN);
  });

  it('newest-version as a string', async () => {
    const h = await hub({ variant: { newestVersionAsString: true } });
    const s = await status(clientFor(h));
    expect(s.online?.newest).toEqual({ version: '2.1.28', digest: null, preRelease: null, releasedAt: null });
    expect({ ...s, online: { ...s.online, newest: GOLDEN.online?.newest } }).toEqual(GOLDEN);
  });

  it('unknown state bits are kept', async () => {
    const h = await hub({ variant: { unknownStateBits: true } });
    expect((await status(clientFor(h))).state).toEqual({ code: 0x80, hex: '0x80', names: [], unknownBits: 0x80 });
  });

  it('progress out of range is clamped, raw kept', async () => {
    const h = await hub({ variant: { progressOutOfRange: true }, scenario: 'downloading' });
    const s = await status(clientFor(h));
    expect(s.state.names).toEqual(['downloading']);
    expect([s.progress, s.progressRaw]).toEqual([100, 140]);
    h.setVariant({ progressOutOfRange: -5 });
    const s2 = await status(clientFor(h));
    expect([s2.progress, s2.progressRaw]).toEqual([0, -5]);
  });

  it('missing online-status and missing versions', async () => {
    const h = await hub({ variant: { missingOnlineStatus: true } });
    const c = clientFor(h);
    expect(await status(c)).toEqual({ ...GOLDEN, online: null, history: null });
    h.setVariant({ missingOnlineStatus: false, missingVersions: true });
    expect(await status(c)).toEqual({ ...GOLDEN, history: null });
  });

  it('a different default page size', async () => {
    const h = await hub({ variant: { defaultPageSize: 5 } });
    const s = await status(clientFor(h));
    expect(s.history?.entries.map((e) => e.version)).toEqual(PUBLISHED.slice(1, 6).map((p) => p.version));
  });
});

describe('every scenario state', () => {
  // Phases long enough to be seen by a 40 ms poll even on a loaded two-core CI machine.
  const timing = {
    leadMs: 0,
    checkMs: 300,
    downloadMs: 800,
    verifyMs: 300,
    uploadMs: 300,
    cancelMs: 300,
    restartNoticeMs: 300,
    restartMs: 500,
  };

  it('full update: check → download with rising progress → verify → restart (refused) → new version, new session', async () => {
    const h = await hub({ scenario: 'update-available' });
    const c = clientFor(h, { timeoutMs: 1000 });
    const first = await status(c);
    expect([first.version, first.online?.isNewest, first.state.names]).toEqual(['2.1.27', false, ['idle']]);
    h.setScenario('full-update', timing);
    const seen: string[] = [];
    const progress: number[] = [];
    const deadline = Date.now() + 8000;
    let last: UpdateStatus | null = null;
    while (Date.now() < deadline) {
      const r = await c.updateStatus();
      const label = r.ok ? r.value.state.names.join('+') : r.error.code;
      if (seen.at(-1) !== label) seen.push(label);
      if (r.ok && r.value.state.names.includes('downloading') && r.value.progress !== null)
        progress.push(r.value.progress);
      if (r.ok) last = r.value;
      if (r.ok && r.value.version === '2.1.28' && r.value.state.code === 0) break;
      await sleep(40);
    }
    // Phases appear in order (a loaded machine may skip a short one, never reorder them).
    const order = ['checking-online', 'downloading', 'verifying', 'restarting', 'UNREACHABLE', 'idle'];
    const positions = seen.map((label) => order.indexOf(label));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(seen).toEqual(expect.arrayContaining(['downloading', 'UNREACHABLE', 'idle']));
    expect(progress.length).toBeGreaterThan(2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect([last?.version, last?.online?.isNewest]).toEqual(['2.1.28', true]);
    // The restart forgot the session: the client logged in again by itself.
    expect(h.requests.filter((r) => r.path === '/api/login').length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['update-fails', ['failed'], (s: UpdateStatus) => expect(s.online?.updateResult).toBe(11)],
    ['unavailable', ['unavailable'], (s: UpdateStatus) => expect(s.updateEnabled).toBe(false)],
    ['cancel', ['cancelling'], () => {}],
    ['upload', ['uploading'], () => {}],
    ['back-on-old-version', ['verifying'], () => {}],
  ] as const)('%s reaches %j', async (scenario, names, extra) => {
    const h = await hub();
    const c = clientFor(h, { timeoutMs: 1000 });
    h.setScenario(scenario, timing);
    const deadline = Date.now() + 6000;
    let hit: UpdateStatus | null = null;
    while (!hit && Date.now() < deadline) {
      const r = await c.updateStatus();
      if (r.ok && JSON.stringify(r.value.state.names) === JSON.stringify(names)) hit = r.value;
      else await sleep(25);
    }
    expect(hit?.state.names).toEqual(names);
    extra(hit!);
  });

  it('back-on-old-version comes back still on 2.1.27', async () => {
    const h = await hub();
    const c = clientFor(h, { timeoutMs: 1000 });
    h.setScenario('back-on-old-version', timing);
    await sleep(2500);
    const deadline = Date.now() + 4000;
    let s: UpdateStatus | null = null;
    while (Date.now() < deadline) {
      const r = await c.updateStatus();
      if (r.ok && r.value.state.code === 0) {
        s = r.value;
        break;
      }
      await sleep(50);
    }
    expect([s?.version, s?.online?.isNewest]).toEqual(['2.1.27', false]);
  });
});

describe('both result-code families', () => {
  it.each([
    ['current', 39, 16, 31],
    ['legacy', -1, -14, -26],
  ] as const)('%s: wrong password %i, unknown user %i, no permission %i', async (family, wrongPass, noUser, denied) => {
    const viewer = { name: 'viewer', password: 'v', type: USER_TYPE.VIEWER, permission: PERMISSION.DEVICE_VIEW };
    const h = await hub({
      resultFamily: family,
      users: [{ name: 'Admin', password: 'Admin', type: 1, permission: PERMISSION.ALL }, viewer],
    });
    const wrong = await clientFor(h, { credentials: { user: 'Admin', password: 'nope' } }).updateStatus();
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'AUTH_FAILED', hubCode: wrongPass, message: expect.stringContaining('refused the password') },
    });
    const nobody = await clientFor(h, { credentials: { user: 'ghost', password: 'x' } }).updateStatus();
    expect(nobody).toMatchObject({
      ok: false,
      error: { code: 'AUTH_FAILED', hubCode: noUser, message: expect.stringContaining('no user "ghost"') },
    });
    const v = clientFor(h, { credentials: { user: 'viewer', password: 'v' } });
    expect(await v.updateStatus()).toMatchObject({
      ok: false,
      error: { code: 'NOT_PERMITTED', hubCode: denied, message: expect.stringContaining('"viewer"') },
    });
    expect(await v.settings()).toMatchObject({ ok: false, error: { code: 'NOT_PERMITTED', hubCode: denied } });
  });

  it('the 36 AUTH_FAILED variant', async () => {
    const h = await hub({ variant: { authFailed36: true } });
    expect(await clientFor(h, { credentials: { user: 'Admin', password: 'x' } }).updateStatus()).toMatchObject({
      ok: false,
      error: { code: 'AUTH_FAILED', hubCode: 36 },
    });
  });
});

describe('sessions against the simulator', () => {
  it.each([
    ['current (37)', { resultFamily: 'current' }],
    ['legacy (-17)', { resultFamily: 'legacy' }],
    ['HTTP 401', { variant: { http401OnExpiry: true } }],
    ['HTTP 403', { variant: { http403OnExpiry: true } }],
  ] as const)('re-login after the idle timeout, %s', async (_label, opts) => {
    const h = await hub({ sessionIdleMs: 150, ...(opts as HubOptions) });
    const c = clientFor(h);
    await status(c);
    await sleep(300);
    expect(await status(c)).toEqual(GOLDEN);
    expect(h.requests.map((r) => r.path)).toEqual([
      '/api/login',
      '/api/update/status',
      '/api/update/status',
      '/api/login',
      '/api/update/status',
    ]);
  });

  it('after the hub forgets every session', async () => {
    const h = await hub();
    const c = clientFor(h);
    await status(c);
    h.forgetSessions();
    expect((await c.updateStatus()).ok).toBe(true);
    expect(h.requests.filter((r) => r.path === '/api/login')).toHaveLength(2);
  });

  it('logout ends the session on the hub', async () => {
    const h = await hub();
    const c = clientFor(h);
    await status(c);
    expect((await c.logout()).ok).toBe(true);
    const cookie = h.requests.find((r) => r.path === '/api/update/status')?.headers.cookie;
    expect(cookie).toMatch(/mwcloud-sid=[A-Z]{32}; mwcloud-uid=Admin/);
  });
});

describe('every fault, within the timeout', () => {
  const TIMEOUT = 600;
  const FAULTS: Array<[Fault, string]> = [
    [{ kind: 'hang' }, 'TIMEOUT'],
    [{ kind: 'latency', ms: 1500 }, 'TIMEOUT'],
    [{ kind: 'reset' }, 'UNREACHABLE'],
    [{ kind: 'http500' }, 'HUB_ERROR'],
    [{ kind: 'http401' }, 'SESSION_EXPIRED'],
    [{ kind: 'html' }, 'PROTOCOL'],
    [{ kind: 'malformed-json' }, 'PROTOCOL'],
    [{ kind: 'truncated' }, 'PROTOCOL'],
    [{ kind: 'huge', bytes: 8 * 1024 * 1024 }, 'PROTOCOL'],
  ];

  it('covers every fault the simulator has', () => {
    expect(new Set(FAULTS.map(([f]) => f.kind))).toEqual(new Set(FAULT_KINDS));
  });

  it.each(FAULTS)('%j on the status call → %s', async (fault, code) => {
    const h = await hub();
    const c = clientFor(h, { timeoutMs: TIMEOUT, maxResponseBytes: 1024 * 1024 });
    await status(c);
    h.injectFault({ ...fault, paths: ['/api/update/status'] });
    const started = Date.now();
    const r = await c.updateStatus();
    expect(r).toMatchObject({ ok: false, error: { code } });
    // Two tries at most (a retry after a re-login or a stale-socket reset), each bounded.
    expect(Date.now() - started).toBeLessThan(2 * TIMEOUT + 400);
  });

  it('a fault on every path, login included', async () => {
    const h = await hub();
    h.injectFault({ kind: 'http401' });
    expect(await clientFor(h).updateStatus()).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    h.injectFault({ kind: 'html' });
    expect(await clientFor(h).updateStatus()).toMatchObject({
      ok: false,
      error: { code: 'PROTOCOL', message: expect.stringContaining('web page') },
    });
  });

  it('small latency below the timeout is fine', async () => {
    const h = await hub();
    h.injectFault({ kind: 'latency', ms: 100 });
    expect(await status(clientFor(h, { timeoutMs: 1000 }))).toEqual(GOLDEN);
  });
});

describe('paging through 50 published versions', () => {
  let h: SimulatedHub;
  beforeAll(async () => {
    h = await startHub({ host: HOST, port: 0 });
  });
  afterAll(async () => {
    await h.stop();
  });
  const expected = PUBLISHED.map((p) => p.version);

  it.each([[0], [7], [1], [50]])(
    'maxPageSize %i: every version once, newest first, in bounded requests',
    async (maxPageSize) => {
      h.resetVariant({ maxPageSize });
      h.clearRequests();
      const c = clientFor(h);
      const r = await c.allVersions();
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.start).toBe(0);
      expect(r.value.total).toBe(50);
      expect(r.value.entries.map((e) => e.version)).toEqual(expected);
      expect(r.value.entries[0]).toEqual({ ...GOLDEN.online?.newest });
      expect(r.value.entries[1]).toEqual(GOLDEN.history?.entries[0]);
      const pages = h.requests.filter((q) => q.path === '/api/update/status');
      expect(pages.length).toBe(maxPageSize === 0 ? 1 : Math.ceil(50 / maxPageSize));
      expect(pages[0]?.query).toMatchObject({ start: '0' });
    },
  );

  it('one explicit page', async () => {
    h.resetVariant();
    const r = await clientFor(h).updateStatus({ start: 45, count: 10 });
    expect(r.ok && r.value.history).toMatchObject({ start: 45, total: 50 });
    expect(r.ok && r.value.history?.entries.map((e) => e.version)).toEqual(expected.slice(45));
  });
});
