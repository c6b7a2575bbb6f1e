import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import DiscoveryView from '../../renderer/src/views/DiscoveryView.vue';
import { FakeApi, installApi, removeApi } from './fake-api';
import { idMap, site } from './fixtures';
import { mountWith } from './mount';

let api: FakeApi;
beforeEach(() => {
  api = new FakeApi();
  installApi(api);
  api.reply('discovery:interfaces', [
    {
      interface: 'lo',
      address: '127.0.0.1',
      netmask: '255.0.0.0',
      cidr: '127.0.0.0/8',
      prefixLength: 8,
      hostCount: 16_777_214,
      scannable: false,
      suggested: '127.0.0.0/24',
      internal: true,
    },
  ]);
});
afterEach(removeApi);

function mountDiscovery() {
  return mountWith(
    DiscoveryView,
    { attachTo: document.body },
    {
      stubActions: false,
      initialState: {
        hubs: { sites: idMap({ s1: site('s1', 'Lab') }), hubs: new Map(), hubIds: [], loaded: true },
        session: {
          appInfo: {
            name: 'Hubkeeper',
            version: '0.1.0',
            transport: 'web',
            platform: 'linux',
            keychain: { available: false, backend: null, reason: null },
            capabilities: { printPdf: false, openExternal: false, fileDialogs: false },
          },
        },
      },
    },
  );
}

function panel(w: ReturnType<typeof mountDiscovery>, titleId: string) {
  return w.get(`section[aria-labelledby="${titleId}"]`);
}

describe('DiscoveryView', () => {
  it('shows an import that cannot be read inside the import panel, not at the top of the page', async () => {
    api.fail('inventory:importText', { code: 'BAD_INPUT', message: 'The first row of the CSV must name the columns.' });
    const w = mountDiscovery();
    await flushPromises();
    await w.get('[data-test="import-text"]').setValue('address\n127.0.0.1');
    await w.get('[data-test="import-paste"]').trigger('click');
    await flushPromises();
    expect(panel(w, 'import-title').get('[data-test="error"]').text()).toContain('first row of the CSV');
    expect(w.findAll('[data-test="error"]')).toHaveLength(1);
    expect(panel(w, 'manual-title').find('[data-test="error"]').exists()).toBe(false);
    w.unmount();
  });

  it('lists each bad CSV line with its number and the pasted text (the backend sends only the number); 0 imported is no success', async () => {
    api.reply('inventory:importText', {
      cancelled: false,
      fileName: null,
      report: {
        format: 'csv',
        added: 0,
        updated: 0,
        sitesAdded: 0,
        bad: [{ line: 3, message: 'not a hub address' }],
        warnings: [],
      },
    });
    const w = mountDiscovery();
    await flushPromises();
    await w.get('[data-test="import-text"]').setValue('site,address\nLab,\nLab,bad host!');
    await w.get('[data-test="import-paste"]').trigger('click');
    await flushPromises();
    const errors = panel(w, 'import-title').findAll('[data-test="line-error"]');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.text()).toContain('3');
    expect(errors[0]!.text()).toContain('bad host!');
    expect(errors[0]!.text()).toContain('not a hub address');
    expect(w.get('[data-test="import-summary"]').classes()).not.toContain('ok-line');
    w.unmount();
  });

  it('asks before sweeping a public target and sweeps it only after an explicit yes', async () => {
    api.handle('discovery:start', (args) =>
      args.allowPublic
        ? { ok: true, value: { sweepId: 'sw1', total: 254 } }
        : {
            ok: false,
            error: { code: 'NOT_PERMITTED', hubCode: null, message: 'The target includes 254 public addresses.' },
          },
    );
    const w = mountDiscovery();
    await flushPromises();
    await w.get('[data-test="sweep-target"]').setValue('8.8.8.0/24');
    await w.get('form.target-row').trigger('submit');
    await flushPromises();
    // A question, not an error; the safe answer has the focus.
    const dialog = w.get('[data-test="public-sweep"]');
    expect(dialog.text()).toContain('8.8.8.0/24');
    expect(dialog.text()).toContain('254 public addresses');
    expect(w.find('[data-test="error"]').exists()).toBe(false);
    expect(document.activeElement).toBe(w.get('[data-test="public-sweep-cancel"]').element);
    expect(api.callsTo('discovery:start')).toEqual([{ target: '8.8.8.0/24' }]);

    // Declining (the button, or Escape on the dialog) sends nothing more.
    await w.get('[data-test="public-sweep-cancel"]').trigger('click');
    await flushPromises();
    expect(w.find('[data-test="public-sweep"]').exists()).toBe(false);
    await w.get('form.target-row').trigger('submit');
    await flushPromises();
    await w.get('dialog').trigger('cancel');
    await flushPromises();
    expect(w.find('[data-test="public-sweep"]').exists()).toBe(false);
    expect(api.callsTo('discovery:start')).toHaveLength(2);

    // Confirming retries the same target with allowPublic.
    await w.get('form.target-row').trigger('submit');
    await flushPromises();
    await w.get('[data-test="public-sweep-confirm"]').trigger('click');
    await flushPromises();
    expect(api.callsTo('discovery:start').at(-1)).toEqual({ target: '8.8.8.0/24', allowPublic: true });
    expect(w.find('[data-test="public-sweep"]').exists()).toBe(false);
    expect(w.get('[data-test="sweep-status"]').attributes('data-phase')).toBe('running');
    w.unmount();
  });
});
