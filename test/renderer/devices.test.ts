import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { isReactive, nextTick } from 'vue';
import { createPinia, setActivePinia } from 'pinia';
import HubDevicesPanel from '../../renderer/src/components/HubDevicesPanel.vue';
import HubDetailView from '../../renderer/src/views/HubDetailView.vue';
import FleetView from '../../renderer/src/views/FleetView.vue';
import { useDevicesStore } from '../../renderer/src/stores/devices';
import { useHubsStore } from '../../renderer/src/stores/hubs';
import type { HubDevices } from '../../electron/shared/devices';
import { FakeApi, installApi, removeApi } from './fake-api';
import { hub, idMap, live, site } from './fixtures';
import { device, hubDevices } from './device-fixtures';
import { mountWith } from './mount';

let api: FakeApi;
beforeEach(() => {
  api = new FakeApi();
  installApi(api);
  api.reply('devices:refresh', { done: true });
  api.reply('history:page', { page: { start: 0, total: 0, entries: [] }, source: 'store', asOf: null });
  api.reply('timeline:get', { hub: 'http://127.0.0.2:8080', hubId: 'h1', events: [], updates: [] });
  location.hash = '';
});
afterEach(removeApi);

/** Two sites: s1 with hubs h1 and h2 (the newest Ultra Encode firmware is on h2), s2 with h3. */
function twoSites(lists: HubDevices[]) {
  return {
    hubs: {
      sites: idMap({ s1: site('s1', 'Harbour Studio'), s2: site('s2', 'Northwind') }),
      hubs: idMap({ h1: hub('h1'), h2: hub('h2'), h3: hub('h3', { siteId: 's2' }) }),
      live: idMap({ h1: live('h1'), h2: live('h2'), h3: live('h3') }),
      hubIds: ['h1', 'h2', 'h3'],
      loaded: true,
    },
    devices: { lists: new Map(lists.map((l) => [l.hubId, l])), loaded: true },
  };
}

const h1List = hubDevices('h1', [
  device('E1', { firmwareVersion: '4.1.2' }),
  device('E2', { firmwareVersion: '4.0.310', online: false }),
  device('E3', { firmwareVersion: '4.0.310', warnings: 2 }),
]);
const h2List = hubDevices('h2', [device('F1', { firmwareVersion: '4.2.0' })]);
const h3List = hubDevices('h3', [device('G1', { firmwareVersion: '3.9.0' })]);

/** happy-dom has no layout: give a virtualised body a size so rows render. */
async function giveViewport(el: HTMLElement, height = 400) {
  Object.defineProperty(el, 'clientHeight', { configurable: true, value: height });
  Object.defineProperty(el, 'offsetHeight', { configurable: true, value: height });
  Object.defineProperty(el, 'getBoundingClientRect', {
    configurable: true,
    value: () => ({ width: 1100, height, top: 0, left: 0, right: 1100, bottom: height, x: 0, y: 0, toJSON() {} }),
  });
  window.dispatchEvent(new Event('resize'));
  el.dispatchEvent(new Event('scroll'));
  await flushPromises();
  await nextTick();
}

