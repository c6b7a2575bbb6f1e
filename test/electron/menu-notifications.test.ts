import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, type MenuActions } from '../../electron/main/menu';
import { notifyUpdateEnded, updateEndedNotification } from '../../electron/main/notifications';
import type { UpdateRecord } from '../../electron/shared/timeline';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

function actions() {
  return {
    command: vi.fn(),
    setLanguage: vi.fn(),
    setTheme: vi.fn(),
    quit: vi.fn(),
    openLogFolder: vi.fn(),
    copyDiagnostics: vi.fn(),
    reportProblem: vi.fn(),
  } satisfies MenuActions;
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

  it('has the standard Edit roles, View zoom and full screen, and the Help support items, in both languages', () => {
    for (const language of ['en', 'zh-CN'] as const) {
      const a = actions();
      const items = flatten(
        buildMenuTemplate({
          language,
          uiLanguage: language,
          theme: 'system',
          isPackaged: true,
          platform: 'linux',
          actions: a,
        }),
      );
      const roles = items.map((i) => i.role).filter(Boolean);
      for (const role of [
        'undo',
        'redo',
        'cut',
        'copy',
        'paste',
        'selectAll',
        'resetZoom',
        'zoomIn',
        'zoomOut',
        'togglefullscreen',
      ])
        expect(roles).toContain(role);
      // Every role item carries a label in the menu's language (Electron's own would be English).
      expect(items.filter((i) => i.role && i.role !== 'appMenu').every((i) => typeof i.label === 'string')).toBe(true);
      const help = items.find((i) => i.label === (language === 'en' ? 'Help' : '帮助'))!;
      const labels = (help.submenu as MenuItemConstructorOptions[]).map((i) => i.label).filter(Boolean);
      expect(labels).toEqual(
        language === 'en'
          ? ['Open Log Folder', 'Copy Diagnostics', 'Report a Problem…', 'About Hubkeeper']
          : ['打开日志文件夹', '复制诊断信息', '报告问题…', '关于 Hubkeeper'],
      );
      for (const item of (help.submenu as MenuItemConstructorOptions[]).slice(0, 3)) click(item);
      expect(a.openLogFolder).toHaveBeenCalledTimes(1);
      expect(a.copyDiagnostics).toHaveBeenCalledTimes(1);
      expect(a.reportProblem).toHaveBeenCalledTimes(1);
    }
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
    ).toContain('未能验证');
    expect(
      updateEndedNotification({ hubId: 'h', hubName: 'Lab', record: { ...record, outcome: 'in-progress' } }, 'en'),
    ).toBeNull();
  });

  it('words each outcome in Chinese with the window’s terms, and a failure without a code in both languages', () => {
    const zh = (r: Partial<UpdateRecord>) =>
      updateEndedNotification({ hubId: 'h', hubName: 'Lab', record: { ...record, ...r } }, 'zh-CN')!;
    expect(zh({ outcome: 'verified' })).toEqual({ title: 'Lab：升级已验证', body: '已从 2.1.27 升级到 2.1.28。' });
    expect(zh({ outcome: 'failed', to: null, updateResult: 11 })).toEqual({
      title: 'Lab：升级失败',
      body: 'Hub 报告错误码 11，仍为 2.1.27。',
    });
    expect(zh({ outcome: 'failed', updateResult: null }).body).toBe('升级失败，仍为 2.1.27。');
    expect(zh({ outcome: 'unverified', to: null }).body).toBe('未能确认新版本（读到 ?）。请检查该 Hub。');
    expect(
      updateEndedNotification(
        { hubId: 'h', hubName: 'Lab', record: { ...record, outcome: 'failed', updateResult: null } },
        'en',
      )!.body,
    ).toBe('The update failed; still on 2.1.27.');
  });

  it('takes a hub name with message syntax in it as plain text', () => {
    const text = updateEndedNotification({ hubId: 'h', hubName: 'Rack {a} @:menu.file |', record }, 'zh-CN')!;
    expect(text.title).toBe('Rack {a} @:menu.file |：升级已验证');
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

  it('calls back with the hub when the notification is clicked', () => {
    let clicked: (() => void) | null = null;
    class N {
      static isSupported = () => true;
      constructor(public options: unknown) {}
      on(_event: 'click', fn: () => void) {
        clicked = fn;
      }
      show() {}
    }
    const onClick = vi.fn();
    notifyUpdateEnded(N, { hubId: 'hub-9', hubName: 'Lab', record }, 'en', onClick);
    expect(onClick).not.toHaveBeenCalled();
    clicked!();
    expect(onClick).toHaveBeenCalledWith('hub-9');
  });
});
