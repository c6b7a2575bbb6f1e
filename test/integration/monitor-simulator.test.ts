import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, waitFor, type Harness } from './monitor-harness';

/** The monitor against real simulated hubs: freshness marking, backoff, sessions, rates. */
let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe('monitor against the simulator', () => {
  it('marks a hub stale while its requests hang, offline after repeated failures, backs off, and recovers', async () => {
    harness = await startHarness({ hubs: [{ id: 'h', scenario: 'idle' }] });
    const h = harness;
    const hub = h.hubs[0]!;
    h.monitor.start();
    await waitFor(() => h.monitor.get('h')!.lastSuccessAt !== null, 5000, 'a first success');
    expect(h.monitor.get('h')).toMatchObject({ stale: false, offline: false, version: '2.1.28', intervalMs: 250 });

    // A hanging hub: the request is bounded by the client timeout (2 s), but the figures must stop
    // looking live after 2 × 250 ms.
    hub.injectFault({ kind: 'hang' });
    const hangStart = Date.now();
    await waitFor(() => h.monitor.get('h')!.stale, 3000, 'stale marking');
    expect(Date.now() - hangStart).toBeLessThan(1500);
    expect(h.monitor.get('h')!.offline).toBe(false);

    // Connections reset: failures pile up, the hub is marked offline, retries back off.
    hub.injectFault({ kind: 'reset' });
    await waitFor(() => h.monitor.get('h')!.offline, 15_000, 'offline marking');
    expect(h.eventTypes('h')).toEqual(['hub-offline']);
    await waitFor(() => h.monitor.get('h')!.consecutiveFailures >= 6, 15_000, 'six failures');
    const failing = h.changes
      .filter(
        (c) => c.hubId === 'h' && c.changes.consecutiveFailures !== undefined && c.changes.consecutiveFailures >= 2,
      )
      .map((c) => Date.parse(c.changes.lastAttemptAt!));
    const gaps = failing.slice(1).map((t, i) => t - failing[i]!);
    expect(gaps.length).toBeGreaterThanOrEqual(3);
    // 150 → 300 → 600 → 1000 ms (capped): each retry waits at least as long as the one before.
    for (let i = 1; i < gaps.length; i += 1) expect(gaps[i]!).toBeGreaterThanOrEqual(gaps[i - 1]! - 100); // timers may run late on a busy machine
    expect(gaps.at(-1)!).toBeGreaterThanOrEqual(2 * gaps[0]!);

    hub.injectFault(null);
    await waitFor(() => !h.monitor.get('h')!.offline, 5000, 'recovery');
    expect(h.monitor.get('h')).toMatchObject({ stale: false, offline: false, consecutiveFailures: 0, error: null });
    expect(h.eventTypes('h')).toEqual(['hub-offline', 'hub-back']);
  }, 40_000);

  it('logs in again when the hub forgets the session, reads system status at its slower rate', async () => {
    harness = await startHarness({
      hubs: [{ id: 'h', scenario: 'idle', sessionIdleMs: 400 }],
      monitor: { idleMs: 600, systemEveryMs: 1500 },
    });
    const h = harness;
    h.monitor.start();
    const reqs = h.hubs[0]!.requests;
    const count = (path: string) => reqs.filter((r) => r.path === path && !r.query.start).length;
    // Enough polls to judge, however slowly a busy machine runs the timers (no fixed sleep).
    await waitFor(
      () => count('/api/update/status') >= 4 && count('/api/system/status') >= 2 && count('/api/login') >= 3,
      15_000,
      'four status reads, two system reads and three logins',
    );
    const statusReads = count('/api/update/status');
    const systemReads = count('/api/system/status');
    const logins = count('/api/login');
    expect(statusReads).toBeGreaterThanOrEqual(4);
    expect(systemReads).toBeGreaterThanOrEqual(2);
    expect(systemReads).toBeLessThan(statusReads);
    // Sessions expire after 400 ms idle and polls come every ~600 ms: a re-login for most polls, never a loop.
    expect(logins).toBeGreaterThanOrEqual(3);
    expect(logins).toBeLessThanOrEqual(statusReads + systemReads + 2);
    expect(h.monitor.get('h')).toMatchObject({ error: null, blockedBy: null, version: '2.1.28' });
    expect(h.monitor.get('h')!.system?.cloudVersion).toBe('2.1.28');
  }, 20_000);

  it('stops polling a hub whose password is wrong and polls again after resume', async () => {
    harness = await startHarness({ hubs: [{ id: 'h', scenario: 'idle' }], password: 'wrong' });
    const h = harness;
    h.monitor.start();
    await waitFor(() => h.monitor.get('h')!.blockedBy !== null, 5000, 'the block');
    await new Promise((r) => setTimeout(r, 1000));
    expect(h.hubs[0]!.requests.filter((r) => r.path === '/api/login').length).toBe(1);
    expect(h.monitor.get('h')).toMatchObject({ blockedBy: 'AUTH_FAILED', offline: false });
    const login = await h.pool.login('h', { user: 'Admin', password: 'Admin' });
    expect(login.ok).toBe(true);
    h.monitor.resume('h');
    await waitFor(() => h.monitor.get('h')!.version !== null, 5000, 'a success after resume');
    expect(h.monitor.get('h')).toMatchObject({ blockedBy: null, error: null });
  }, 20_000);

  it('polls a downloading hub fast and sends small diffs', async () => {
    harness = await startHarness({
      hubs: [
        { id: 'd', scenario: 'downloading' },
        { id: 'i', scenario: 'idle' },
      ],
    });
    const h = harness;
    h.monitor.start();
    const changesOf = (id: string) => h.changes.filter((c) => c.hubId === id).length;
    await waitFor(() => changesOf('d') >= 4 && changesOf('d') > changesOf('i'), 15_000, 'the busy hub changing');
    const d = changesOf('d');
    const i = changesOf('i');
    expect(d).toBeGreaterThan(i);
    // After the first full change, a downloading hub's changes carry progress and times, not the whole status.
    const later = h.changes.filter((c) => c.hubId === 'd').slice(2);
    const small = [
      'lastAttemptAt',
      'lastSuccessAt',
      'progress',
      'progressRaw',
      'system',
      'systemAt',
      'update',
      'intervalMs',
    ];
    for (const c of later)
      expect(
        Object.keys(c.changes).filter((k) => !small.includes(k)),
        JSON.stringify(c),
      ).toEqual([]);
    expect(h.monitor.get('d')!.intervalMs).toBe(150);
  }, 20_000);
});
