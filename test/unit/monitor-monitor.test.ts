import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Monitor } from '../../electron/core/monitor/monitor';
import { fleetIntervals, backoffMs } from '../../electron/core/monitor/rates';
import type { HubPoller } from '../../electron/core/sessions/session-pool';
import { DEFAULT_MONITOR_CONFIG, type HubChange } from '../../electron/shared/monitor';
import { fail, ok, type Result } from '../../electron/shared/errors';
import type { HistoryPage, SystemStatus, UpdateStatus } from '../../electron/shared/domain';
import type { TimelineEvent } from '../../electron/shared/timeline';
import { downloading, status } from './tracking-fixtures';

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2024, 0, 2, 10, 0, 0) });
});
afterEach(() => {
  vi.useRealTimers();
});

const system: SystemStatus = {
  clock: null,
  cloudVersion: '2.1.27',
  hardwareVersion: null,
  sessionTimeoutMin: 30,
  cpu: 5,
  mem: 20,
  netTxMbps: 0,
  netRxMbps: 0,
  diskTotalMb: 1000,
  diskFreeMb: 500,
  statusCode: 0,
  flags: [],
};
const versions: HistoryPage = {
  start: 0,
  total: 2,
  entries: [
    { version: '2.1.28', digest: null, preRelease: false, releasedAt: null },
    { version: '2.1.27', digest: null, preRelease: false, releasedAt: null },
  ],
};

/** A poller whose answers come from a per-hub function of the call number; records call times. */
function fakePoller(answer: (hubId: string, n: number) => Result<UpdateStatus> | 'hang', latencyMs = 0) {
  const calls: Record<string, number[]> = {};
  const systemCalls: Record<string, number[]> = {};
  const versionCalls: Record<string, number[]> = {};
  const delay = <T>(v: T) =>
    latencyMs ? new Promise<T>((r) => setTimeout(() => r(v), latencyMs)) : Promise.resolve(v);
  const poller: HubPoller = {
    updateStatus: (hubId) => {
      (calls[hubId] ??= []).push(Date.now());
      const a = answer(hubId, calls[hubId]!.length - 1);
      return a === 'hang' ? new Promise(() => undefined) : delay(a);
    },
    systemStatus: (hubId) => {
      (systemCalls[hubId] ??= []).push(Date.now());
      return delay(ok(system));
    },
    allVersions: (hubId) => {
      (versionCalls[hubId] ??= []).push(Date.now());
      return delay(ok(versions));
    },
  };
  return { poller, calls, systemCalls, versionCalls };
}

function collect(monitor: Monitor) {
  const changes: HubChange[] = [];
  const events: Array<{ hubId: string; events: TimelineEvent[] }> = [];
  monitor.subscribe({ change: (c) => changes.push(c), events: (hubId, e) => events.push({ hubId, events: e }) });
  return { changes, events, eventTypes: () => events.flatMap((e) => e.events.map((x) => x.type)) };
}

const idle = ok(status(0, '2.1.27', '2.1.28'));
const unreachable = fail<UpdateStatus>('UNREACHABLE', 'refused');
const t0 = Date.UTC(2024, 0, 2, 10, 0, 0);

describe('rates', () => {
  it('keeps the configured intervals for a normal fleet and stretches idle ones for a huge fleet', () => {
    expect(fleetIntervals(DEFAULT_MONITOR_CONFIG, { busy: 10, idle: 100 })).toEqual({ busyMs: 1000, idleMs: 5000 });
    // 2000 idle hubs at 5 s would be 400 req/s; capped at 100 req/s → 20 s.
    expect(fleetIntervals(DEFAULT_MONITOR_CONFIG, { busy: 0, idle: 2000 }).idleMs).toBe(20_000);
    // Busy hubs keep 1 s while they fit in 80 % of the budget; idle ones share the rest.
    const mixed = fleetIntervals(DEFAULT_MONITOR_CONFIG, { busy: 50, idle: 1000 });
    expect(mixed.busyMs).toBe(1000);
    expect(1000 * (50 / mixed.busyMs + 1000 / mixed.idleMs)).toBeLessThanOrEqual(
      DEFAULT_MONITOR_CONFIG.maxRequestsPerSecond + 0.01,
    );
    const allBusy = fleetIntervals(DEFAULT_MONITOR_CONFIG, { busy: 500, idle: 0 });
    expect((500 * 1000) / allBusy.busyMs).toBeLessThanOrEqual(80.01);
    expect(fleetIntervals({ ...DEFAULT_MONITOR_CONFIG, idleMaxMs: 15_000 }, { busy: 0, idle: 100_000 }).idleMs).toBe(
      15_000,
    );
  });

  it('backs off exponentially, capped, and probes quickly while an update waits for its hub', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffMs(DEFAULT_MONITOR_CONFIG, n, false))).toEqual([
      2000, 4000, 8000, 16000, 32000, 60000, 60000,
    ]);
    expect(backoffMs(DEFAULT_MONITOR_CONFIG, 6, true)).toBe(DEFAULT_MONITOR_CONFIG.restartProbeMs);
  });
});

