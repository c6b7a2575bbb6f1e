import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HubStore } from '../../electron/core/store/hub-store';
import { StoreRecorder, type RecordedSource } from '../../electron/core/store/recorder';
import { initialTrackerState } from '../../electron/core/tracking/types';
import type { HubLiveState } from '../../electron/shared/monitor';
import type { TimelineEvent } from '../../electron/shared/timeline';
import { live } from './tracking-fixtures';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hk-recorder-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Listener = Parameters<RecordedSource['subscribe']>[0];

function fakeSource() {
  const states = new Map<string, HubLiveState>();
  let listener: Listener = {};
  const source: RecordedSource = {
    subscribe: (l) => {
      listener = l;
      return () => (listener = {});
    },
    get: (id) => states.get(id) ?? null,
    trackerState: (id) => (states.has(id) ? initialTrackerState() : null),
  };
  return { source, states, emit: () => listener };
}

describe('StoreRecorder', () => {
  it('appends events at once, writes changed statuses at most every flushMs, and flushes on an outcome', async () => {
    const opened = await HubStore.open(dir);
    if (!opened.ok) throw new Error(opened.error.message);
    const store = opened.value;
    const writes = vi.spyOn(store, 'writeStatus');
    const { source, states, emit } = fakeSource();
    const recorder = new StoreRecorder(store, source, { flushMs: 200 });
    recorder.start();

    states.set('h', live('h', { progress: 1 }));
    for (let p = 1; p <= 10; p += 1) {
      states.set('h', live('h', { progress: p }));
      emit().change?.({ hubId: 'h' });
    }
    expect(writes).not.toHaveBeenCalled();
    // Wait for the timer's write to land (a busy machine runs timers late), then check it was one.
    await vi.waitFor(
      async () => {
        const saved = await store.readStatus('h');
        expect(saved.ok && saved.value?.live.progress).toBe(10);
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(writes).toHaveBeenCalledTimes(1);

    const finished: TimelineEvent = {
      at: '2024-01-01T00:00:00.000Z',
      type: 'update-finished',
      outcome: 'verified',
      reason: 'new-version',
      to: '2.1.28',
      updateResult: null,
    };
    states.set('h', live('h', { version: '2.1.28' }));
    emit().events?.('h', [finished]);
    emit().versions?.(
      'h',
      { start: 0, total: 1, entries: [{ version: '2.1.28', digest: null, preRelease: null, releasedAt: null }] },
      '2024-01-01T00:00:00.000Z',
    );
    await recorder.flush();
    expect(writes).toHaveBeenCalledTimes(2);
    expect((await store.readEvents('h')).ok && (await store.readEvents('h'))).toMatchObject({
      value: { events: [finished] },
    });
    const versions = await store.readVersions('h');
    expect(versions.ok && versions.value?.entries.map((e) => e.version)).toEqual(['2.1.28']);

    await recorder.stop();
    emit().change?.({ hubId: 'h' }); // unsubscribed: ignored
    await new Promise((r) => setTimeout(r, 250));
    expect(writes).toHaveBeenCalledTimes(2);
  });
});
