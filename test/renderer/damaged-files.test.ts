import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { AppInfo } from '../../electron/shared/contract';
import { DEFAULT_MONITOR_CONFIG } from '../../electron/shared/monitor';
import NoticeStack from '../../renderer/src/components/NoticeStack.vue';
import { i18n } from '../../renderer/src/i18n';
import { useAppStore } from '../../renderer/src/stores/app';
import { useNoticesStore } from '../../renderer/src/stores/notices';
import { FakeApi, installApi, removeApi } from './fake-api';
import { mountWith } from './mount';

/** The window's side of "damaged files are kept": one banner per file moved aside, until dismissed. */
const info: AppInfo = {
  name: 'Hubkeeper',
  version: '0.1.0',
  transport: 'web',
  platform: 'linux',
  keychain: { available: true, backend: 'memory', reason: null },
  capabilities: { printPdf: false, openExternal: false, fileDialogs: false },
  damagedFiles: [
    {
      name: 'inventory.json',
      movedTo: 'inventory.json.damaged-2026-12-06T22-00-00-000Z',
      at: '2026-12-06T22:00:00.000Z',
    },
  ],
};

let api: FakeApi;
beforeEach(() => {
  setActivePinia(createPinia());
  api = new FakeApi();
  installApi(api);
  i18n.global.locale.value = 'en';
});
afterEach(removeApi);

describe('damaged data files', () => {
  it('shows a banner naming the file and where it was kept, in English and Chinese, until dismissed', async () => {
    api.reply('app:info', info);
    api.reply('settings:get', {
      monitor: { ...DEFAULT_MONITOR_CONFIG },
      language: 'en',
      theme: 'system',
      technician: '',
    });
    await useAppStore().start();
    const notices = useNoticesStore();
    const shown = notices.notices.filter((n) => n.key === 'dataFolder.damaged');
    expect(shown).toHaveLength(1);
    expect(shown[0]!.tone).toBe('warn');
    const { t } = i18n.global;
    expect(t(shown[0]!.key, shown[0]!.params!)).toBe(
      'inventory.json in the data folder was damaged and could not be used. It was kept as inventory.json.damaged-2026-12-06T22-00-00-000Z; Hubkeeper went on without it.',
    );
    i18n.global.locale.value = 'zh-CN';
    expect(t(shown[0]!.key, shown[0]!.params!)).toContain('已损坏');
    expect(t(shown[0]!.key, shown[0]!.params!)).toContain('inventory.json.damaged-2026-12-06T22-00-00-000Z');
  });

  it('is dismissed from the keyboard and does not go away by itself', async () => {
    const wrapper = mountWith(
      NoticeStack,
      { attachTo: document.body },
      {
        stubActions: false,
        initialState: {
          notices: {
            notices: [
              {
                id: 1,
                tone: 'warn',
                key: 'dataFolder.damaged',
                params: { name: 'status.json', movedTo: 'status.json.damaged-x' },
              },
            ],
          },
        },
      },
    );
    expect(wrapper.text()).toContain('status.json in the data folder was damaged');
    const dismiss = wrapper.get('[data-test="dismiss"]');
    expect(dismiss.element.tagName).toBe('BUTTON');
    await dismiss.trigger('click');
    expect(wrapper.text()).not.toContain('status.json');
    wrapper.unmount();
  });
});
