import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BundleSummary, BundleView } from '../../electron/shared/contract';
import BundlesView from '../../renderer/src/views/BundlesView.vue';
import BundleStrip from '../../renderer/src/components/BundleStrip.vue';
import { i18n } from '../../renderer/src/i18n';
import { FakeApi, installApi, removeApi } from './fake-api';
import { live } from './fixtures';
import { mountWith } from './mount';

const summary: BundleSummary = {
  bundleId: 'b-1',
  siteName: 'Harbour Studio',
  takenAt: '2026-12-01T12:00:00.000Z',
  technician: 'Li Wei',
  hubkeeperVersion: '0.1.0',
  hubCount: 2,
  openedAt: '2026-12-02T08:00:00.000Z',
  sha256: 'f'.repeat(64),
};
const view: BundleView = {
  summary,
  siteNotes: '',
  visit: null,
  hubs: ['h1', 'h2'].map((hubId, i) => ({
    hubId,
    name: `Stage ${i + 1}`,
    address: `127.0.65.${i + 2}`,
    endpoints: [{ scheme: 'http' as const, port: 80, pin: null }],
    notes: '',
    live: live(hubId, { version: '2.1.28' }),
    versionCount: 2,
    eventCount: 5,
    deviceCount: null,
  })),
};

let api: FakeApi;
beforeEach(() => {
  api = new FakeApi()
    .reply('bundles:list', { bundles: [summary] })
    .reply('bundles:get', view)
    .reply('bundles:adopt', { siteId: 's-1', added: ['n1'], existing: [], pinsToConfirm: [] });
  installApi(api);
});
afterEach(() => {
  removeApi();
  i18n.global.locale.value = 'en';
});

describe('bundles in the window', () => {
  it('an opened bundle is marked read-only with where, when and by whom it was taken', async () => {
    const w = mountWith(BundlesView, { props: { bundleId: 'b-1' } }, { stubActions: false });
    await flushPromises();
    const banner = w.get('[data-test="bundle-banner"]').text();
    expect(banner).toContain('Read-only bundle');
    expect(banner).toMatch(/Bundle from Harbour Studio, taken 2026-12-0\d \d\d:\d\d by Li Wei/);
    expect(banner).toContain('Hubkeeper sends nothing to them');
    expect(w.findAll('[data-test="bundle-hubs"] tbody tr')).toHaveLength(2);
  });

  it('Refresh and Log in are disabled and explained; clicking them sends nothing', async () => {
    const w = mountWith(BundlesView, { props: { bundleId: 'b-1' } }, { stubActions: false });
    await flushPromises();
    for (const button of [...w.findAll('[data-test="bundle-refresh"]'), ...w.findAll('[data-test="bundle-login"]')]) {
      expect(button.attributes('disabled')).toBeDefined();
      expect(button.attributes('title')).toMatch(/never contacts/);
      expect(button.attributes('aria-describedby')).toBeTruthy();
      await button.trigger('click');
    }
    const channels = api.calls.map((c) => c.channel);
    expect(channels.filter((c) => !c.startsWith('bundles:'))).toEqual([]);
  });

  it('adopting a hub asks the backend by bundle and hub id', async () => {
    const w = mountWith(BundlesView, { props: { bundleId: 'b-1' } }, { stubActions: false });
    await flushPromises();
    await w.get('[data-test="bundle-adopt-all"]').trigger('click');
    await flushPromises();
    expect(api.callsTo('bundles:adopt')).toEqual([{ bundleId: 'b-1' }]);
  });

  it('the fleet lists opened bundles as read-only sites, in Chinese too', async () => {
    i18n.global.locale.value = 'zh-CN';
    const w = mountWith(BundleStrip, {}, { stubActions: false });
    i18n.global.locale.value = 'zh-CN';
    await flushPromises();
    const text = w.get('[data-test="bundle-strip"]').text();
    expect(text).toContain('只读站点包');
    expect(text).toContain('来自 Harbour Studio 的站点包');
    expect(text).toContain('Hub：2 台');
  });

  it('a refused bundle shows the error and opens nothing', async () => {
    api.fail('bundles:openText', {
      code: 'BAD_INPUT',
      message: 'This bundle was changed or damaged after it was made.',
    });
    api.reply('bundles:list', { bundles: [] });
    const w = mountWith(BundlesView, {}, { stubActions: false });
    await flushPromises();
    const input = w.get('[data-test="bundle-file"]');
    const file = new File(['{"format":"hubkeeper-site-bundle"}'], 'b.json', { type: 'application/json' });
    Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
    await input.trigger('change');
    await flushPromises();
    expect(api.callsTo('bundles:openText')).toHaveLength(1);
    expect(w.text()).toContain('changed or damaged');
    expect(w.find('[data-test="bundle-list"]').exists()).toBe(false);
  });
});

describe('File menu bundle commands', () => {
  it('Open Site Bundle… goes to the bundles screen and opens the picker there', async () => {
    const { useAppStore } = await import('../../renderer/src/stores/app');
    const { useBundlesStore } = await import('../../renderer/src/stores/bundles');
    const { route } = await import('../../renderer/src/lib/router');
    mountWith(BundleStrip, {}, { stubActions: false });
    useAppStore().onMenu('open-bundle');
    expect(route.value.name).toBe('bundles');
    expect(useBundlesStore().pendingAction).toBe('open');
    useAppStore().onMenu('export-bundle');
    expect(useBundlesStore().pendingAction).toBe('export');
  });
});
