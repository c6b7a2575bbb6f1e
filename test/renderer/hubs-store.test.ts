import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { isReactive, watch, nextTick } from 'vue';
import { decodeState } from '../../electron/shared/update-state';
import { useHubsStore } from '../../renderer/src/stores/hubs';
import { FakeApi, installApi, removeApi } from './fake-api';
import { hub, live, site } from './fixtures';

let api: FakeApi;

beforeEach(() => {
  setActivePinia(createPinia());
  api = new FakeApi()
    .reply('inventory:list', { sites: [site('s1', 'Studio')], hubs: [hub('a'), hub('b')] })
    .reply('monitor:subscribe', { seq: 10, hubs: [live('a'), live('b')] });
  installApi(api);
});
afterEach(removeApi);

describe('useHubsStore', () => {
  it('loads the inventory, subscribes to the monitor and listens for changes', async () => {
    const store = useHubsStore();
    await store.start();
    expect(store.hubIds).toEqual(['a', 'b']);
    expect(store.sites.get('s1')?.name).toBe('Studio');
    expect(store.live.get('a')?.version).toBe('2.1.28');
    expect(store.seq).toBe(10);
    expect(api.listenerCount('monitor:changed')).toBe(1);
    expect(api.listenerCount('inventory:changed')).toBe(1);
    await store.start();
    expect(api.listenerCount('monitor:changed')).toBe(1);
  });

  it('applies a change in place: same object, only the changed field triggers', async () => {
    const store = useHubsStore();
    await store.start();
    const before = store.live.get('a');
    let versionRuns = 0;
    let progressRuns = 0;
    watch(
      () => store.live.get('a')?.version,
      () => versionRuns++,
    );
    watch(
      () => store.live.get('a')?.progress,
      () => progressRuns++,
    );
    api.emit('monitor:changed', {
      seq: 11,
      removed: [],
      changes: [
        {
          hubId: 'a',
          at: new Date().toISOString(),
          changes: { state: decodeState(0x4), progress: 37, version: '2.1.28' },
        },
      ],
    });
    await nextTick();
    expect(store.live.get('a')).toBe(before);
    expect(isReactive(store.live.get('a'))).toBe(true);
    expect(store.live.get('a')?.progress).toBe(37);
    expect(store.live.get('a')?.state?.names).toEqual(['downloading']);
    expect(progressRuns).toBe(1);
    expect(versionRuns).toBe(0);
    expect(store.live.get('b')?.progress).toBe(0);
    expect(store.seq).toBe(11);
  });

  it('keeps inventory entries raw (read 5,000 times per pass, never edited in place); replacing one still triggers', async () => {
    const store = useHubsStore();
    await store.start();
    expect(isReactive(store.hubs.get('a'))).toBe(false);
    let nameRuns = 0;
    watch(
      () => store.hubs.get('a')?.name,
      () => nameRuns++,
    );
    api.emit('inventory:changed', {
      upsertedSites: [],
      upsertedHubs: [hub('a', { name: 'Renamed' })],
      removedSiteIds: [],
      removedHubIds: [],
    });
    await nextTick();
    expect(nameRuns).toBe(1);
    expect(store.hubs.get('a')?.name).toBe('Renamed');
    expect(isReactive(store.hubs.get('a'))).toBe(false);
  });

  it('ignores events already folded into the snapshot', async () => {
    const store = useHubsStore();
    await store.start();
    api.emit('monitor:changed', { seq: 9, removed: [], changes: [{ hubId: 'a', at: '', changes: { progress: 99 } }] });
    expect(store.live.get('a')?.progress).toBe(0);
  });

  it('re-subscribes for a fresh snapshot when it sees a gap in seq', async () => {
    const store = useHubsStore();
    await store.start();
    api.reply('monitor:subscribe', { seq: 20, hubs: [live('a', { version: '2.1.29' }), live('b')] });
    api.emit('monitor:changed', { seq: 13, removed: [], changes: [{ hubId: 'a', at: '', changes: { progress: 50 } }] });
    await new Promise((r) => setTimeout(r, 0));
    expect(api.callsTo('monitor:subscribe')).toHaveLength(2);
    expect(store.seq).toBe(20);
    expect(store.live.get('a')?.version).toBe('2.1.29');
    expect(store.live.get('a')?.progress).toBe(0);
  });

  it('takes a fresh snapshot when a visit starts: hubs never read are not in the last one', async () => {
    const never = {
      siteId: 's1',
      visited: false,
      alwaysWatched: false,
      startedAt: null,
      endedAt: null,
      resumable: false,
    };
    api
      .reply('inventory:list', { sites: [site('s1', 'Studio')], hubs: [hub('a')], visits: [never] })
      .reply('monitor:subscribe', { seq: 3, hubs: [], visits: [never] });
    const store = useHubsStore();
    await store.start();
    expect(store.live.get('a')).toBeUndefined();
    const visiting = { ...never, visited: true, startedAt: '2026-12-07T01:00:00.000Z' };
    api.reply('monitor:subscribe', {
      seq: 4,
      hubs: [live('a', { version: null, lastSuccessAt: null })],
      visits: [visiting],
    });
    api.emit('visit:changed', { visits: [visiting] });
    await new Promise((r) => setTimeout(r, 0));
    expect(api.callsTo('monitor:subscribe')).toHaveLength(2);
    expect(store.live.get('a')?.lastSuccessAt).toBeNull();
    expect(store.seq).toBe(4);
    // Ending it, or hearing of it again, asks for nothing more.
    api.emit('visit:changed', { visits: [visiting] });
    api.emit('visit:changed', { visits: [never] });
    await new Promise((r) => setTimeout(r, 0));
    expect(api.callsTo('monitor:subscribe')).toHaveLength(2);
  });

  it('creates live state for a hub first seen in a change, and drops removed hubs', async () => {
    const store = useHubsStore();
    await store.start();
    api.emit('monitor:changed', {
      seq: 11,
      removed: ['b'],
      changes: [{ hubId: 'c', at: '', changes: { version: '1.0.0' } }],
    });
    expect(store.live.get('c')?.version).toBe('1.0.0');
    expect(store.live.get('c')?.offline).toBe(false);
    expect(store.live.get('b')).toBeUndefined();
  });

  it('follows inventory changes: new hubs appended in order, removed hubs gone with their live state', async () => {
    const store = useHubsStore();
    await store.start();
    api.emit('inventory:changed', {
      upsertedSites: [site('s2', 'Lab')],
      upsertedHubs: [hub('c'), hub('a', { name: 'Renamed' })],
      removedSiteIds: [],
      removedHubIds: ['b'],
    });
    expect(store.hubIds).toEqual(['a', 'c']);
    expect(store.hubs.get('a')?.name).toBe('Renamed');
    expect(store.live.get('b')).toBeUndefined();
    expect(store.siteList.map((s) => s.name)).toEqual(['Lab', 'Studio']);
  });

  it('reports a failed inventory load as an error, not an empty fleet', async () => {
    api.fail('inventory:list', { code: 'INTERNAL', message: 'store unreadable' });
    const store = useHubsStore();
    await store.start();
    expect(store.loaded).toBe(false);
    expect(store.error?.code).toBe('INTERNAL');
  });

  it('sends ids only for refresh, pause and resume', async () => {
    const store = useHubsStore();
    api.reply('monitor:refresh', { done: true }).reply('monitor:pause', { done: true });
    await store.refresh(['a']);
    await store.pause();
    expect(api.callsTo('monitor:refresh')).toEqual([{ hubIds: ['a'] }]);
    expect(api.callsTo('monitor:pause')).toEqual([{}]);
  });

  it('turns a transport that throws into an error result instead of a rejection', async () => {
    installApi({ invoke: () => Promise.reject(new Error('socket closed')), on: () => () => {} });
    const store = useHubsStore();
    const result = await store.refresh();
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    removeApi();
    expect(await store.refresh()).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });
});
