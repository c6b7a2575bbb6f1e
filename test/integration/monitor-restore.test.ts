import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startHub, type SimulatedHub } from '../simulator';
import { FAST_MONITOR, FAST_TIMING, waitFor } from './monitor-harness';
import { liveStateOf, openTestBackend } from './backend-harness';
import type { Backend } from '../../electron/core/app/backend';
import { fixedCredentials } from '../../electron/core/sessions/credential-provider';
import { HubStore } from '../../electron/core/store/hub-store';
import { readTimeline } from '../../electron/core/store/timeline';
import type { SessionTarget } from '../../electron/core/sessions/session-target';

/**
 * The store between runs: a monitoring run that stops in the middle of an update leaves the
 * last-known status (shown stale, with its age, without any network) and the open update; the
 * next run follows the same update to its outcome instead of starting a new one. Each run is the
 * backend as `hubkeeper watch` opens it: a fixed hub, the password typed for the run.
 */
let dir: string;
let hub: SimulatedHub | null = null;
let running: Backend | null = null;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hk-restore-'));
});
afterEach(async () => {
  await running?.stop();
  running = null;
  await hub?.stop();
  hub = null;
  await rm(dir, { recursive: true, force: true });
});

async function open(target: SessionTarget, password = 'Admin'): Promise<Backend> {
  const { backend } = await openTestBackend(dir, {
    fixedHubs: [target],
    credentials: fixedCredentials('Admin', password),
    monitorConfig: FAST_MONITOR,
    requestTimeoutMs: 2000,
    startMonitor: false,
  });
  running = backend;
  return backend;
}

describe('monitoring across runs', () => {
  it('restores the last-known status stale, and follows an open update to its outcome in the next run', async () => {
    hub = await startHub({
      host: '127.0.64.2',
      port: 0,
      scenario: 'full-update',
      timing: { ...FAST_TIMING, downloadMs: 2500 },
    });
    const target: SessionTarget = {
      hubId: 'hub-r',
      endpoint: { scheme: 'http', host: hub.host, port: hub.port },
      pin: null,
      siteId: null,
      defaultUser: null,
      name: 'R',
    };

    const first = await open(target);
    first.startMonitor();
    await waitFor(() => (liveStateOf(first, 'hub-r')?.progress ?? 0) > 10, 10_000, 'the download to be under way');
    await first.stop();
    running = null;

    // Offline review: a monitor that never polls (wrong password → blocked) still shows the stored figures.
    const review = await open(target, 'wrong');
    const restored = liveStateOf(review, 'hub-r')!;
    expect(restored.version).toBe('2.1.27');
    expect(restored.state?.names).toEqual(['downloading']);
    expect(restored.lastSuccessAt).not.toBeNull();
    expect(restored.update).toMatchObject({ outcome: 'in-progress', from: '2.1.27' });
    await review.stop();
    running = null;

    const second = await open(target);
    second.startMonitor();
    await waitFor(() => liveStateOf(second, 'hub-r')?.update?.outcome === 'verified', 20_000, 'the verified outcome');
    await second.stop();
    running = null;

    const opened = await HubStore.open(dir);
    if (!opened.ok) throw new Error(opened.error.message);
    const store = opened.value;
    const timeline = await readTimeline(store, 'hub-r', hub.url);
    expect(timeline.ok).toBe(true);
    if (!timeline.ok) return;
    const opening = timeline.value.events.filter((e) => e.type === 'download-started' || e.type === 'update-observed');
    expect(opening).toHaveLength(1);
    expect(timeline.value.updates).toEqual([
      expect.objectContaining({ from: '2.1.27', to: '2.1.28', outcome: 'verified' }),
    ]);
  }, 40_000);
});