describe('Monitor', () => {
  it('polls busy hubs about every second and idle hubs about every five', async () => {
    const f = fakePoller((hubId) => (hubId === 'busy' ? ok(downloading(40)) : idle));
    const m = new Monitor({ poller: f.poller, config: { jitterRatio: 0 } });
    m.addHub('busy');
    m.addHub('idle');
    m.start();
    await vi.advanceTimersByTimeAsync(10_500);
    expect(f.calls.busy!.map((t) => t - t0)).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000]);
    expect(f.calls.idle!.map((t) => t - t0)).toEqual([0, 5000, 10000]);
    expect(m.get('busy')!.intervalMs).toBe(1000);
    expect(m.get('idle')!.intervalMs).toBe(5000);
    await m.stop();
  });

  it('lengthens each interval by a random share up to jitterRatio so hubs drift apart', async () => {
    const f = fakePoller(() => idle);
    const m = new Monitor({ poller: f.poller, config: { jitterRatio: 0.2 }, random: () => 0.5 });
    m.addHub('h');
    m.start();
    await vi.advanceTimersByTimeAsync(12_000);
    expect(f.calls.h!.map((t) => t - t0)).toEqual([0, 5500, 11000]);
    await m.stop();
  });

  it('emits only the fields that changed, with the observation time', async () => {
    let progress = 10;
    const f = fakePoller(() => ok(downloading(progress)));
    const m = new Monitor({ poller: f.poller, config: { jitterRatio: 0 } });
    const c = collect(m);
    m.addHub('h');
    m.start();
    await vi.advanceTimersByTimeAsync(0);
    const first = c.changes[0]!;
    expect(first.hubId).toBe('h');
    expect(first.changes).toMatchObject({
      version: '2.1.27',
      progress: 10,
      lastSuccessAt: new Date(t0).toISOString(),
      lastAttemptAt: new Date(t0).toISOString(),
    });
    c.changes.length = 0;
    await vi.advanceTimersByTimeAsync(1000); // same answer
    expect(c.changes.map((x) => Object.keys(x.changes).sort())).toEqual([['lastAttemptAt', 'lastSuccessAt']]);
    expect(c.changes[0]!.at).toBe(new Date(t0 + 1000).toISOString());
    progress = 11;
    c.changes.length = 0;
    await vi.advanceTimersByTimeAsync(1000);
    expect(c.changes[0]!.changes).toEqual({
      lastAttemptAt: new Date(t0 + 2000).toISOString(),
      lastSuccessAt: new Date(t0 + 2000).toISOString(),
      progress: 11,
      progressRaw: 11,
    });
    await m.stop();
  });

  it('marks a hub stale when its last success is older than twice its interval, even while a request hangs', async () => {
    const f = fakePoller((_id, n) => (n === 0 ? ok(downloading(5)) : 'hang'));
    const m = new Monitor({ poller: f.poller, config: { jitterRatio: 0 } });
    const c = collect(m);
    m.addHub('h');
    m.start();
    await vi.advanceTimersByTimeAsync(1900);
    expect(m.get('h')!.stale).toBe(false);
    await vi.advanceTimersByTimeAsync(200); // 2.1 s after the success at t0, interval 1 s
    expect(m.get('h')!.stale).toBe(true);
    const staleChange = c.changes.find((x) => x.changes.stale === true)!;
    expect(Date.parse(staleChange.at) - t0).toBeGreaterThan(2000);
    expect(Date.parse(staleChange.at) - t0).toBeLessThan(2100);
    expect(f.calls.h!.length).toBe(2); // never a second request while one hangs
    void m.stop(); // the hung request never settles (a real client times out)
  });

  it('marks a hub stale on time even when a secondary read after the success hangs', async () => {
    const poller: HubPoller = {
      updateStatus: () => new Promise((r) => setTimeout(() => r(ok(downloading(5))), 50)),
      systemStatus: () => new Promise(() => undefined),
      allVersions: async () => ok(versions),
    };
    const m = new Monitor({ poller, config: { jitterRatio: 0 } });
    m.addHub('h');
    m.start();
    await vi.advanceTimersByTimeAsync(1950); // success at 50 ms, interval 1 s
    expect(m.get('h')!.stale).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(m.get('h')!.stale).toBe(true);
    void m.stop();
  });

  it('marks a hub offline after repeated failures and backs off while it stays unreachable', async () => {
    const f = fakePoller((_id, n) => (n === 0 ? idle : unreachable));
    const m = new Monitor({ poller: f.poller, config: { jitterRatio: 0 } });
    const c = collect(m);
    m.addHub('h');
    m.start();
    await vi.advanceTimersByTimeAsync(40_000);
    // success at 0; failures at 5 s, then +2 s, +4 s, +8 s, +16 s
    expect(f.calls.h!.map((t) => t - t0)).toEqual([0, 5000, 7000, 11000, 19000, 35000]);
    const offlineAt = c.changes.find((x) => x.changes.offline === true)!.at;
    expect(Date.parse(offlineAt) - t0).toBe(11000); // third failure
    expect(m.get('h')).toMatchObject({
      offline: true,
      stale: true,
      consecutiveFailures: 5,
      error: { code: 'UNREACHABLE' },
    });
    expect(c.eventTypes()).toEqual(['hub-offline']);
    await m.stop();
  });

  it('follows an update through the restart, probing quickly while the hub is away, and re-reads versions after', async () => {
    const script: Array<Result<UpdateStatus>> = [
      idle,
      ok(downloading(50)),
      ok(downloading(100)),
      ok(status(0x8, '2.1.27', '2.1.28')),
      ok(status(0x40, '2.1.27', '2.1.28')),
      unreachable,
      unreachable,
      unreachable,
      unreachable,
      unreachable,
      ok(status(0, '2.1.28', '2.1.28')),
    ];
    const f = fakePoller((_id, n) => script[Math.min(n, script.length - 1)]!);
    const m = new Monitor({ poller: f.poller, config: { jitterRatio: 0 } });
    const c = collect(m);
    m.addHub('h');
    m.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(c.eventTypes()).toEqual([
      'download-started',
      'progress',
      'progress',
      'progress',
      'progress',
      'verifying',
      'restarting',
      'hub-offline',
      'hub-back',
      'version-changed',
      'update-finished',
    ]);
    expect(m.get('h')!.update).toMatchObject({ from: '2.1.27', to: '2.1.28', outcome: 'verified' });
    // While away the retries never waited longer than restartProbeMs (2 s).
    const times = f.calls.h!.map((t) => t - t0);
    const gaps = times.slice(6, 11).map((t, i) => t - times[5 + i]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(2000);
    // The version list is read once when idle; the published list did not change.
    expect(f.versionCalls.h!.length).toBe(1);
    await m.stop();
  });

  it('re-reads the full version list when the newest published version changes, never while busy', async () => {
    let newest = '2.1.28';
    let code = 0;
    const f = fakePoller(() => ok(status(code, '2.1.27', newest)));
    const m = new Monitor({ poller: f.poller, config: { jitterRatio: 0 } });
    const versionsSeen: string[] = [];
    m.subscribe({ versions: (hubId, page, at) => versionsSeen.push(`${hubId} ${page.entries.length} ${at}`) });
    m.addHub('h');
    m.start();
    await vi.advanceTimersByTimeAsync(12_000);
    expect(f.versionCalls.h!.length).toBe(1);
    expect(versionsSeen).toEqual([`h 2 ${new Date(t0).toISOString()}`]);
    code = 0x4;
    newest = '2.1.29';
    await vi.advanceTimersByTimeAsync(5_000);
    expect(f.versionCalls.h!.length).toBe(1);
    code = 0;
    await vi.advanceTimersByTimeAsync(6_000);
    expect(f.versionCalls.h!.length).toBe(2);
    await m.stop();
  });

  it('reads the system status at its slower rate', async () => {
    const f = fakePoller(() => ok(downloading(1)));
    const m = new Monitor({ poller: f.poller, config: { jitterRatio: 0, systemEveryMs: 10_000 } });
    m.addHub('h');
    m.start();
    await vi.advanceTimersByTimeAsync(30_500);
    expect(f.calls.h!.length).toBe(31);
    expect(f.systemCalls.h!.map((t) => t - t0)).toEqual([0, 10000, 20000, 30000]);
    expect(m.get('h')!.system).toEqual(system);
    await m.stop();
  });

  it('stops polling on a wrong password until resumed, and marks it', async () => {
    let password = 'wrong';
    const f = fakePoller(() => (password === 'wrong' ? fail('AUTH_FAILED', 'bad password', 39) : idle));
    const m = new Monitor({ poller: f.poller, config: { jitterRatio: 0 } });
    m.addHub('h');
    m.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(f.calls.h!.length).toBe(1);
    expect(m.get('h')).toMatchObject({ blockedBy: 'AUTH_FAILED', offline: false });
    password = 'right';
    m.resume('h');
    await vi.advanceTimersByTimeAsync(0);
    expect(f.calls.h!.length).toBe(2);
    expect(m.get('h')).toMatchObject({ blockedBy: null, error: null, version: '2.1.27' });

    // Blocked again; this time a refresh that gets through lifts the block and polling goes on.
    password = 'wrong';
    await vi.advanceTimersByTimeAsync(5000);
    expect(m.get('h')!.blockedBy).toBe('AUTH_FAILED');
    const blockedCalls = f.calls.h!.length;
    password = 'right';
    await Promise.all([m.refresh('h'), vi.advanceTimersByTimeAsync(0)]);
    expect(m.get('h')!.blockedBy).toBeNull();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(f.calls.h!.length).toBe(blockedCalls + 3);
    await m.stop();
  });

  it('pauses and resumes one hub or all, and refresh polls at once and resolves when done', async () => {
    const f = fakePoller(() => idle, 50);
    const m = new Monitor({ poller: f.poller, config: { jitterRatio: 0 } });
    m.addHub('a');
    m.addHub('b');
    m.start();
    await vi.advanceTimersByTimeAsync(100);
    m.pause('a');
    expect(m.get('a')!.paused).toBe(true);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(f.calls.a!.length).toBe(1);
    expect(f.calls.b!.length).toBe(4); // 0, 5.05, 10.1, 15.15 s (next poll 5 s after the previous ended)
    const refreshed = m.refresh('a');
    let done = false;
    void refreshed.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(50);
    expect(done).toBe(true);
    expect(f.calls.a!.length).toBe(2);
    expect(m.get('a')!.paused).toBe(true);

    m.pause();
    const before = f.calls.b!.length;
    await vi.advanceTimersByTimeAsync(20_000);
    expect(f.calls.b!.length).toBe(before);
    expect(m.snapshot().every((h) => h.paused)).toBe(true);
    m.resume();
    await vi.advanceTimersByTimeAsync(100);
    expect(f.calls.b!.length).toBe(before + 1);
    expect(m.get('b')!.paused).toBe(false);
    expect(m.get('a')!.paused).toBe(true); // still paused on its own
    await m.stop();
  });

  it('respects the global cap and stretches idle polling for a large fleet', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const poller: HubPoller = {
      updateStatus: async () => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 20));
        inFlight -= 1;
        return idle;
      },
      systemStatus: async () => ok(system),
      allVersions: async () => ok(versions),
    };
    const m = new Monitor({
      poller,
      config: { jitterRatio: 0, concurrency: 8, maxRequestsPerSecond: 50, systemEveryMs: 3_600_000 },
    });
    for (let i = 0; i < 1000; i += 1) m.addHub(`h${i}`);
    m.start();
    let swept = false;
    void m.firstSweep().then(() => (swept = true));
    await vi.advanceTimersByTimeAsync(5000);
    expect(swept).toBe(true);
    expect(maxInFlight).toBe(8);
    expect(m.get('h999')!.intervalMs).toBe(20_000);
    await m.stop();
  });

  it('restores stored state and shows it stale until the hub answers', async () => {
    const f = fakePoller(() => 'hang');
    const m = new Monitor({ poller: f.poller, config: { jitterRatio: 0 } });
    m.addHub('h', {
      live: {
        hubId: 'h',
        state: null,
        progress: null,
        progressRaw: null,
        version: '2.1.26',
        osName: null,
        updateEnabled: null,
        online: null,
        history: null,
        info: null,
        system: null,
        lastSuccessAt: new Date(t0 - 3_600_000).toISOString(),
        lastAttemptAt: null,
        systemAt: null,
        stale: false,
        offline: false,
        consecutiveFailures: 0,
        error: null,
        paused: true,
        blockedBy: 'AUTH_FAILED',
        intervalMs: 5000,
        update: null,
      },
    });
    expect(m.get('h')).toMatchObject({ version: '2.1.26', stale: true, paused: false, blockedBy: null });
    void m.stop();
  });
});
