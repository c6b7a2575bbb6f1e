import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
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

/** A lookup by a key held in a variable (TypeScript types `record.constructor` as Function). */
function entry<T>(record: Record<string, T>, key: string): T | undefined {
  return record[key];
}

describe('hub ids such as constructor or toString in the window', () => {
  it('are added, shown, updated and removed like any other', async () => {
    const store = useHubsStore();
    await store.start();
    api.emit('inventory:changed', {
      upsertedSites: [site('constructor', 'Proto site')],
      upsertedHubs: [hub('constructor', { siteId: 'constructor' }), hub('toString'), hub('hasOwnProperty')],
      removedSiteIds: [],
      removedHubIds: [],
    });
    expect(store.hubIds).toEqual(['a', 'constructor', 'toString', 'hasOwnProperty']);
    expect(entry(store.hubs, 'constructor')?.id).toBe('constructor');
    expect(entry(store.sites, 'constructor')?.name).toBe('Proto site');
    expect(entry(store.live, 'toString')).toBeUndefined();
    api.emit('monitor:changed', {
      seq: 2,
      changes: [{ hubId: 'toString', at: '2026-01-01T00:00:00.000Z', changes: { version: '9.9.9' } }],
      removed: [],
    });
    expect(entry(store.live, 'toString')?.version).toBe('9.9.9');
    api.emit('inventory:changed', {
      upsertedSites: [],
      upsertedHubs: [],
      removedSiteIds: [],
      removedHubIds: ['constructor', 'toString'],
    });
    expect(store.hubIds).toEqual(['a', 'hasOwnProperty']);
    expect(Object.keys(store.hubs)).toEqual(['a', 'hasOwnProperty']);
  });
});