describe('devices store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('loads every list at start, follows devices:changed, and keeps the lists raw', async () => {
    api.reply('devices:list', { hubs: [h1List] });
    const store = useDevicesStore();
    await store.start();
    expect(api.callsTo('devices:list')).toEqual([{}]);
    expect(store.lists.get('h1')?.devices?.length).toBe(3);
    // 4,000 devices must not become 4,000 deep proxies.
    expect(isReactive(store.lists.get('h1')!.devices)).toBe(false);
    api.emit('devices:changed', hubDevices('h1', [device('E9')]));
    expect(store.lists.get('h1')?.devices?.map((d) => d.serial)).toEqual(['E9']);
    expect(isReactive(store.lists.get('h1')!.devices)).toBe(false);
    await store.start();
    expect(api.listenerCount('devices:changed')).toBe(1);
  });

  it('keeps a list that arrived by event while devices:list was on its way', async () => {
    let answer: (v: unknown) => void = () => {};
    api.handle('devices:list', () => new Promise((r) => (answer = r)) as never);
    const store = useDevicesStore();
    const started = store.start();
    api.emit('devices:changed', hubDevices('h1', [device('NEW')]));
    answer({ ok: true, value: { hubs: [hubDevices('h1', [device('OLD')]), h2List] } });
    await started;
    expect(store.lists.get('h1')?.devices?.map((d) => d.serial)).toEqual(['NEW']);
    expect(store.lists.get('h2')?.devices?.map((d) => d.serial)).toEqual(['F1']);
  });

  it('says why the lists could not be loaded', async () => {
    api.fail('devices:list', { code: 'UNAVAILABLE', message: 'not read yet' });
    const store = useDevicesStore();
    await store.start();
    expect(store.error?.code).toBe('UNAVAILABLE');
  });

  it('judges "behind" against the newest firmware on the whole site, never another site', async () => {
    const hubs = useHubsStore();
    hubs.setInventory({
      sites: [site('s1'), site('s2')],
      hubs: [hub('h1'), hub('h2'), hub('h3', { siteId: 's2' })],
      visits: [],
    } as never);
    const store = useDevicesStore();
    store.apply(h1List);
    store.apply(h3List);
    // Without h2, 4.1.2 is the newest on s1: the two 4.0.310 devices are behind.
    expect(store.countsOf('h1')).toEqual({ total: 3, behind: 2, offline: 1, withWarnings: 1, upgrading: 0 });
    // h2 (same site) runs 4.2.0: now every device of h1 is behind.
    store.apply(h2List);
    expect(store.countsOf('h1')?.behind).toBe(3);
    expect(store.newestForHub('h1').get('Ultra Encode HDMI')).toBe('4.2.0');
    // s2's only device is not behind anything on its own site.
    expect(store.countsOf('h3')?.behind).toBe(0);
    expect(store.firmwareOfSite('s1')[0]?.versions).toEqual([
      { version: '4.2.0', count: 1 },
      { version: '4.1.2', count: 1 },
      { version: '4.0.310', count: 2 },
    ]);
    expect(store.countsOf('nope')).toBeNull();
  });

  it('keeps unchanged devices, lists, "newest" and counts identical across re-reads, so nothing re-renders for them', async () => {
    const hubs = useHubsStore();
    hubs.setInventory({ sites: [site('s1')], hubs: [hub('h1'), hub('h2')], visits: [] } as never);
    const store = useDevicesStore();
    const upgrading = (pos: number) =>
      device('U', { upgrade: { uploading: true, uploadPosition: pos, step: null, result: null } });
    store.apply(hubDevices('h1', [device('A'), device('B'), upgrading(10)]));
    store.apply(h2List);
    const before = store.lists.get('h1')!.devices!;
    const newest = store.newestOfSite('s1');
    const counts = store.countsOf('h2');
    // A re-read during the upgrade: new objects from the wire, only U's progress changed.
    store.apply(hubDevices('h1', [device('A'), device('B'), upgrading(20)]));
    const after = store.lists.get('h1')!.devices!;
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toBe(before[1]);
    expect(after[2]).not.toBe(before[2]);
    expect(after[2]!.upgrade?.uploadPosition).toBe(20);
    // Another hub of the site read again, same content: the same list, Map and counts.
    store.apply(hubDevices('h2', [device('F1', { firmwareVersion: '4.2.0' })]));
    expect(store.newestOfSite('s1')).toBe(newest);
    expect(store.countsOf('h2')).toBe(counts);
    const h2Devices = store.lists.get('h2')!.devices;
    store.apply(hubDevices('h2', [device('F1', { firmwareVersion: '4.2.0' })]));
    expect(store.lists.get('h2')!.devices).toBe(h2Devices);
    // A real change does propagate.
    store.apply(hubDevices('h2', [device('F1', { firmwareVersion: '4.3.0' })]));
    expect(store.newestOfSite('s1').get('Ultra Encode HDMI')).toBe('4.3.0');
    expect(store.countsOf('h1')?.behind).toBe(3);
  });

  it('records a failed refresh for the hub and clears it on the next good one', async () => {
    api.fail('devices:refresh', { code: 'NOT_VISITED' });
    const store = useDevicesStore();
    await store.refresh('h1');
    expect(api.callsTo('devices:refresh')).toEqual([{ hubId: 'h1' }]);
    expect(store.refreshErrors.get('h1')?.code).toBe('NOT_VISITED');
    api.reply('devices:refresh', { done: true });
    await store.refresh('h1');
    expect(store.refreshErrors.has('h1')).toBe(false);
  });
});

