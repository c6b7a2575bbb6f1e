import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { nextTick, type Component } from 'vue';
import type { SiteVisit } from '../../electron/shared/contract';
import FleetRow from '../../renderer/src/components/FleetRow.vue';
import HubDetailView from '../../renderer/src/views/HubDetailView.vue';
import VisitControl from '../../renderer/src/components/VisitControl.vue';
import { i18n } from '../../renderer/src/i18n';
import { useFleetViewStore } from '../../renderer/src/stores/fleet-view';
import { useHubsStore } from '../../renderer/src/stores/hubs';
import { useVisitsStore } from '../../renderer/src/stores/visits';
import { FakeApi, installApi, removeApi } from './fake-api';
import { hub, live, site } from './fixtures';

/**
 * `__proto__` is a key Vue never tracks on a reactive object (and a plain object turns writing it
 * into a prototype change): a hub or site with that id must still show, update live and go away
 * like any other. These tests go through rendered components and store getters only, so they say
 * nothing about how the stores keep their lookups.
 */
const PROTO = '__proto__';
let api: FakeApi;
let pinia: Pinia;

beforeEach(() => {
  pinia = createPinia();
  setActivePinia(pinia);
  i18n.global.locale.value = 'en';
  api = new FakeApi()
    .reply('inventory:list', {
      sites: [site(PROTO, 'Proto site'), site('s1', 'Studio')],
      hubs: [hub(PROTO, { name: 'Proto hub', siteId: PROTO }), hub('a')],
    })
    .reply('monitor:subscribe', { seq: 1, hubs: [live(PROTO, { version: '1.0.0' }), live('a')] });
  installApi(api);
});
afterEach(removeApi);

function mountReal(component: Component, props: Record<string, unknown>) {
  return mount(component, { props, global: { plugins: [pinia, i18n] } });
}

function visit(siteId: string, overrides: Partial<SiteVisit> = {}): SiteVisit {
  return {
    siteId,
    visited: false,
    alwaysWatched: false,
    startedAt: '2026-03-02T08:00:00.000Z',
    endedAt: '2026-03-02T17:00:00.000Z',
    resumable: false,
    ...overrides,
  };
}

describe('a hub whose id is __proto__ in the window', () => {
  it('appears when the inventory loads, follows monitor:changed diffs and renames, and goes away', async () => {
    const row = mountReal(FleetRow, { hubId: PROTO, active: false, showSite: true });
    expect(row.find('[data-test="fleet-row"]').exists()).toBe(false);
    await useHubsStore().start();
    await flushPromises();
    expect(row.get('[data-test="fleet-row"]').text()).toContain('Proto hub');
    expect(row.text()).toContain('Proto site');
    expect(row.get('[data-test="version-cell"]').text()).toContain('1.0.0');

    api.emit('monitor:changed', {
      seq: 2,
      changes: [{ hubId: PROTO, at: '2026-01-01T00:00:00.000Z', changes: { version: '9.9.9' } }],
      removed: [],
    });
    await nextTick();
    expect(row.get('[data-test="version-cell"]').text()).toContain('9.9.9');

    api.emit('inventory:changed', {
      upsertedSites: [site(PROTO, 'Renamed site')],
      upsertedHubs: [hub(PROTO, { name: 'Renamed hub', siteId: PROTO })],
      removedSiteIds: [],
      removedHubIds: [],
    });
    await nextTick();
    expect(row.text()).toContain('Renamed hub');
    expect(row.text()).toContain('Renamed site');

    api.emit('inventory:changed', { upsertedSites: [], upsertedHubs: [], removedSiteIds: [], removedHubIds: [PROTO] });
    await nextTick();
    expect(row.find('[data-test="fleet-row"]').exists()).toBe(false);
    expect(useHubsStore().hubIds).toEqual(['a']);
  });

  it('has its own detail page, which follows its changes', async () => {
    api.reply('history:page', { page: { start: 0, total: 0, entries: [] }, fromCache: false } as never);
    api.reply('timeline:get', { hubId: PROTO, hub: PROTO, events: [], updates: [] } as never);
    await useHubsStore().start();
    const page = mountReal(HubDetailView, { hubId: PROTO });
    await flushPromises();
    expect(page.get('[data-test="hub-name"]').text()).toBe('Proto hub');
    expect(page.text()).toContain('1.0.0');
    api.emit('monitor:changed', {
      seq: 2,
      changes: [{ hubId: PROTO, at: '2026-01-01T00:00:00.000Z', changes: { version: '9.9.9' } }],
      removed: [],
    });
    await nextTick();
    expect(page.text()).toContain('9.9.9');
    expect(page.text()).not.toContain('1.0.0');
    expect(api.callsTo('history:page')).toMatchObject([{ hubId: PROTO }]);
  });

  it('counts in the fleet summary and the site filter, and its changes re-count', async () => {
    const store = useHubsStore();
    await store.start();
    const fleet = useFleetViewStore();
    expect(fleet.summary).toMatchObject({ total: 2, offline: 0 });
    fleet.siteId = PROTO;
    expect(fleet.visibleIds).toEqual([PROTO]);
    fleet.siteId = '';
    api.emit('monitor:changed', {
      seq: 2,
      changes: [{ hubId: PROTO, at: '2026-01-01T00:00:00.000Z', changes: { offline: true, stale: true } }],
      removed: [],
    });
    expect(fleet.summary).toMatchObject({ total: 2, offline: 1 });
    expect(fleet.installedVersions).toEqual(['2.1.28', '1.0.0']);
  });
});

describe('a site whose id is __proto__ in the window', () => {
  it('has its own visit, shown and updated like any other, and no visit once it is gone', async () => {
    const visits = useVisitsStore();
    visits.setAll([visit(PROTO, { visited: true, endedAt: null }), visit('s1')]);
    const control = mountReal(VisitControl, { siteId: PROTO });
    expect(control.get('[data-test="visit-control"]').attributes('data-visit')).toBe('visiting');
    expect(visits.isSiteVisited('s1')).toBe(false);

    visits.setAll([visit(PROTO, { resumable: true }), visit('s1')]);
    await nextTick();
    expect(control.get('[data-test="visit-control"]').attributes('data-visit')).toBe('not-visited');
    expect(visits.resumable.map((v) => v.siteId)).toEqual([PROTO]);

    // A visit list without the site: nothing of its old visit may linger.
    visits.setAll([visit('s1', { visited: true, endedAt: null })]);
    expect(visits.isSiteVisited(PROTO)).toBe(false);
    expect(visits.resumable).toEqual([]);
    expect(visits.isSiteVisited('s1')).toBe(true);
  });
});
