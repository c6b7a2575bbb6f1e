// Shared set-up for the monitor/tracking/store/report integration tests: real simulated hubs on
// loopback (random ports), the real SessionPool and Monitor, optionally the store recorder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startHub, type SimulatedHub } from '../simulator';
import type { HubOptions, Timing } from '../simulator/types';
import { Monitor } from '../../electron/core/monitor/monitor';
import { SessionPool } from '../../electron/core/sessions/session-pool';
import { fixedCredentials } from '../../electron/core/sessions/credential-provider';
import { HubStore } from '../../electron/core/store/hub-store';
import { StoreRecorder } from '../../electron/core/store/recorder';
import type { HubChange, MonitorConfig } from '../../electron/shared/monitor';
import type { TimelineEvent } from '../../electron/shared/timeline';

/** Short phases so a whole update runs in a few seconds. */
export const FAST_TIMING: Partial<Timing> = {
  leadMs: 300,
  checkMs: 200,
  downloadMs: 1200,
  verifyMs: 300,
  uploadMs: 600,
  cancelMs: 200,
  restartNoticeMs: 300,
  restartMs: 1200,
};

export const FAST_MONITOR: Partial<MonitorConfig> = {
  busyMs: 150,
  idleMs: 250,
  backoffBaseMs: 150,
  backoffMaxMs: 1000,
  restartProbeMs: 150,
  offlineAfterFailures: 3,
  systemEveryMs: 1000,
  // Exact intervals: the tests compare gaps between requests.
  jitterRatio: 0,
};

export interface Harness {
  hubs: SimulatedHub[];
  pool: SessionPool;
  monitor: Monitor;
  store: HubStore | null;
  recorder: StoreRecorder | null;
  dataDir: string | null;
  changes: HubChange[];
  events: Map<string, TimelineEvent[]>;
  eventTypes(hubId: string): string[];
  close(): Promise<void>;
}

export async function startHarness(options: {
  hubs: Array<HubOptions & { id: string }>;
  monitor?: Partial<MonitorConfig>;
  password?: string;
  record?: boolean;
}): Promise<Harness> {
  const hubs = await Promise.all(
    options.hubs.map(({ id: _id, timing, ...o }) => startHub({ port: 0, ...o, timing: { ...FAST_TIMING, ...timing } })),
  );
  const pool = new SessionPool({
    credentials: fixedCredentials('Admin', options.password ?? 'Admin'),
    timeoutMs: 2000,
  });
  const monitor = new Monitor({ poller: pool, config: { ...FAST_MONITOR, ...options.monitor } });
  options.hubs.forEach((h, i) => {
    const hub = hubs[i]!;
    pool.register({
      hubId: h.id,
      endpoint: { scheme: 'http', host: hub.host, port: hub.port },
      pin: null,
      siteId: 'site-1',
      defaultUser: null,
      name: h.id,
    });
    monitor.addHub(h.id);
  });
  let store: HubStore | null = null;
  let recorder: StoreRecorder | null = null;
  let dataDir: string | null = null;
  if (options.record) {
    dataDir = await mkdtemp(path.join(tmpdir(), 'hk-harness-'));
    const opened = await HubStore.open(dataDir);
    if (!opened.ok) throw new Error(opened.error.message);
    store = opened.value;
    recorder = new StoreRecorder(store, monitor, { flushMs: 200 });
    recorder.start();
  }
  const changes: HubChange[] = [];
  const events = new Map<string, TimelineEvent[]>();
  monitor.subscribe({
    change: (c) => changes.push(c),
    events: (hubId, e) => events.set(hubId, [...(events.get(hubId) ?? []), ...e]),
  });
  return {
    hubs,
    pool,
    monitor,
    store,
    recorder,
    dataDir,
    changes,
    events,
    eventTypes: (hubId) => (events.get(hubId) ?? []).map((e) => e.type),
    async close() {
      await monitor.stop();
      await recorder?.stop();
      await pool.closeAll();
      await Promise.all(hubs.map((h) => h.stop()));
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Poll a condition every 25 ms until it holds or `timeoutMs` passes (then throw with `what`). */
/** Waits for `condition`; `what` names it in the error (a function: read when the wait fails). */
export async function waitFor(
  condition: () => boolean,
  timeoutMs: number,
  what: string | (() => string),
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
