import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { translator } from '../../electron/core/i18n';
import { contextMenuTemplate, type ContextParams } from '../../electron/main/context-menu';
import { installCrashHandlers, type CrashHandlerDeps } from '../../electron/main/crash-handlers';
import { buildMenuTemplate, type MenuActions } from '../../electron/main/menu';
import { supportActions } from '../../electron/main/support-actions';
import type { UiLanguage } from '../../electron/shared/language';

type Listener = (...args: unknown[]) => void;

function harness(answer: number | (() => Promise<{ response: number }>), language: () => UiLanguage = () => 'en') {
  const app = new Map<string, Listener>();
  const proc = new Map<string, Listener>();
  const lines: [string, string, unknown][] = [];
  const at = (level: string) => (m: string, d?: unknown) => lines.push([level, m, d]);
  const showMessageBox = vi.fn<(options: Record<string, unknown>) => Promise<{ response: number }>>(
    typeof answer === 'number' ? async () => ({ response: answer }) : answer,
  );
  const deps = {
    app: { on: (e: string, fn: Listener) => app.set(e, fn) },
    process: { on: (e: string, fn: Listener) => proc.set(e, fn) },
    showMessageBox,
    log: { info: at('info'), warn: at('warn'), error: at('error') },
    language,
    reload: vi.fn(),
    quit: vi.fn(),
  };
  const crashes = installCrashHandlers(deps as unknown as CrashHandlerDeps);
  return { app, proc, lines, deps, showMessageBox, crashes };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('crash handlers', () => {
  it('logs a lost window process and reloads the window when the user says so', async () => {
    const h = harness(0);
    h.app.get('render-process-gone')!({}, {}, { reason: 'crashed', exitCode: 139 });
    await settle();
    expect(h.lines[0]).toEqual(['error', 'window process gone', { reason: 'crashed', exitCode: 139 }]);
    expect(h.showMessageBox.mock.calls[0]![0]).toMatchObject({ buttons: ['Reload Window', 'Quit'] });
    expect(h.deps.reload).toHaveBeenCalledTimes(1);
  });

  it('quits through the usual (bounded, store-flushing) quit when asked, and says nothing on a clean exit', async () => {
    const h = harness(1);
    h.app.get('render-process-gone')!({}, {}, { reason: 'clean-exit', exitCode: 0 });
    await settle();
    expect(h.showMessageBox).not.toHaveBeenCalled();
    h.app.get('render-process-gone')!({}, {}, { reason: 'oom', exitCode: 1 });
    await settle();
    expect(h.deps.quit).toHaveBeenCalledTimes(1);
    expect(h.deps.reload).not.toHaveBeenCalled();
  });

  it('logs helper processes that die; only a dead GPU process offers a reload', async () => {
    const h = harness(0);
    h.app.get('child-process-gone')!({}, { type: 'Utility', reason: 'crashed', exitCode: 1, serviceName: 'network' });
    await settle();
    expect(h.showMessageBox).not.toHaveBeenCalled();
    h.app.get('child-process-gone')!({}, { type: 'GPU', reason: 'crashed', exitCode: 1 });
    await settle();
    expect(h.lines.map((l) => l[1])).toEqual(['helper process gone', 'helper process gone']);
    expect(h.deps.reload).toHaveBeenCalledTimes(1);
  });

  it('offers one dialog at a time for a burst of main-process errors and rejections; each is logged', async () => {
    let answer!: (v: { response: number }) => void;
    const h = harness(() => new Promise((r) => (answer = r)));
    h.proc.get('uncaughtException')!(new Error('first'));
    h.proc.get('unhandledRejection')!(new Error('second'));
    h.proc.get('uncaughtException')!(new Error('third'));
    expect(h.lines.map((l) => l[0])).toEqual(['error', 'error', 'error']);
    expect(h.showMessageBox).toHaveBeenCalledTimes(1);
    expect(h.showMessageBox.mock.calls[0]![0]).toMatchObject({ buttons: ['Reload Window', 'Keep Running', 'Quit'] });
    answer({ response: 1 }); // keep running
    await settle();
    expect(h.deps.reload).not.toHaveBeenCalled();
    expect(h.deps.quit).not.toHaveBeenCalled();
    h.proc.get('unhandledRejection')!('again');
    expect(h.showMessageBox).toHaveBeenCalledTimes(2);
  });

  it('watches the window for hangs: wait, or reload', async () => {
    const h = harness(0);
    const events = new Map<string, () => void>();
    h.crashes.watchWindow({ isDestroyed: () => false, on: (e, fn) => events.set(e, fn) });
    events.get('unresponsive')!();
    await settle();
    expect(h.showMessageBox.mock.calls[0]![0]).toMatchObject({ buttons: ['Reload Window', 'Wait', 'Quit'] });
    expect(h.deps.reload).toHaveBeenCalledTimes(1);
    events.get('responsive')!();
    expect(h.lines.map((l) => l[1])).toEqual(['window not responding', 'window responding again']);
  });
});

describe('the crash dialog in the UI language', () => {
  it('asks in English or in Chinese, in the language of the moment, naming the menu items as the menu does', async () => {
    let language: UiLanguage = 'en';
    const h = harness(2, () => language);
    h.app.get('render-process-gone')!({}, {}, { reason: 'crashed', exitCode: 139 });
    await settle();
    expect(h.showMessageBox.mock.calls[0]![0]).toMatchObject({
      title: 'The window stopped',
      message: 'The Hubkeeper window stopped unexpectedly.',
      detail: expect.stringContaining('(Help → Open Log Folder)'),
      buttons: ['Reload Window', 'Quit'],
    });
    language = 'zh-CN'; // the setting changed since: the next dialog follows
    h.proc.get('uncaughtException')!(new Error('boom'));
    await settle();
    const box = h.showMessageBox.mock.calls[1]![0] as {
      title: string;
      message: string;
      detail: string;
      buttons: string[];
    };
    expect(box).toMatchObject({
      title: '出现问题',
      message: 'Hubkeeper 遇到意外错误。',
      buttons: ['重新加载窗口', '继续运行', '退出'],
    });
    expect(box.detail).toContain('（帮助 → 打开日志文件夹）');
    // No English left: only names (Hubkeeper, Hub) are in Latin letters.
    const all = `${box.title}${box.message}${box.detail}${box.buttons.join('')}`;
    expect(all.replace(/Hubkeeper|Hub/g, '')).not.toMatch(/[A-Za-z]/);
    // "Quit" (the third button) still quits in Chinese: the answer is read by position.
    expect(h.deps.quit).toHaveBeenCalledTimes(1);
  });

  it('says "Wait" when the window hangs, in Chinese too', async () => {
    const h = harness(1, () => 'zh-CN');
    const events = new Map<string, () => void>();
    h.crashes.watchWindow({ isDestroyed: () => false, on: (e, fn) => events.set(e, fn) });
    events.get('unresponsive')!();
    await settle();
    expect(h.showMessageBox.mock.calls[0]![0]).toMatchObject({
      title: '窗口无响应',
      buttons: ['重新加载窗口', '等待', '退出'],
    });
    expect(h.deps.reload).not.toHaveBeenCalled();
    expect(h.deps.quit).not.toHaveBeenCalled();
  });
});

describe('context menu', () => {
  const flags = { canUndo: true, canRedo: false, canCut: true, canCopy: true, canPaste: true, canSelectAll: true };
  const params = (p: Partial<ContextParams>): ContextParams => ({
    isEditable: false,
    selectionText: '',
    editFlags: flags,
    ...p,
  });

  it('offers edit commands in text fields, Copy on a selection (a copyable cell), nothing elsewhere', () => {
    const editable = contextMenuTemplate(params({ isEditable: true }), 'en')!;
    expect(editable.filter((i) => i.role).map((i) => [i.role, i.enabled])).toEqual([
      ['undo', true],
      ['redo', false],
      ['cut', true],
      ['copy', true],
      ['paste', true],
      ['selectAll', true],
    ]);
    expect(contextMenuTemplate(params({ selectionText: '2.1.28' }), 'zh-CN')).toEqual([
      { label: '复制', role: 'copy' },
    ]);
    expect(contextMenuTemplate(params({ selectionText: '  ' }), 'en')).toBeNull();
  });

  it('names the edit commands as the Edit menu does, in English and in Chinese', () => {
    const labels = (language: UiLanguage) =>
      contextMenuTemplate(params({ isEditable: true }), language)!
        .filter((i) => i.role)
        .map((i) => i.label);
    expect(labels('en')).toEqual(['Undo', 'Redo', 'Cut', 'Copy', 'Paste', 'Select All']);
    expect(labels('zh-CN')).toEqual(['撤销', '重做', '剪切', '复制', '粘贴', '全选']);
    const edit = (language: UiLanguage) =>
      (
        buildMenuTemplate({
          language,
          uiLanguage: language,
          theme: 'system',
          isPackaged: true,
          platform: 'linux',
          actions: {} as MenuActions,
        }).find((m) => m.label === translator(language).t('menu.edit'))!.submenu as MenuItemConstructorOptions[]
      )
        .filter((i) => i.role)
        .map((i) => i.label);
    for (const language of ['en', 'zh-CN'] as const) expect(labels(language)).toEqual(edit(language));
    expect(contextMenuTemplate(params({ selectionText: 'AA:BB' }), 'en')).toEqual([{ label: 'Copy', role: 'copy' }]);
  });
});

describe('Help support actions', () => {
  function deps(response = 0, language: () => UiLanguage = () => 'en') {
    return {
      logFolder: '/logs',
      diagnosticsText: () => 'Hubkeeper diagnostics',
      clipboard: { writeText: vi.fn() },
      shell: { openPath: vi.fn(async () => '') },
      showMessageBox: vi.fn(async (_options: Record<string, unknown>) => ({ response })),
      language,
      log: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
    };
  }

  it('opens the log folder, copies the diagnostics, and explains what to send', async () => {
    const d = deps(0);
    const s = supportActions(d);
    s.openLogFolder();
    expect(d.shell.openPath).toHaveBeenCalledWith('/logs');
    s.copyDiagnostics();
    expect(d.clipboard.writeText).toHaveBeenCalledWith('Hubkeeper diagnostics');
    s.reportProblem();
    await settle();
    const box = d.showMessageBox.mock.calls.find((c) => c[0].title === 'Report a problem')![0] as unknown as {
      detail: string;
      buttons: string[];
    };
    expect(box.detail).toMatch(/what you were doing/);
    expect(box.detail).toMatch(/Passwords, tokens and cookies are removed/);
    expect(box.buttons).toEqual(['Copy Diagnostics', 'Open Log Folder', 'Close']);
    expect(d.clipboard.writeText).toHaveBeenCalledTimes(2); // "Copy Diagnostics" pressed in the dialog
  });

  it('explains what to send in Chinese when the UI speaks Chinese, naming the menu items as the menu does', async () => {
    const d = deps(1, () => 'zh-CN');
    supportActions(d).reportProblem();
    await settle();
    const box = d.showMessageBox.mock.calls.find((c) => c[0].title === '报告问题')![0] as unknown as {
      title: string;
      message: string;
      detail: string;
      buttons: string[];
    };
    expect(box.title).toBe('报告问题');
    expect(box.message).toBe('报告问题时请提供的信息');
    expect(box.detail).toContain('选择“复制诊断信息”');
    expect(box.detail).toContain('密码、令牌和 Cookie 已删除');
    expect(box.buttons).toEqual(['复制诊断信息', '打开日志文件夹', '关闭']);
    // No English sentence left: only names (Hubkeeper, Electron, Hub, Cookie) are in Latin letters.
    expect(box.detail.replace(/Hubkeeper|Electron|Hub|Cookie/g, '')).not.toMatch(/[A-Za-z]/);
    expect(d.shell.openPath).toHaveBeenCalledWith('/logs'); // "打开日志文件夹" pressed
  });

  it('confirms that the diagnostics are on the clipboard, in English or in Chinese', async () => {
    let language: UiLanguage = 'en';
    const d = deps(0, () => language);
    const s = supportActions(d);
    s.copyDiagnostics();
    expect(d.showMessageBox.mock.calls[0]![0]).toMatchObject({
      type: 'info',
      title: 'Copy Diagnostics',
      message: 'The diagnostics are on the clipboard.',
      detail: expect.stringContaining('Passwords, tokens and cookies are removed'),
      buttons: ['Close'],
    });
    language = 'zh-CN';
    s.copyDiagnostics();
    expect(d.showMessageBox.mock.calls[1]![0]).toMatchObject({
      type: 'info',
      title: '复制诊断信息',
      message: '诊断信息已复制到剪贴板。',
      detail: expect.stringContaining('密码、令牌和 Cookie 已删除'),
      buttons: ['关闭'],
    });
  });

  it('says so when the diagnostics could not be copied, and where the details are', async () => {
    for (const [language, message, where] of [
      ['en', 'The diagnostics could not be copied.', 'under Settings → Diagnostics…, to select and copy'],
      ['zh-CN', '无法复制诊断信息。', '窗口中的“设置 → 诊断信息…”显示相同的文字'],
    ] as const) {
      const d = deps(0, () => language);
      d.clipboard.writeText.mockImplementation(() => {
        throw new Error('no clipboard');
      });
      supportActions(d).copyDiagnostics();
      const box = d.showMessageBox.mock.calls[0]![0] as { type: string; message: string; detail: string };
      expect(box.type).toBe('warning');
      expect(box.message).toBe(message);
      expect(box.detail).toContain(where);
      expect(d.log.error).toHaveBeenCalledWith('the diagnostics could not be copied', expect.anything());
    }
  });
});
