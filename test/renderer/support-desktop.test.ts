import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import App from '../../renderer/src/App.vue';
import DiagnosticsDialog from '../../renderer/src/components/DiagnosticsDialog.vue';
import SettingsView from '../../renderer/src/views/SettingsView.vue';
import { installCopyableCells } from '../../renderer/src/lib/copyable';
import { navigate, route } from '../../renderer/src/lib/router';
import { useAppStore } from '../../renderer/src/stores/app';
import { useSettingsStore } from '../../renderer/src/stores/settings';
import { i18n } from '../../renderer/src/i18n';
import { DEFAULT_MONITOR_CONFIG } from '../../electron/shared/monitor';
import type { Settings } from '../../electron/shared/contract';
import { FakeApi, installApi, removeApi } from './fake-api';
import { hub, idMap, site } from './fixtures';
import { mountWith } from './mount';

/** Issue 14 in the window: diagnostics dialog, page titles, skip link, copyable cells, notifications. */

let api: FakeApi;
beforeEach(() => {
  api = new FakeApi();
  installApi(api);
});
afterEach(() => {
  removeApi();
  i18n.global.locale.value = 'en';
  document.body.innerHTML = '';
  navigate({ name: 'fleet' });
});

describe('DiagnosticsDialog', () => {
  it('shows the backend’s diagnostics text and copies all of it', async () => {
    api.reply('app:diagnostics', { text: 'Hubkeeper diagnostics\nHubs: 3' });
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    const w = mountWith(DiagnosticsDialog, { attachTo: document.body });
    await flushPromises();
    expect((w.get('[data-test="diagnostics-text"]').element as HTMLTextAreaElement).value).toBe(
      'Hubkeeper diagnostics\nHubs: 3',
    );
    await w.get('[data-test="diagnostics-copy"]').trigger('click');
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith('Hubkeeper diagnostics\nHubs: 3');
    expect(w.text()).toContain('Copied.');
  });

  it('says why when the backend cannot give it', async () => {
    api.fail('app:diagnostics', { code: 'UNAVAILABLE', message: 'Diagnostics are not available in this build.' });
    const w = mountWith(DiagnosticsDialog, { attachTo: document.body });
    await flushPromises();
    expect(w.find('[data-test="error"]').exists()).toBe(true);
    expect(w.find('[data-test="diagnostics-copy"]').exists()).toBe(false);
  });
});

describe('the window shell', () => {
  const state = {
    hubs: {
      sites: idMap({ s1: site('s1', 'Studio') }),
      hubs: idMap({ a: hub('a', { name: '', address: '127.0.10.5' }) }),
      hubIds: ['a'],
    },
    app: { connected: true },
  };

  it('names each screen in document.title, in the UI language', async () => {
    mountWith(App, { attachTo: document.body }, { initialState: state });
    await nextTick();
    expect(document.title).toBe('Fleet — Hubkeeper');
    navigate({ name: 'hub', hubId: 'a' });
    await nextTick();
    expect(document.title).toBe('Hub 127.0.10.5 — Hubkeeper');
    i18n.global.locale.value = 'zh-CN';
    navigate({ name: 'settings' });
    await nextTick();
    expect(document.title).toBe('设置 — Hubkeeper');
  });

  it('skips to the current screen’s main content without leaving the screen', async () => {
    const w = mountWith(App, { attachTo: document.body }, { initialState: state });
    navigate({ name: 'settings' });
    await nextTick();
    await w.get('[data-test="skip-link"]').trigger('click');
    expect(route.value.name).toBe('settings');
    expect(document.activeElement?.id).toBe('main');
  });

  it('opens the hub a notification was about', () => {
    mountWith(App, { attachTo: document.body }, { initialState: state, stubActions: false });
    useAppStore().onMenu('show-hub', 'a');
    expect(route.value).toEqual({ name: 'hub', hubId: 'a' });
  });
});

describe('copyable cells', () => {
  it('a right-click selects the cell’s full value, even when it shows a short form', () => {
    document.body.innerHTML =
      '<table><tr><td><span id="v" data-copy="">2.1.28</span></td><td><span id="d" data-copy="abcdef0123456789">abcdef…</span></td></tr></table>';
    const off = installCopyableCells();
    document.getElementById('v')!.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true }));
    expect(document.getSelection()!.toString()).toBe('2.1.28');
    document.getElementById('d')!.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true }));
    expect(document.getSelection()!.toString()).toBe('abcdef0123456789');
    off();
  });
});

describe('notifications setting', () => {
  it('turns desktop notifications off and on from Settings', async () => {
    const settings: Settings = { monitor: DEFAULT_MONITOR_CONFIG, language: 'en', theme: 'light', technician: '' };
    let current: Settings = { ...settings };
    api.reply('settings:get', settings).handle('settings:set', (patch) => {
      current = { ...current, ...patch, monitor: { ...current.monitor, ...patch.monitor } };
      return { ok: true, value: current };
    });
    const w = mountWith(SettingsView, { attachTo: document.body }, { stubActions: false });
    await useSettingsStore().load();
    await flushPromises();
    const box = w.get('[data-test="notifications-toggle"]');
    expect((box.element as HTMLInputElement).checked).toBe(true);
    await box.setValue(false);
    await flushPromises();
    expect(api.callsTo('settings:set')).toContainEqual({ notifications: false });
    expect(current.notifications).toBe(false);
  });
});
