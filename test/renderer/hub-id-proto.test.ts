import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { isReactive } from 'vue';
import { useHubsStore } from '../../renderer/src/stores/hubs';
import { FakeApi, installApi, removeApi } from './fake-api';
import { hub, live, site } from './fixtures';

/** Ids that are Object.prototype member names are ids like any other in the window's hub store. */
let api: FakeApi;
beforeEach(() => {
  setActivePinia(createPinia());
  api = new FakeApi()
    .reply('inventory:list', { sites: [site('s1', 'Studio')], hubs: [hub('a')] })
    .reply('monitor:subscribe', { seq: 1, hubs: [live('a')] });
  installApi(api);
});
afterEach(removeApi);

describe('hub ids such as __proto__, constructor or toString in the window', () => {
  it('are added, shown, updated and removed like any other', async () => {
    const store = useHubsStore();
    await store.start();
    api.emit('inventory:changed', {
      upsertedSites: [site('constructor', 'Proto site')],
      upsertedHubs: [
        hub('constructor', { siteId: 'constructor' }),
        hub('toString'),
        hub('__proto__'),
        hub('hasOwnProperty'),
      ],
      removedSiteIds: [],
      removedHubIds: [],
    });
    expect(store.hubIds).toEqual(['a', 'constructor', 'toString', '__proto__', 'hasOwnProperty']);
    expect(store.hubs.get('constructor')?.id).toBe('constructor');
    expect(store.hubs.get('__proto__')?.id).toBe('__proto__');
    expect(store.sites.get('constructor')?.name).toBe('Proto site');
    expect(store.live.get('toString')).toBeUndefined();
    expect(store.live.get('__proto__')).toBeUndefined();
    api.emit('monitor:changed', {
      seq: 2,
      changes: [
        { hubId: 'toString', at: '2026-01-01T00:00:00.000Z', changes: { version: '9.9.9' } },
        { hubId: '__proto__', at: '2026-01-01T00:00:00.000Z', changes: { version: '8.8.8' } },
      ],
      removed: [],
    });
    expect(store.live.get('toString')?.version).toBe('9.9.9');
    expect(store.live.get('__proto__')?.version).toBe('8.8.8');
    expect(isReactive(store.live.get('__proto__'))).toBe(true);
    api.emit('inventory:changed', {
      upsertedSites: [],
      upsertedHubs: [],
      removedSiteIds: [],
      removedHubIds: ['constructor', 'toString', '__proto__'],
    });
    expect(store.hubIds).toEqual(['a', 'hasOwnProperty']);
    expect([...store.hubs.keys()]).toEqual(['a', 'hasOwnProperty']);
    expect([...store.live.keys()]).toEqual(['a']);
  });
});
