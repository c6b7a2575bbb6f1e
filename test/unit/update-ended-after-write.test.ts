import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { monitorPort } from '../../electron/core/app/monitor-port';
import type { Monitor, MonitorListener } from '../../electron/core/monitor/monitor';
import { HubStore } from '../../electron/core/store/hub-store';
import { StoreRecorder, type RecordedSource } from '../../electron/core/store/recorder';
import { readTimeline } from '../../electron/core/store/timeline';
import { initialTrackerState } from '../../electron/core/tracking/types';
import type { HubLiveState } from '../../electron/shared/monitor';
import type { TimelineEvent, UpdateRecord } from '../../electron/shared/timeline';
import { live } from './tracking-fixtures';

// "An update ended" announces a stored fact. With a store whose writes take as long as the test
// says (a slow disk, a busy machine), the announcement must wait for them: whoever reacts to
// it by reading the timeline or the last-known status finds the outcome there, every time.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hk-ended-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A monitor as far as the recorder and the port use it, with any number of listeners. */
function fakeMonitor() {
  const states = new Map<string, HubLiveState>();
  const listeners = new Set<MonitorListener>();
  const source: RecordedSource & Pick<Monitor, 'subscribe' | 'get'> = {
    subscribe: (l: MonitorListener) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    get: (id: string) => structuredClone(states.get(id) ?? null),
    trackerState: (id: string) => (states.has(id) ? initialTrackerState() : null),
  };
  const publish = (hubId: string, events: TimelineEvent[]) => {
    for (const l of listeners) l.events?.(hubId, events);
  };
  return { source, states, publish };
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const FINISHED: TimelineEvent = {
  at: '2024-01-02T10:05:00.000Z',
  type: 'update-finished',
  outcome: 'verified',
  reason: 'new-version',
  to: '2.1.28',
  updateResult: null,
};
const VERIFIED: UpdateRecord = {
  from: '2.1.27',
  to: '2.1.28',
  outcome: 'verified',
  startedAt: '2024-01-02T10:00:00.000Z',
  endedAt: FINISHED.at,
  updateResult: null,
};

describe('tracking:updateEnded waits for the durable write', () => {
  it('announces an outcome only once the timeline and the status are on disk', async () => {
    const opened = await HubStore.open(dir);
    if (!opened.ok) throw new Error(opened.error.message);
    const store = opened.value;
    // The slow store: appends and status writes wait until the test opens the gate.
    const slow = gate();
    const append = store.appendEvents.bind(store);
    const writeStatus = store.writeStatus.bind(store);
    vi.spyOn(store, 'appendEvents').mockImplementation(async (...a) => (await slow.opened, append(...a)));
    vi.spyOn(store, 'writeStatus').mockImplementation(async (...a) => (await slow.opened, writeStatus(...a)));

    const { source, states, publish } = fakeMonitor();
    const recorder = new StoreRecorder(store, source, { flushMs: 60_000 });
    const port = monitorPort(source as unknown as Monitor, recorder);
    const seenOnDisk: { timeline: string[]; status: string | null }[] = [];
    const announced: UpdateRecord[] = [];
    const reading: Promise<void>[] = [];
    // The way the backend wires it: the dispatcher subscribes first, the recorder starts after.
    port.onUpdateEnded((hubId, record) => {
      announced.push(record);
      // A renderer reacting to the event reads what is stored at that moment.
      reading.push(
        (async () => {
          const timeline = await readTimeline(store, hubId, 'http://127.0.0.2/');
          const status = await store.readStatus(hubId);
          seenOnDisk.push({
            timeline: timeline.ok ? timeline.value.events.map((e) => e.type) : [],
            status: status.ok ? (status.value?.live.update?.outcome ?? null) : null,
          });
        })(),
      );
    });
    recorder.start();

    states.set('h', live('h', { version: '2.1.28', update: VERIFIED }));
    publish('h', [FINISHED]);
    // The next poll already shows a new update starting before the disk catches up.
    states.set('h', live('h', { update: { ...VERIFIED, outcome: 'in-progress', endedAt: null } }));
    await new Promise((r) => setTimeout(r, 50));
    expect(announced).toEqual([]); // nothing is on disk yet, so nothing is announced

    slow.open();
    await vi.waitFor(() => expect(announced).toHaveLength(1), { timeout: 10_000 });
    await Promise.all(reading);
    expect(announced[0]).toEqual(VERIFIED); // the state the events described, not a later one
    expect(seenOnDisk).toEqual([{ timeline: ['update-finished'], status: 'verified' }]);
    await recorder.stop();
  });

  it('announces a recorded outcome even when its write failed (reported through onError)', async () => {
    const opened = await HubStore.open(dir);
    if (!opened.ok) throw new Error(opened.error.message);
    const store = opened.value;
    vi.spyOn(store, 'appendEvents').mockResolvedValue({
      ok: false,
      error: { code: 'UNAVAILABLE', hubCode: null, message: 'disk full' },
    });
    const { source, states, publish } = fakeMonitor();
    const errors: string[] = [];
    const recorder = new StoreRecorder(store, source, { flushMs: 60_000, onError: (e) => errors.push(e.message) });
    const announced: string[] = [];
    monitorPort(source as unknown as Monitor, recorder).onUpdateEnded((hubId) => announced.push(hubId));
    recorder.start();
    states.set('h', live('h', { update: VERIFIED }));
    publish('h', [FINISHED]);
    await vi.waitFor(() => expect(announced).toEqual(['h']), { timeout: 10_000 });
    expect(errors).toContain('disk full');
    await recorder.stop();
  });
});
