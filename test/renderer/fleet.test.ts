import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import { decodeState } from '../../electron/shared/update-state';
import FleetView from '../../renderer/src/views/FleetView.vue';
import HubDetailView from '../../renderer/src/views/HubDetailView.vue';
import { useHubsStore } from '../../renderer/src/stores/hubs';
import { useFleetViewStore } from '../../renderer/src/stores/fleet-view';
import { useSessionStore } from '../../renderer/src/stores/session';
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

function fleet(n: number) {
  const hubs = new Map<string, ReturnType<typeof hub>>();
  const lives = new Map<string, ReturnType<typeof live>>();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `h${String(i).padStart(3, '0')}`;
    ids.push(id);
    hubs.set(id, hub(id, { name: `Hub ${String(i).padStart(3, '0')}` }));
    lives.set(id, live(id));
  }
  return { hubs: { sites: idMap({ s1: site('s1') }), hubs, live: lives, hubIds: ids, loaded: true } };
}

function mountFleet(n: number) {
  return mountWith(FleetView, { attachTo: document.body }, { initialState: fleet(n), stubActions: true });
}

/** happy-dom has no layout: give the scroller a size so the virtualiser has a viewport. */
async function giveViewport(w: ReturnType<typeof mountFleet>, height = 460) {
  const scroller = w.get('.body').element as HTMLElement;
  Object.defineProperty(scroller, 'clientHeight', { configurable: true, value: height });
  Object.defineProperty(scroller, 'offsetHeight', { configurable: true, value: height });
  Object.defineProperty(scroller, 'getBoundingClientRect', {
    configurable: true,
    value: () => ({ width: 1100, height, top: 0, left: 0, right: 1100, bottom: height, x: 0, y: 0, toJSON() {} }),
  });
  window.dispatchEvent(new Event('resize'));
  scroller.dispatchEvent(new Event('scroll'));
  await flushPromises();
  await nextTick();
}

describe('FleetView', () => {
  it('renders only the visible rows of 500 hubs, with the full count for assistive technology', async () => {
    const w = mountFleet(500);
    await giveViewport(w);
    const rows = w.findAll('[data-test="fleet-row"]');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(40);
    expect(w.get('[role="grid"]').attributes('aria-rowcount')).toBe('501');
    expect(w.get('[data-test="summary-all"]').text()).toContain('500');
    w.unmount();
  });

  it('moves the single tab stop with the arrow keys', async () => {
    const w = mountFleet(30);
    await giveViewport(w);
    const first = w.get('[data-index="0"]');
    expect(first.attributes('tabindex')).toBe('0');
    (first.element as HTMLElement).focus();
    await first.trigger('keydown', { key: 'ArrowDown' });
    await flushPromises();
    // Focus moves once the virtual list has rendered the row: wait for it, not for a fixed time.
    await vi.waitFor(() => expect(document.activeElement).toBe(w.get('[data-index="1"]').element), {
      timeout: 5000,
      interval: 10,
    });
    expect(w.get('[data-index="1"]').attributes('tabindex')).toBe('0');
    expect(w.get('[data-index="0"]').attributes('tabindex')).toBe('-1');
    expect(document.activeElement).toBe(w.get('[data-index="1"]').element);
    w.unmount();
  });

  it('sorts from the column header and tells assistive technology the order', async () => {
    const w = mountFleet(3);
    await giveViewport(w);
    const view = useFleetViewStore();
    await w.get('[data-test="sort-name"]').trigger('click');
    expect(view.sortBy).toHaveBeenCalledWith('name');
    expect(w.get('[role="columnheader"][aria-sort="ascending"]').text()).toContain('Hub');
    w.unmount();
  });

  it('marks an offline hub and a failed update in words, and offers the login a blocked hub needs', async () => {
    const w = mountFleet(3);
    const hubs = useHubsStore();
    hubs.live.set('h000', live('h000', { offline: true, stale: true }));
    hubs.live.set('h001', live('h001', { state: decodeState(0x200), version: '2.1.27' }));
    hubs.live.set(
      'h002',
      live('h002', {
        blockedBy: 'AUTH_FAILED',
        error: { code: 'AUTH_FAILED', hubCode: null, message: 'needs a login' },
      }),
    );
    await giveViewport(w);
    const rows = w.findAll('[data-test="fleet-row"]');
    expect(rows[0]!.get('[data-test="freshness"]').text()).toContain('offline');
    expect(rows[1]!.get('[data-test="state-badge"]').text()).toBe('Update failed');
    const chip = rows[2]!.get('[data-test="access-chip"]');
    expect(chip.text()).toBe('Log in');
    await chip.trigger('click');
    expect(useSessionStore().openLogin).toHaveBeenCalledWith({ kind: 'hub', hubId: 'h002' });
    w.unmount();
  });

  it('greys out the last-known state of an offline hub and names each hub’s site when showing all sites', async () => {
    const w = mountFleet(2);
    const hubs = useHubsStore();
    hubs.sites.set('s2', site('s2', 'Studio B'));
    hubs.hubs.set('h001', hub('h001', { name: 'Hub 001', siteId: 's2' }));
    hubs.live.set('h000', live('h000', { offline: true, stale: true }));
    await giveViewport(w);
    const rows = w.findAll('[data-test="fleet-row"]');
    // The class drives the grey look of the state and version badges (FleetRow styles).
    expect(rows[0]!.classes()).toContain('fresh-offline');
    expect(rows[1]!.classes()).toContain('fresh-live');
    expect(rows[1]!.get('.hub-address').text()).toContain('Studio B');
    // One site chosen: the site is the filter, not repeated on every row.
    useFleetViewStore().siteId = 's2';
    await flushPromises();
    await giveViewport(w);
    expect(w.findAll('[data-test="fleet-row"]').map((r) => r.attributes('data-hub-id'))).toEqual(['h001']);
    expect(w.get('.hub-address').text()).not.toContain('Studio B');
    w.unmount();
  });

  it('renders device-supplied text as text, never as HTML', async () => {
    const w = mountFleet(1);
    const hubs = useHubsStore();
    hubs.hubs.set('h000', hub('h000', { name: '<img src=x onerror="window.pwned=1">' }));
    hubs.live.set('h000', live('h000', { version: '<b>2.1</b>' }));
    await giveViewport(w);
    expect(w.find('img[src="x"]').exists()).toBe(false);
    expect(w.find('b').exists()).toBe(false);
    expect(w.get('[data-test="hub-link"]').text()).toBe('<img src=x onerror="window.pwned=1">');
    w.unmount();
  });
});

