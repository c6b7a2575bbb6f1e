import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import SettingsView from '../../renderer/src/views/SettingsView.vue';
import { useSettingsStore } from '../../renderer/src/stores/settings';
import { DEFAULT_MONITOR_CONFIG } from '../../electron/shared/monitor';
import type { Settings } from '../../electron/shared/contract';
import { i18n } from '../../renderer/src/i18n';
import { FakeApi, installApi, removeApi } from './fake-api';
import { mountWith } from './mount';

let api: FakeApi;
const settings: Settings = { monitor: DEFAULT_MONITOR_CONFIG, language: 'en', theme: 'light', technician: 'Li Wei' };

beforeEach(() => {
  api = new FakeApi();
  installApi(api);
  // A backend that keeps what it was told, as the real one does.
  let current: Settings = { ...settings };
  api.reply('settings:get', settings).handle('settings:set', (patch) => {
    current = { ...current, ...patch, monitor: { ...current.monitor, ...patch.monitor } };
    return { ok: true, value: current };
  });
});
afterEach(() => {
  removeApi();
  i18n.global.locale.value = 'en';
  document.documentElement.removeAttribute('data-theme');
});

async function mountSettings() {
  const w = mountWith(SettingsView, { attachTo: document.body }, { stubActions: false });
  await useSettingsStore().load();
  await flushPromises();
  return w;
}

const input = (w: Awaited<ReturnType<typeof mountSettings>>, key: string) => w.get(`#set-${key}`);

describe('SettingsView', () => {
  it('edits intervals in seconds and minutes and saves them in milliseconds', async () => {
    const w = await mountSettings();
    expect((input(w, 'busyMs').element as HTMLInputElement).value).toBe('1');
    expect((input(w, 'backTimeoutMs').element as HTMLInputElement).value).toBe('15');
    expect((input(w, 'devicesEveryMs').element as HTMLInputElement).value).toBe('5');
    await input(w, 'busyMs').setValue('0.5');
    await input(w, 'idleMs').setValue('12');
    await input(w, 'backTimeoutMs').setValue('2.5');
    await w.get('[data-test="monitor-form"]').trigger('submit');
    await flushPromises();
    const [patch] = api.callsTo('settings:set') as Array<{ monitor: Record<string, number>; technician: string }>;
    expect(patch!.monitor).toMatchObject({
      busyMs: 500,
      idleMs: 12_000,
      backTimeoutMs: 150_000,
      systemEveryMs: 30_000,
      offlineAfterFailures: 3,
      maxRequestsPerSecond: 100,
      devicesEveryMs: 300_000,
    });
    expect(patch!.technician).toBe('Li Wei');
    expect(w.text()).toContain('Saved.');
    // An edit after saving takes the "Saved." away: it no longer describes what is on screen.
    await input(w, 'idleMs').setValue('13');
    expect(w.text()).not.toContain('Saved.');
    w.unmount();
  });

  it('refuses an out-of-range value in words as well as colour, and sends nothing', async () => {
    const w = await mountSettings();
    await input(w, 'busyMs').setValue('0.1');
    expect(input(w, 'busyMs').attributes('aria-invalid')).toBe('true');
    expect(w.get('#hint-busyMs').text()).toContain('Out of range');
    expect(w.get('#hint-idleMs').text()).not.toContain('Out of range');
    expect(w.get('[data-test="settings-save"]').attributes('disabled')).toBeDefined();
    await w.get('[data-test="monitor-form"]').trigger('submit');
    await flushPromises();
    expect(api.callsTo('settings:set')).toEqual([]);
    w.unmount();
  });

  it('switches language and theme at once from the radios', async () => {
    const w = await mountSettings();
    await w.get('[data-test="language-zh-CN"]').trigger('change');
    await w.get('[data-test="theme-dark"]').trigger('change');
    await flushPromises();
    expect(api.callsTo('settings:set')).toEqual([{ language: 'zh-CN' }, { theme: 'dark' }]);
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark');
    expect(w.get('h1').text()).toBe('设置');
    w.unmount();
  });

  it('keeps a theme clicked while the language change is on its way: the earlier answer does not undo it', async () => {
    const answers: Array<() => void> = [];
    let current: Settings = { ...settings };
    // A backend that answers only when the test says so, in the order asked.
    api.handle(
      'settings:set',
      (patch) =>
        new Promise((resolve) =>
          answers.push(() => {
            current = { ...current, ...patch, monitor: { ...current.monitor, ...patch.monitor } };
            resolve({ ok: true, value: current });
          }),
        ),
    );
    const w = await mountSettings();
    const checked = (test: string) => (w.get(`[data-test="${test}"]`).element as HTMLInputElement).checked;
    await w.get('[data-test="language-zh-CN"]').trigger('change');
    await w.get('[data-test="theme-dark"]').trigger('change');
    await flushPromises();
    expect(checked('theme-dark')).toBe(true);
    // The language's answer still has the old theme: the click on dark must survive it.
    answers[0]!();
    await flushPromises();
    expect(checked('theme-dark')).toBe(true);
    expect(checked('language-zh-CN')).toBe(true);
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark');
    expect(useSettingsStore().saving).toBe(true);
    answers[1]!();
    await flushPromises();
    expect(checked('theme-dark')).toBe(true);
    expect(useSettingsStore().saving).toBe(false);
    w.unmount();
  });

  it("puts the backend's value back when a change is refused, keeping a later change still on its way", async () => {
    const answers: Array<() => void> = [];
    let current: Settings = { ...settings };
    api.handle(
      'settings:set',
      (patch) =>
        new Promise((resolve) =>
          answers.push(() => {
            if (patch.language)
              return resolve({ ok: false, error: { code: 'INTERNAL', hubCode: null, message: 'disk full' } });
            current = { ...current, ...patch, monitor: { ...current.monitor, ...patch.monitor } };
            resolve({ ok: true, value: current });
          }),
        ),
    );
    const w = await mountSettings();
    const checked = (test: string) => (w.get(`[data-test="${test}"]`).element as HTMLInputElement).checked;
    await w.get('[data-test="language-zh-CN"]').trigger('change');
    await w.get('[data-test="theme-dark"]').trigger('change');
    answers[0]!();
    await flushPromises();
    expect(checked('language-en')).toBe(true);
    expect(checked('theme-dark')).toBe(true);
    answers[1]!();
    await flushPromises();
    expect(checked('language-en')).toBe(true);
    expect(checked('theme-dark')).toBe(true);
    w.unmount();
  });

  it('follows a Chinese system when the language setting is "system" (the default), and offers it as a choice', async () => {
    const languages = Object.getOwnPropertyDescriptor(Navigator.prototype, 'languages');
    Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['zh-Hans-CN', 'en-US'] });
    try {
      api.reply('settings:get', { ...settings, language: 'system' });
      const w = await mountSettings();
      expect(i18n.global.locale.value).toBe('zh-CN');
      expect(w.get('h1').text()).toBe('设置');
      expect((w.get('[data-test="language-system"]').element as HTMLInputElement).checked).toBe(true);
      await w.get('[data-test="language-en"]').setValue(true);
      await flushPromises();
      expect(i18n.global.locale.value).toBe('en');
      expect(api.callsTo('settings:set')).toContainEqual({ language: 'en' });
      w.unmount();
    } finally {
      delete (navigator as { languages?: unknown }).languages;
      if (languages) Object.defineProperty(Navigator.prototype, 'languages', languages);
    }
  });
});
