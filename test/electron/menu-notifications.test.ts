import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, type MenuActions } from '../../electron/main/menu';
import { notifyUpdateEnded, updateEndedNotification } from '../../electron/main/notifications';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

function actions() {
  return { command: vi.fn(), setLanguage: vi.fn(), setTheme: vi.fn(), quit: vi.fn() } satisfies MenuActions;
}

const click = (item: MenuItemConstructorOptions | undefined) => (item!.click as () => void)();

describe('native menu', () => {
  it('offers add hub, import, export report, language, theme and about', () => {
    const a = actions();
    const items = flatten(
      buildMenuTemplate({
        language: 'en',
        uiLanguage: 'en',
        theme: 'system',
        isPackaged: true,
        platform: 'linux',
        actions: a,
      }),
    );
    const byLabel = (l: string) => items.find((i) => i.label === l);
    click(byLabel('Add Hub…'));
    click(byLabel('Import Inventory…'));
    click(byLabel('Export Report…'));
    click(byLabel('About Hubkeeper'));
    expect(a.command.mock.calls.map((c) => c[0])).toEqual(['add-hub', 'import-inventory', 'export-report', 'about']);
    click(byLabel('简体中文'));
    expect(a.setLanguage).toHaveBeenCalledWith('zh-CN');
    click(byLabel('Dark'));
    expect(a.setTheme).toHaveBeenCalledWith('dark');
    expect(byLabel('Follow System')!.checked).toBe(true);
    expect(items.some((i) => i.role === 'toggleDevTools' || i.role === 'reload')).toBe(false);
  });

  it('speaks Chinese and offers DevTools only unpackaged', () => {
    const items = flatten(
      buildMenuTemplate({
        language: 'zh-CN',
        uiLanguage: 'zh-CN',
        theme: 'dark',
        isPackaged: false,
        platform: 'darwin',
        actions: actions(),
      }),
    );
    expect(items.some((i) => i.label === '添加 Hub…')).toBe(true);
    expect(items.some((i) => i.role === 'toggleDevTools')).toBe(true);
    expect(items[0]!.role).toBe('appMenu');
  });

  it('offers the system language, checked while the setting follows it, with labels in the resolved language', () => {
    const a = actions();
    const items = flatten(
      buildMenuTemplate({
        language: 'system',
        uiLanguage: 'zh-CN',
        theme: 'system',
        isPackaged: true,
        platform: 'linux',
        actions: a,
      }),
    );
    const system = items.find((i) => i.label === '系统语言')!;
    expect(system.checked).toBe(true);
    expect(items.find((i) => i.label === 'English')!.checked).toBe(false);
    expect(items.some((i) => i.label === '添加 Hub…')).toBe(true);
    click(items.find((i) => i.label === 'English'));
    click(system);
    expect(a.setLanguage.mock.calls).toEqual([['en'], ['system']]);
  });
});

describe('update notifications', () => {
  const record = {
    from: '2.1.27',
    to: '2.1.28',
    outcome: 'verified' as const,
    startedAt: 'a',
    endedAt: 'b',
    updateResult: null,
  };

  it('words each outcome, in both languages', () => {
    expect(updateEndedNotification({ hubId: 'h', hubName: 'Lab', record }, 'en')).toEqual({
      title: 'Lab: update verified',
      body: 'Now running 2.1.28 (was 2.1.27).',
    });
    expect(
      updateEndedNotification(
        { hubId: 'h', hubName: 'Lab', record: { ...record, outcome: 'failed', to: null, updateResult: 11 } },
        'en',
      )!.body,
    ).toContain('11');
    expect(
      updateEndedNotification({ hubId: 'h', hubName: 'Lab', record: { ...record, outcome: 'unverified' } }, 'zh-CN')!
        .title,
    ).toContain('未确认');
    expect(
      updateEndedNotification({ hubId: 'h', hubName: 'Lab', record: { ...record, outcome: 'in-progress' } }, 'en'),
    ).toBeNull();
  });

  it('shows one when supported, none otherwise', () => {
    const shown: unknown[] = [];
    class N {
      static supported = true;
      static isSupported() {
        return N.supported;
      }
      constructor(public options: unknown) {}
      show() {
        shown.push(this.options);
      }
    }
    expect(notifyUpdateEnded(N, { hubId: 'h', hubName: 'Lab', record }, 'en')).toBe(true);
    N.supported = false;
    expect(notifyUpdateEnded(N, { hubId: 'h', hubName: 'Lab', record }, 'en')).toBe(false);
    expect(shown).toHaveLength(1);
  });
});
