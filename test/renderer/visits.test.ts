import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import type { SiteVisit } from '../../electron/shared/contract';
import VisitBanner from '../../renderer/src/components/VisitBanner.vue';
import VisitOfferDialog from '../../renderer/src/components/VisitOfferDialog.vue';
import FleetRow from '../../renderer/src/components/FleetRow.vue';
import HubDetailView from '../../renderer/src/views/HubDetailView.vue';
import SummaryBar from '../../renderer/src/components/SummaryBar.vue';
import { useHubsStore } from '../../renderer/src/stores/hubs';
import { useVisitsStore } from '../../renderer/src/stores/visits';
import { useFleetViewStore } from '../../renderer/src/stores/fleet-view';
import { FakeApi, installApi, removeApi } from './fake-api';
import { hub, idMap, live, site } from './fixtures';
import { mountWith } from './mount';

let api: FakeApi;
beforeEach(() => {
  api = new FakeApi();
  installApi(api);
  location.hash = '';
});
afterEach(removeApi);

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

/** Two sites: Harbour Studio (not visited, its visit ended when Hubkeeper quit) and Lab (visited). */
function state() {
  return {
    hubs: {
      sites: idMap({ s1: site('s1', 'Harbour Studio'), s2: site('s2', 'Lab') }),
      hubs: idMap({ h1: hub('h1', { siteId: 's1', name: 'Rack 1' }), h2: hub('h2', { siteId: 's2', name: 'Bench' }) }),
      live: idMap({ h1: live('h1', { lastSuccessAt: '2026-03-02T16:59:00.000Z' }), h2: live('h2') }),
      hubIds: ['h1', 'h2'],
      loaded: true,
    },
    visits: {
      visits: idMap({ s1: visit('s1', { resumable: true }), s2: visit('s2', { visited: true, endedAt: null }) }),
      known: true,
    },
  };
}

describe('site visits in the window', () => {
  it('offers to resume the visit that ended on quit, and sends nothing before the click', async () => {
    api.reply('visit:start', { visits: [visit('s1', { visited: true, endedAt: null })] });
    const w = mountWith(VisitBanner, {}, { initialState: state(), stubActions: false });
    await flushPromises();
    const banner = w.get('[data-test="resume-banner"]');
    expect(banner.text()).toContain('Resume visit to Harbour Studio?');
    expect(api.calls).toEqual([]);
    await w.get('[data-test="resume-visit"]').trigger('click');
    await flushPromises();
    expect(api.callsTo('visit:start')).toEqual([{ siteId: 's1' }]);
    expect(w.find('[data-test="resume-banner"]').exists()).toBe(false);
  });

  it('"Not now" ends the resumable visit instead', async () => {
    api.reply('visit:end', { visits: [visit('s1')] });
    const w = mountWith(VisitBanner, {}, { initialState: state(), stubActions: false });
    await w.get('[data-test="resume-not-now"]').trigger('click');
    await flushPromises();
    expect(api.callsTo('visit:end')).toEqual([{ siteId: 's1' }]);
    expect(api.callsTo('visit:start')).toEqual([]);
  });

  it('marks a hub of a site not visited with its last-known time, and counts it apart', async () => {
    const w = mountWith(FleetRow, { props: { hubId: 'h1', active: false } }, { initialState: state() });
    const marker = w.get('[data-test="freshness"]');
    expect(marker.attributes('data-freshness')).toBe('not-visited');
    expect(marker.text()).toMatch(/not visited.*as of/);
    const fleet = useFleetViewStore();
    expect(fleet.summary).toMatchObject({ total: 2, notVisited: 1, upToDate: 1 });
    const bar = mountWith(SummaryBar, { props: { summary: fleet.summary, modelValue: 'all' } });
    expect(bar.get('[data-test="summary-not-visited"]').text()).toContain('1');
  });

  it('Refresh on a hub of a site not visited offers the visit instead of acting alone', async () => {
    api.reply('history:page', { page: { start: 0, total: 0, entries: [] }, fromCache: false } as never);
    api.reply('timeline:get', { hubId: 'h1', hub: 'h1', events: [], updates: [] } as never);
    api.reply('visit:start', {
      visits: [visit('s1', { visited: true, endedAt: null }), visit('s2', { visited: true })],
    });
    api.reply('monitor:refresh', { done: true });
    // The hub page and the offer dialog as App.vue places them.
    const Page = defineComponent({
      setup() {
        const visits = useVisitsStore();
        return () =>
          h('div', [
            h(HubDetailView, { hubId: 'h1' }),
            visits.offer ? h(VisitOfferDialog, { offer: visits.offer }) : null,
          ]);
      },
    });
    const w = mountWith(Page, {}, { initialState: state(), stubActions: false });
    await flushPromises();
    await w.get('[data-test="hub-refresh"]').trigger('click');
    await flushPromises();
    expect(api.callsTo('monitor:refresh')).toEqual([]);
    expect(useVisitsStore().offer).toMatchObject({ siteId: 's1', action: 'refresh' });
    expect(w.text()).toContain('Start the visit to Harbour Studio?');
    await w.get('[data-test="visit-offer-accept"]').trigger('click');
    await flushPromises();
    expect(api.callsTo('visit:start')).toEqual([{ siteId: 's1' }]);
    expect(api.callsTo('monitor:refresh')).toEqual([{ hubIds: ['h1'] }]);
    expect(useHubsStore().hubs.get('h1')).toBeDefined();
  });
});