function mountPanel(lists: HubDevices[], hubId = 'h1') {
  return mountWith(
    HubDevicesPanel,
    { props: { hubId }, attachTo: document.body },
    { initialState: twoSites(lists), stubActions: false },
  );
}

async function rows(w: ReturnType<typeof mountPanel>) {
  await giveViewport(w.get('[data-test="device-table"] .body').element as HTMLElement);
  return w.findAll('[data-test="device-row"]');
}

describe('Devices tab', () => {
  it('reads the list when opened and shows every column, as of its time', async () => {
    const w = mountPanel([h1List, h2List]);
    const found = await rows(w);
    expect(api.callsTo('devices:refresh')).toEqual([{ hubId: 'h1' }]);
    expect(found.map((r) => r.attributes('data-serial'))).toEqual(['E1', 'E2', 'E3']);
    const e2 = found[1]!.text();
    for (const text of ['E2', 'Encoder E2', 'Ultra Encode HDMI', '4.0.310', '1.0', 'Offline'])
      expect(e2).toContain(text);
    expect(found[2]!.get('[data-test="device-warnings"]').text()).toContain('2');
    expect(w.get('[data-test="devices-status"]').attributes('data-status')).toBe('current');
    expect(w.get('[data-test="devices-as-of"]').text()).toMatch(/^Devices as of /);
    expect(w.get('[data-test="devices-shown"]').text()).toBe('3 of 3 devices');
    w.unmount();
  });

  it('marks devices older than the newest of their model on the SITE as behind, in those words', async () => {
    const w = mountPanel([h1List, h2List]);
    const found = await rows(w);
    // 4.2.0 runs on h2 (same site): every device of h1 is behind, E1 included.
    expect(found.map((r) => r.find('[data-test="device-behind"]').exists())).toEqual([true, true, true]);
    const marker = found[0]!.get('[data-test="device-behind"]');
    expect(marker.text()).toContain('behind');
    expect(marker.attributes('title')).toBe(
      'Older than others on this site: 4.2.0 is the newest seen for Ultra Encode HDMI',
    );
    expect(w.text().toLowerCase()).not.toContain('outdated');
    // Per model, the versions in use with counts; the site's newest named when on another hub.
    const summary = w.get('[data-test="firmware-summary"]');
    expect(summary.get('li').text()).toBe(
      'Ultra Encode HDMI: 4.1.2 ×1 (older than others on this site), 4.0.310 ×2 (older than others on this site) newest on this site: 4.2.0',
    );
    expect(summary.findAll('[data-test="firmware-behind"]').length).toBe(2);
    w.unmount();
  });

  it('does not mark the newest version on the site', async () => {
    const w = mountPanel([h1List]);
    const found = await rows(w);
    expect(found.map((r) => r.find('[data-test="device-behind"]').exists())).toEqual([false, true, true]);
    w.unmount();
  });

  it('filters by text, model, offline, warnings and behind, and says how many are shown', async () => {
    const list = hubDevices('h1', [
      ...h1List.devices!,
      device('P1', { model: 'Pro Convert', firmwareVersion: '2.0.9', name: 'Lobby' }),
    ]);
    const w = mountPanel([list]);
    await rows(w);
    const serials = () => w.findAll('[data-test="device-row"]').map((r) => r.attributes('data-serial'));
    await w.get('[data-test="devices-search"]').setValue('lobby');
    expect(serials()).toEqual(['P1']);
    expect(w.get('[data-test="devices-shown"]').text()).toBe('1 of 4 devices');
    await w.get('[data-test="devices-reset"]').trigger('click');
    await w.get('[data-test="devices-model"]').setValue('Ultra Encode HDMI');
    expect(serials()).toEqual(['E1', 'E2', 'E3']);
    await w.get('[data-test="devices-offline"]').setValue(true);
    expect(serials()).toEqual(['E2']);
    await w.get('[data-test="devices-offline"]').setValue(false);
    await w.get('[data-test="devices-warnings"]').setValue(true);
    expect(serials()).toEqual(['E3']);
    await w.get('[data-test="devices-reset"]').trigger('click');
    await w.get('[data-test="devices-behind-only"]').setValue(true);
    expect(serials()).toEqual(['E2', 'E3']);
    await w.get('[data-test="devices-search"]').setValue('zzz');
    expect(w.get('[data-test="devices-empty"]').text()).toBe('No device matches these filters.');
    w.unmount();
  });

  it('sorts by every column from header buttons, announcing the order', async () => {
    const w = mountPanel([h1List]);
    await rows(w);
    const serials = () => w.findAll('[data-test="device-row"]').map((r) => r.attributes('data-serial'));
    const header = (key: string) => w.get(`[data-test="device-sort-${key}"]`);
    expect(header('serial').element.tagName).toBe('BUTTON');
    await header('firmware').trigger('click');
    expect(serials()).toEqual(['E2', 'E3', 'E1']);
    expect(header('firmware').element.parentElement!.getAttribute('aria-sort')).toBe('ascending');
    await header('firmware').trigger('click');
    expect(serials()).toEqual(['E1', 'E2', 'E3']);
    expect(header('firmware').element.parentElement!.getAttribute('aria-sort')).toBe('descending');
    await header('online').trigger('click');
    expect(serials()).toEqual(['E2', 'E1', 'E3']);
    await header('warnings').trigger('click');
    expect(serials()[0]).toBe('E3');
    for (const key of ['serial', 'name', 'model', 'hardware', 'upgrade'])
      expect(header(key).element.parentElement!.getAttribute('role')).toBe('columnheader');
    w.unmount();
  });

  it('says plainly when the account cannot list devices, and keeps the rest working', async () => {
    const refused = hubDevices('h1', null, {
      error: { code: 'NOT_PERMITTED', hubCode: 16, message: 'no device viewing' },
    });
    const w = mountPanel([refused]);
    await flushPromises();
    expect(w.get('[data-test="devices-status"]').attributes('data-status')).toBe('no-permission');
    expect(w.get('[data-test="devices-no-permission"]').text()).toContain('This account cannot list devices');
    expect(w.get('[data-test="devices-empty"]').text()).toBe('This account cannot list devices');
    w.unmount();
  });

  it('shows a last-known list as stale or not visited, and says when the list was cut', async () => {
    const w = mountPanel([{ ...h1List, stale: true, truncated: true, upgrading: true }]);
    await flushPromises();
    expect(w.get('[data-test="devices-status"]').attributes('data-status')).toBe('stale');
    expect(w.get('[data-test="devices-status"]').text()).toContain('Last-known list');
    expect(w.get('[data-test="devices-truncated"]').text()).toContain('more than 10,000 devices');
    expect(w.find('[data-test="devices-upgrading"]').exists()).toBe(true);
    w.unmount();

    api.fail('devices:refresh', { code: 'NOT_VISITED' });
    const n = mountPanel([h1List]);
    // The last-known list still shows.
    expect((await rows(n)).length).toBe(3);
    expect(n.get('[data-test="devices-status"]').attributes('data-status')).toBe('not-visited');
    expect(n.get('[data-test="devices-status"]').text()).toContain('Not visited');
    n.unmount();
  });

  it('shows an upgrade as a progress bar, then its outcome', async () => {
    const list = hubDevices('h1', [
      device('U1', { upgrade: { uploading: true, uploadPosition: 37, step: null, result: null } }),
      device('U2', { upgrade: { uploading: false, uploadPosition: 100, step: 4, result: 3 } }),
    ]);
    const w = mountPanel([list]);
    const found = await rows(w);
    const bar = found[0]!.get('[role="progressbar"]');
    expect(bar.attributes('aria-valuenow')).toBe('37');
    expect(bar.attributes('aria-label')).toBe('Upgrade of Encoder U1');
    expect(found[1]!.get('[data-test="device-upgrade-failed"]').text()).toBe('Failed (3)');
    w.unmount();
  });
});

