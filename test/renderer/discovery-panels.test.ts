import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import type { Component } from 'vue';
import SweepPanel from '../../renderer/src/components/discovery/SweepPanel.vue';
import FoundHubsTable from '../../renderer/src/components/discovery/FoundHubsTable.vue';
import ManualAddPanel from '../../renderer/src/components/discovery/ManualAddPanel.vue';
import ImportPanel from '../../renderer/src/components/discovery/ImportPanel.vue';
import DiscoveryView from '../../renderer/src/views/DiscoveryView.vue';
import { useDiscoveryStore } from '../../renderer/src/stores/discovery';
import { useAppStore } from '../../renderer/src/stores/app';
import type { FoundHub } from '../../electron/shared/contract';
import { FakeApi, installApi, removeApi } from './fake-api';
import { idMap, site } from './fixtures';
import { mountWith } from './mount';

// Each panel of the discovery view on its own: what it sends, what it shows, and where.

const found: FoundHub = {
  candidateId: 'c2',
  address: '192.0.2.2',
  endpoints: [{ scheme: 'http', port: 8080, fingerprint: null }],
  knownHubId: null,
};

let api: FakeApi;
beforeEach(() => {
  api = new FakeApi();
  installApi(api);
  api.reply('discovery:interfaces', []);
});
afterEach(removeApi);

function mountPanel(component: Component, fileDialogs = false) {
  return mountWith(
    component,
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
            capabilities: { printPdf: false, openExternal: false, fileDialogs },
          },
        },
      },
    },
  );
}

describe('SweepPanel', () => {
  it('starts a sweep of the typed target and shows its progress and what it found', async () => {
    api.reply('discovery:start', { sweepId: 'sw1', total: 254 });
    const w = mountPanel(SweepPanel);
    useDiscoveryStore().listen();
    await w.get('[data-test="sweep-target"]').setValue('192.0.2.0/24');
    await w.get('form.target-row').trigger('submit');
    await flushPromises();
    expect(api.callsTo('discovery:start')).toEqual([{ target: '192.0.2.0/24' }]);
    expect(w.get('[data-test="sweep-status"]').attributes('data-phase')).toBe('running');
    expect(w.find('[data-test="sweep-cancel"]').exists()).toBe(true);
    api.emit('discovery:found', { sweepId: 'sw1', hub: found });
    await flushPromises();
    expect(w.findAll('[data-test="found-row"]')).toHaveLength(1);
    expect(w.get('[data-test="found-row"]').text()).toContain('192.0.2.2');
    w.unmount();
  });

  it('refuses to start with a bad port list and says why next to the field', async () => {
    const w = mountPanel(SweepPanel);
    await w.get('[data-test="sweep-target"]').setValue('192.0.2.0/24');
    await w.get('[data-test="sweep-ports"]').setValue('80,99999');
    expect(w.get('[data-test="sweep-start"]').attributes('disabled')).toBeDefined();
    expect(w.get('[data-test="sweep-ports"]').attributes('aria-invalid')).toBe('true');
    w.unmount();
  });
});

describe('FoundHubsTable', () => {
  it('adds the selected hubs to the chosen site, and passes a failure up for the view to show', async () => {
    api.reply('discovery:start', { sweepId: 'sw1', total: 254 });
    api.fail('discovery:addFound', { code: 'NOT_FOUND', message: 'That sweep is over.' });
    const w = mountPanel(FoundHubsTable);
    const discovery = useDiscoveryStore();
    discovery.listen();
    discovery.target = '192.0.2.0/24';
    await discovery.start();
    api.emit('discovery:found', { sweepId: 'sw1', hub: found });
    await flushPromises();
    await w.get('[data-test="found-row"] input[type="checkbox"]').setValue(true);
    await w.get('[data-test="add-selected"]').trigger('click');
    await flushPromises();
    expect(api.callsTo('discovery:addFound')).toEqual([{ sweepId: 'sw1', candidateIds: ['c2'], siteId: 's1' }]);
    const errors = w.emitted('error') as Array<[{ message: string } | null]>;
    expect(errors.at(0)?.[0]).toBeNull();
    expect(errors.at(-1)?.[0]?.message).toBe('That sweep is over.');
    w.unmount();
  });

  it('says nothing was found once a sweep ends empty', async () => {
    const w = mountPanel(FoundHubsTable);
    useDiscoveryStore().phase = 'done';
    await flushPromises();
    expect(w.text()).toContain('No hub answered');
    expect(w.find('[data-test="found-table"]').exists()).toBe(false);
    w.unmount();
  });
});

