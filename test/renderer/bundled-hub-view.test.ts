import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BundledHubDetail, BundleSummary, BundleView } from '../../electron/shared/contract';
import type { ManagedDevice } from '../../electron/shared/devices';
import App from '../../renderer/src/App.vue';
import BundledHubView from '../../renderer/src/views/BundledHubView.vue';
import BundlesView from '../../renderer/src/views/BundlesView.vue';
import { i18n } from '../../renderer/src/i18n';
import { navigate, parseHash, routeHref } from '../../renderer/src/lib/router';
import { FakeApi, installApi, removeApi } from './fake-api';
import { live } from './fixtures';
import { mountWith } from './mount';

// A bundled hub opened read-only on its own page: what the bundle carries, marked as such,
// with no action that could reach the hub.
const summary: BundleSummary = {
  bundleId: 'b-1',
  siteName: 'Harbour Studio',
  takenAt: '2026-12-01T12:00:00.000Z',
  technician: 'Li Wei',
  hubkeeperVersion: '0.1.0',
  hubCount: 1,
  openedAt: '2026-12-02T08:00:00.000Z',
  sha256: 'f'.repeat(64),
};
const versions = Array.from({ length: 12 }, (_, i) => ({
  version: `2.1.${28 - i}`,
  digest: `${String(i).padStart(2, '0')}${'a'.repeat(62)}`,
  preRelease: false,
  releasedAt: `2026-0${1 + (i % 9)}-15T00:00:00.000Z`,
}));
const hubLive = live('h1', {
  version: '2.1.27',
  lastSuccessAt: '2026-12-01T09:29:00.000Z',
  online: {
    checkedAt: '2026-12-01T08:00:00.000Z',
    checkResult: 0,
    updateResult: 0,
    isNewest: false,
    newest: versions[0]!,
    checkEnabled: true,
    includePreRelease: false,
  },
});
const bundledHub = {
  hubId: 'h1',
  name: 'Stage left',
  address: '127.0.65.2',
  endpoints: [{ scheme: 'http' as const, port: 80, pin: null }],
  notes: '',
  live: hubLive,
  versionCount: 12,
  eventCount: 2,
  deviceCount: 2,
};
const device = (serial: string, fw: string): ManagedDevice => ({
  serial,
  name: `Encoder ${serial}`,
  model: 'Ultra Encode HDMI',
  firmwareVersion: fw,
  hardwareVersion: 'A',
  online: true,
  warnings: 0,
  appliedAt: null,
  upgrade: null,
});
const detail: BundledHubDetail = {
  hub: bundledHub,
  events: [
    { at: '2026-12-01T09:10:00.000Z', type: 'download-started', from: '2.1.26', target: '2.1.27' },
    { at: '2026-12-01T09:18:00.000Z', type: 'version-changed', from: '2.1.26', to: '2.1.27' },
  ],
  updates: [],
  versions: { asOf: '2026-12-01T09:20:00.000Z', total: 12, entries: versions },
  devices: {
    hubId: 'h1',
    asOf: '2026-12-01T09:25:00.000Z',
    devices: [device('A1', '4.1.2'), device('A2', '4.0.310')],
    truncated: false,
    error: null,
    upgrading: false,
    stale: true,
  },
};
const view: BundleView = { summary, siteNotes: '', visit: null, hubs: [bundledHub] };

let api: FakeApi;
beforeEach(() => {
  api = new FakeApi()
    .reply('bundles:list', { bundles: [summary] })
    .reply('bundles:get', view)
    .reply('bundles:hub', detail);
  installApi(api);
});
afterEach(() => {
  removeApi();
  i18n.global.locale.value = 'en';
  navigate({ name: 'fleet' });
});

async function open() {
  const w = mountWith(BundledHubView, { props: { bundleId: 'b-1', hubId: 'h1' } }, { stubActions: false });
  await flushPromises();
  return w;
}