describe('HubDetailView', () => {
  it('shows every update-service field, the newest digest and the decoded update result', async () => {
    api.reply('history:page', {
      page: { start: 0, total: 50, entries: [] },
      source: 'store',
      asOf: new Date().toISOString(),
    });
    api.reply('timeline:get', {
      hub: 'http://127.0.0.2:8080',
      hubId: 'h000',
      events: [
        { at: '2026-01-01T10:00:00Z', type: 'download-started', from: '2.1.27', target: '2.1.28' },
        {
          at: '2026-01-01T10:05:00Z',
          type: 'update-finished',
          outcome: 'failed',
          reason: 'update-failed',
          to: null,
          updateResult: 7,
        },
      ],
      updates: [
        {
          from: '2.1.27',
          to: null,
          outcome: 'failed',
          startedAt: '2026-01-01T10:00:00Z',
          endedAt: '2026-01-01T10:05:00Z',
          updateResult: 7,
        },
      ],
    });
    const state = fleet(1);
    state.hubs.live.set(
      'h000',
      live('h000', {
        state: decodeState(0x200),
        online: { ...live('x').online!, updateResult: 7, checkEnabled: false, includePreRelease: true },
        info: '<script>alert(1)</script>',
      }),
    );
    const w = mountWith(
      HubDetailView,
      { props: { hubId: 'h000' }, attachTo: document.body },
      { initialState: state, stubActions: false },
    );
    await flushPromises();
    const svc = w.get('[data-test="update-service"]').text();
    for (const text of [
      'Update failed',
      '0x200',
      'Debian GNU/Linux 11',
      'Off',
      'Included',
      'Invalid argument (7)',
      '<script>alert(1)</script>',
    ])
      expect(svc).toContain(text);
    expect(w.get('[data-test="newest"]').text()).toContain('a'.repeat(64));
    expect(w.get('[data-test="history-from-store"]').text()).toContain('last-known copy');
    const events = w.findAll('[data-test="timeline-event"]');
    expect(events[0]!.text()).toContain('Update ended: Failed — the hub reported a failure');
    expect(events[1]!.text()).toContain('Download started (2.1.27 → 2.1.28)');
    expect(w.find('script').exists()).toBe(false);
    w.unmount();
  });

  it('calls an announced restart a restart, and an offline hub offline, with last-known figures marked', async () => {
    api.reply('history:page', {
      page: { start: 0, total: 0, entries: [] },
      source: 'store',
      asOf: new Date().toISOString(),
    });
    api.reply('timeline:get', { hub: 'h', hubId: 'h000', events: [], updates: [] });
    const unreachable = { code: 'UNREACHABLE' as const, hubCode: null, message: 'refused the connection' };
    const update = {
      from: '2.1.27',
      to: null,
      outcome: 'in-progress' as const,
      startedAt: '2026-01-01T10:00:00Z',
      endedAt: null,
      updateResult: null,
    };
    const state = fleet(2);
    state.hubs.live.set(
      'h000',
      live('h000', {
        offline: true,
        stale: true,
        state: decodeState(0x40),
        update,
        error: unreachable,
      }),
    );
    state.hubs.live.set('h001', live('h001', { offline: true, stale: true, error: unreachable }));
    const restarting = mountWith(
      HubDetailView,
      { props: { hubId: 'h000' }, attachTo: document.body },
      { initialState: state, stubActions: false },
    );
    await flushPromises();
    expect(restarting.get('[data-test="restart-note"]').text()).toContain('restarting to finish its update');
    expect(restarting.find('[data-test="error"]').exists()).toBe(false);
    expect(restarting.get('[data-test="service-freshness"]').attributes('data-freshness')).toBe('restarting');
    restarting.unmount();

    const offline = mountWith(
      HubDetailView,
      { props: { hubId: 'h001' }, attachTo: document.body },
      { initialState: state, stubActions: false },
    );
    await flushPromises();
    expect(offline.find('[data-test="restart-note"]').exists()).toBe(false);
    expect(offline.get('[data-test="error"]').attributes('data-code')).toBe('UNREACHABLE');
    expect(offline.get('[data-test="service-freshness"]').text()).toContain('offline');
    offline.unmount();
  });
});
