import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, waitFor, type Harness } from './monitor-harness';
import { readTimeline } from '../../electron/core/store/timeline';

/**
 * Verified update tracking end to end: a simulated hub runs a scripted update through its real
 * restart (the port refuses connections, sessions are forgotten) while the real monitor polls it
 * and the recorder writes the timeline to the store.
 */
let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const finished = (h: Harness, id: string) => () => h.eventTypes(id).includes('update-finished');

describe('update tracking against the simulator', () => {
  it('a full update through the restart ends verified on the new version, and the hub is logged in again', async () => {
    harness = await startHarness({ hubs: [{ id: 'hub-a', scenario: 'full-update' }], record: true });
    const h = harness;
    h.monitor.start();
    await waitFor(finished(h, 'hub-a'), 15_000, 'the update to finish');
    const types = h.eventTypes('hub-a');
    expect(types[0]).toBe('download-started');
    expect(types).toContain('progress');
    expect(types).toContain('verifying');
    expect(types).toContain('restarting');
    expect(types).toContain('hub-offline');
    expect(types.slice(-3)).toEqual(['hub-back', 'version-changed', 'update-finished']);
    const last = h.events.get('hub-a')!.at(-1)!;
    expect(last).toMatchObject({ type: 'update-finished', outcome: 'verified', reason: 'new-version', to: '2.1.28' });
    expect(h.monitor.get('hub-a')).toMatchObject({
      version: '2.1.28',
      update: { from: '2.1.27', to: '2.1.28', outcome: 'verified' },
    });
    // The system panel follows at once: it shows the new hub version, not the one from before the restart.
    await waitFor(
      () => h.monitor.get('hub-a')?.system?.cloudVersion === '2.1.28',
      3_000,
      'system status after the restart',
    );

    // Re-login after the restart: the hub forgot its sessions, the client logged in again once.
    const logins = h.hubs[0]!.requests.filter((r) => r.path === '/api/login').map((r) => r.at);
    expect(logins.length).toBe(2);

    // The timeline is on disk, with the documented shape.
    await h.recorder!.flush();
    const timeline = await readTimeline(h.store!, 'hub-a', h.hubs[0]!.url);
    expect(timeline.ok).toBe(true);
    if (!timeline.ok) return;
    expect(timeline.value.events.map((e) => e.type)).toEqual(types);
    expect(timeline.value.updates).toEqual([
      {
        from: '2.1.27',
        to: '2.1.28',
        outcome: 'verified',
        startedAt: timeline.value.events[0]!.at,
        endedAt: last.at,
        updateResult: null,
      },
    ]);
    const stored = await h.store!.readStatus('hub-a');
    expect(stored.ok && stored.value?.live).toMatchObject({ version: '2.1.28', update: { outcome: 'verified' } });
  }, 25_000);

  it('a failing update ends failed with the hub update-result', async () => {
    harness = await startHarness({ hubs: [{ id: 'hub-f', scenario: 'update-fails' }] });
    const h = harness;
    h.monitor.start();
    await waitFor(finished(h, 'hub-f'), 15_000, 'the update to fail');
    expect(h.events.get('hub-f')!.at(-1)).toMatchObject({
      outcome: 'failed',
      reason: 'update-failed',
      updateResult: 11,
      to: null,
    });
    expect(h.eventTypes('hub-f')).not.toContain('restarting');
    expect(h.monitor.get('hub-f')!.state?.names).toEqual(['failed']);
  }, 25_000);

  it('a hub that comes back on the old version ends unverified', async () => {
    harness = await startHarness({ hubs: [{ id: 'hub-o', scenario: 'back-on-old-version' }] });
    const h = harness;
    h.monitor.start();
    await waitFor(finished(h, 'hub-o'), 15_000, 'the update to end');
    expect(h.eventTypes('hub-o')).toContain('hub-offline');
    expect(h.eventTypes('hub-o')).not.toContain('version-changed');
    expect(h.events.get('hub-o')!.at(-1)).toMatchObject({
      outcome: 'unverified',
      reason: 'same-version',
      to: '2.1.27',
    });
  }, 25_000);

  it('a hub that does not come back in time ends unverified', async () => {
    harness = await startHarness({
      hubs: [{ id: 'hub-n', scenario: 'full-update', timing: { restartMs: 60_000 } }],
      monitor: { backTimeoutMs: 1500 },
    });
    const h = harness;
    h.monitor.start();
    await waitFor(finished(h, 'hub-n'), 15_000, 'the update to time out');
    expect(h.events.get('hub-n')!.at(-1)).toMatchObject({ outcome: 'unverified', reason: 'not-back', to: null });
    expect(h.monitor.get('hub-n')!.offline).toBe(true);
  }, 25_000);
});