describe('a bundled hub, read-only', () => {
  it('shows where it came from, its last-known status, versions with digests and dates, and timeline', async () => {
    const w = await open();
    expect(api.callsTo('bundles:hub')).toEqual([{ bundleId: 'b-1', hubId: 'h1', limit: 200 }]);
    const banner = w.get('[data-test="bundled-hub-banner"]').text();
    expect(banner).toContain('Read-only bundle');
    expect(banner).toMatch(/Bundle from Harbour Studio, taken 2026-12-0\d \d\d:\d\d by Li Wei/);
    expect(w.get('[data-test="bundled-hub-name"]').text()).toBe('Stage left');
    expect(w.get('[data-test="bundled-hub-last-read"]').text()).toMatch(/Last read 2026-12-0\d .*before the bundle/);
    const status = w.get('[data-test="bundled-hub-status"]').text();
    expect(status).toContain('2.1.27');
    expect(status).toContain('2.1.28');
    expect(status).toContain('Update available');
    const rows = w.findAll('[data-test="history-row"]');
    expect(rows).toHaveLength(10);
    expect(rows[0]!.text()).toContain('2.1.28');
    expect(rows[0]!.text()).toContain('2026-01-15');
    expect(w.get('[data-test="history"]').html()).toContain('00aaaa');
    expect(w.get('[data-test="history-from-store"]').text()).toMatch(/From the bundle: published versions as read/);
    expect(w.get('[data-test="history-from-store"]').text()).not.toContain('unreachable');
    // The bundle's versions are paged here, as the hub's are on its own page.
    await w.get('[data-test="history-next"]').trigger('click');
    expect(w.findAll('[data-test="history-row"]')).toHaveLength(2);
    expect(w.get('[data-test="history-range"]').text()).toContain('11');
    expect(w.findAll('[data-test="timeline-event"]').map((e) => e.attributes('data-type'))).toEqual([
      'version-changed',
      'download-started',
    ]);
  });

  it('has no Log in, Refresh or update action, and asks nothing but the bundle', async () => {
    const w = await open();
    const buttons = w.findAll('button').map((b) => b.text());
    expect(buttons.join(' ')).not.toMatch(/Log in|Refresh|Pause|Certificate|web interface|Update/i);
    await w.get('[data-test="history-next"]').trigger('click');
    expect(api.calls.map((c) => c.channel).filter((c) => !c.startsWith('bundles:'))).toEqual([]);
  });

  it('lists the devices the bundle carries on the Devices tab (keyboard: arrow keys move the tab)', async () => {
    const w = await open();
    await w.get('#bundled-hub-tab-overview').trigger('keydown', { key: 'ArrowRight' });
    await flushPromises();
    const devices = w.get('[data-test="bundled-hub-devices"]').text();
    expect(devices).toMatch(/From the bundle: 2 devices as read 2026-12-0\d/);
    expect(devices).toContain('Ultra Encode HDMI');
    expect(w.find('[data-test="device-table"]').exists()).toBe(true);
  });

  it('says when the bundle has no device list, in Chinese too', async () => {
    api.reply('bundles:hub', { ...detail, devices: null });
    const w = await open();
    i18n.global.locale.value = 'zh-CN';
    await w.get('#bundled-hub-tab-devices').trigger('click');
    await flushPromises();
    expect(w.get('[data-test="bundled-hub-devices"]').text()).toContain('站点包中没有此 Hub 的设备列表');
    expect(w.get('[data-test="bundled-hub-banner"]').text()).toContain('来自 Harbour Studio 的站点包');
  });

  it('a hub that is not in the bundle gets a clear error', async () => {
    api.fail('bundles:hub', { code: 'NOT_FOUND', message: 'That hub is not in this bundle.' });
    const w = await open();
    expect(w.text()).toContain('not in this bundle');
    expect(w.find('[data-test="bundled-hub-banner"]').exists()).toBe(false);
  });
});

describe('getting there and back', () => {
  it('each hub of the bundle list links to its own page (an <a>: click or Enter), and Back returns', async () => {
    const w = mountWith(BundlesView, { props: { bundleId: 'b-1' } }, { stubActions: false });
    await flushPromises();
    const link = w.get('[data-test="bundle-hub-link"]');
    expect(link.element.tagName).toBe('A');
    expect(link.attributes('href')).toBe('#/bundle/b-1/hub/h1');
    expect(parseHash('#/bundle/b-1/hub/h1')).toEqual({ name: 'bundles', bundleId: 'b-1', hubId: 'h1' });
    expect(parseHash('#/bundle/b-1')).toEqual({ name: 'bundles', bundleId: 'b-1' });
    expect(routeHref({ name: 'bundles', bundleId: 'b:1', hubId: 'h.1' })).toBe('#/bundle/b%3A1/hub/h.1');
    const page = await open();
    expect(page.get('[data-test="bundled-hub-back"]').attributes('href')).toBe('#/bundle/b-1');
  });

  it('names the screen in document.title and shows it inside the app', async () => {
    const w = mountWith(
      App,
      { attachTo: document.body },
      { stubActions: false, initialState: { app: { connected: true } } },
    );
    navigate({ name: 'bundles', bundleId: 'b-1', hubId: 'h1' });
    await flushPromises();
    await new Promise((r) => setTimeout(r, 0));
    await flushPromises();
    await nextTick();
    expect(document.title).toBe('Bundled hub Stage left — Hubkeeper');
    expect(w.find('[data-test="bundled-hub"]').exists()).toBe(true);
    w.unmount();
  });
});
