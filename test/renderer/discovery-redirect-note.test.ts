import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import DiscoveryView from '../../renderer/src/views/DiscoveryView.vue';
import { i18n } from '../../renderer/src/i18n';
import { useDiscoveryStore } from '../../renderer/src/stores/discovery';
import type { FoundHub } from '../../electron/shared/contract';
import { FakeApi, installApi, removeApi } from './fake-api';
import { idMap, site } from './fixtures';
import { mountWith } from './mount';

const FP = `sha256:${'c0'.repeat(32)}`;
const redirected: FoundHub = {
  candidateId: 'c7',
  address: '192.0.2.7',
  endpoints: [{ scheme: 'https', port: 8443, fingerprint: FP, redirectedFrom: { scheme: 'http', port: 80 } }],
  knownHubId: null,
};
const direct: FoundHub = {
  candidateId: 'c9',
  address: '192.0.2.9',
  endpoints: [
    { scheme: 'http', port: 8080, fingerprint: null },
    { scheme: 'https', port: 8443, fingerprint: FP, redirectedFrom: { scheme: 'http', port: 80 } },
  ],
  knownHubId: null,
};

let api: FakeApi;
beforeEach(() => {
  api = new FakeApi();
  installApi(api);
  api.reply('discovery:interfaces', []);
  api.reply('discovery:start', { sweepId: 'sw1', total: 254 });
});
afterEach(() => {
  i18n.global.locale.value = 'en';
  removeApi();
});

async function mountWithFinds(locale: 'en' | 'zh-CN' = 'en') {
  const w = mountWith(
    DiscoveryView,
    { attachTo: document.body },
    {
      stubActions: false,
      initialState: { hubs: { sites: idMap({ s1: site('s1', 'Lab') }), hubs: new Map(), hubIds: [], loaded: true } },
    },
  );
  i18n.global.locale.value = locale; // after mountWith, which starts every test in English
  await flushPromises();
  const discovery = useDiscoveryStore();
  discovery.target = '192.0.2.0/24';
  await discovery.start();
  api.emit('discovery:found', { sweepId: 'sw1', hub: redirected });
  api.emit('discovery:found', { sweepId: 'sw1', hub: direct });
  await flushPromises();
  return w;
}

describe('discovery results: hubs found through a redirect', () => {
  it('says which plain-HTTP address redirected to the HTTPS endpoint, and shows the certificate to compare', async () => {
    const w = await mountWithFinds();
    const rows = w.findAll('[data-test="found-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.get('[data-test="endpoints"]').text()).toBe(
      'https:8443 (found via redirect from http://192.0.2.7)',
    );
    expect(rows[0]!.find(`[title="${FP}"]`).exists()).toBe(true);
    // Several endpoints: comma-separated, the note right after the one it belongs to.
    expect(rows[1]!.get('[data-test="endpoints"]').text()).toBe(
      'http:8080, https:8443 (found via redirect from http://192.0.2.9)',
    );
    w.unmount();
  });

  it('says it in Chinese too', async () => {
    const w = await mountWithFinds('zh-CN');
    expect(w.get('[data-test="redirect-note"]').text()).toBe('(经由 http://192.0.2.7 的重定向找到)');
    expect(w.get('[data-test="endpoints"]').text()).toBe('https:8443 (经由 http://192.0.2.7 的重定向找到)');
    w.unmount();
  });
});