describe('ManualAddPanel', () => {
  it('keeps only the lines that failed, each with its reason, and counts what was added', async () => {
    api.reply('discovery:addManual', {
      entries: [
        { input: '192.0.2.2', line: 1, outcome: 'hub', hub: null, message: null },
        { input: '192.0.2.3', line: 2, outcome: 'unreachable', hub: null, message: null },
      ],
      added: [],
      existing: ['h1'],
    });
    const w = mountPanel(ManualAddPanel);
    await w.get('[data-test="manual-text"]').setValue('192.0.2.2\n192.0.2.3');
    await w.get('[data-test="manual-add"]').trigger('click');
    await flushPromises();
    expect(api.callsTo('discovery:addManual')).toEqual([{ text: '192.0.2.2\n192.0.2.3', siteId: 's1' }]);
    expect((w.get('[data-test="manual-text"]').element as HTMLTextAreaElement).value).toBe('192.0.2.3');
    const lines = w.findAll('[data-test="line-error"]');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.text()).toContain('192.0.2.3');
    expect(w.get('[data-test="manual-summary"]').classes()).not.toContain('ok-line');
    w.unmount();
  });

  it('focus() puts the caret in the address box (the menu’s "Add hub…")', async () => {
    const w = mountPanel(ManualAddPanel);
    (w.vm as unknown as { focus(): void }).focus();
    expect(document.activeElement).toBe(w.get('[data-test="manual-text"]').element);
    w.unmount();
  });
});

describe('ImportPanel', () => {
  it('imports pasted JSON as JSON and shows the summary in the panel', async () => {
    api.reply('inventory:importText', {
      cancelled: false,
      fileName: null,
      report: { format: 'json', added: 2, updated: 0, sitesAdded: 1, bad: [], warnings: [] },
    });
    const w = mountPanel(ImportPanel);
    await w.get('[data-test="import-text"]').setValue('{"schemaVersion":1}');
    await w.get('input[type="radio"][value="json"]').setValue(true);
    await w.get('[data-test="import-paste"]').trigger('click');
    await flushPromises();
    expect(api.callsTo('inventory:importText')).toEqual([{ text: '{"schemaVersion":1}', format: 'json' }]);
    expect(w.get('[data-test="import-summary"]').classes()).toContain('ok-line');
    w.unmount();
  });

  it('offers the page’s own file picker without native dialogs, the dialog button with them', async () => {
    const web = mountPanel(ImportPanel, false);
    expect(web.find('[data-test="import-file-input"]').exists()).toBe(true);
    expect(web.find('[data-test="import-file"]').exists()).toBe(false);
    web.unmount();
    api.reply('inventory:importFile', { cancelled: true, fileName: null, report: null });
    const app = mountPanel(ImportPanel, true);
    await app.get('[data-test="import-file"]').trigger('click');
    await flushPromises();
    expect(api.callsTo('inventory:importFile')).toHaveLength(1);
    app.unmount();
  });
});

describe('DiscoveryView composes the panels', () => {
  it('runs the menu’s pending "Import…" through the import panel once, then forgets it', async () => {
    api.reply('inventory:importFile', { cancelled: true, fileName: null, report: null });
    const w = mountWith(
      DiscoveryView,
      { attachTo: document.body },
      {
        stubActions: false,
        initialState: { app: { pendingDiscoveryAction: 'import' } },
      },
    );
    await flushPromises();
    expect(api.callsTo('inventory:importFile')).toHaveLength(1);
    expect(useAppStore().pendingDiscoveryAction).toBeNull();
    w.unmount();
  });

  it('focuses the manual address box for the menu’s pending "Add hub…"', async () => {
    const w = mountWith(
      DiscoveryView,
      { attachTo: document.body },
      { stubActions: false, initialState: { app: { pendingDiscoveryAction: 'add-hub' } } },
    );
    await flushPromises();
    expect(document.activeElement).toBe(w.get('[data-test="manual-text"]').element);
    w.unmount();
  });
});