describe('hub detail tabs', () => {
  it('opens the Devices tab by click or arrow key; only then is the list read', async () => {
    const w = mountWith(
      HubDetailView,
      { props: { hubId: 'h1' }, attachTo: document.body },
      { initialState: twoSites([h1List]), stubActions: false },
    );
    await flushPromises();
    expect(api.callsTo('devices:refresh')).toEqual([]);
    const overview = w.get('[data-test="tab-overview"]');
    expect(overview.attributes('aria-selected')).toBe('true');
    await overview.trigger('keydown', { key: 'ArrowRight' });
    await flushPromises();
    const devices = w.get('[data-test="tab-devices"]');
    expect(devices.attributes('aria-selected')).toBe('true');
    expect(devices.attributes('tabindex')).toBe('0');
    expect(document.activeElement).toBe(devices.element);
    expect(w.find('[data-test="hub-devices"]').exists()).toBe(true);
    expect(api.callsTo('devices:refresh')).toEqual([{ hubId: 'h1' }]);
    expect(w.get('#hub-panel-overview').isVisible()).toBe(false);
    await w.get('[data-test="tab-overview"]').trigger('click');
    expect(w.find('[data-test="hub-devices"]').exists()).toBe(false);
    w.unmount();
  });
});

describe('fleet devices column and site summary', () => {
  function mountFleet(lists: HubDevices[]) {
    return mountWith(FleetView, { attachTo: document.body }, { initialState: twoSites(lists), stubActions: true });
  }

  it('shows per hub the device count and how many are behind, offline or with warnings', async () => {
    const w = mountFleet([h1List, h2List]);
    await giveViewport(w.get('[data-test="fleet-table"] .body').element as HTMLElement);
    const cells = w.findAll('[data-test="fleet-devices"]');
    expect(cells.length).toBe(3);
    const h1 = cells[0]!;
    expect(h1.text()).toContain('3');
    expect(h1.get('[data-test="fleet-devices-behind"]').text()).toContain('3');
    expect(h1.get('[data-test="fleet-devices-behind"]').attributes('title')).toBe(
      '3 behind (older firmware than others on this site)',
    );
    expect(h1.get('[data-test="fleet-devices-offline"]').text()).toContain('1');
    expect(h1.get('[data-test="fleet-devices-warnings"]').text()).toContain('1');
    // h2 runs the newest: nothing to flag. h3 was never read: a dash, not "0".
    expect(cells[1]!.findAll('.mark').length).toBe(0);
    expect(cells[2]!.text()).toContain('devices not read');
    w.unmount();
  });

  it('summarises devices per model and firmware for each site', async () => {
    const w = mountFleet([h1List, h2List, h3List]);
    await flushPromises();
    const summary = w.get('[data-test="site-devices"]');
    const line = summary.get('summary').text();
    expect(line).toContain('Harbour Studio — devices: 4 3 behind · 1 offline · 1 with warnings');
    expect(line).toContain('Northwind — devices: 1 0 behind');
    const [harbour, northwind] = summary.findAll('[data-test="firmware-summary"] li');
    expect(harbour!.text()).toBe(
      'Ultra Encode HDMI: 4.2.0 ×1, 4.1.2 ×1 (older than others on this site), 4.0.310 ×2 (older than others on this site)',
    );
    expect(northwind!.text()).toBe('Ultra Encode HDMI: 3.9.0 ×1');
    w.unmount();
  });
});
