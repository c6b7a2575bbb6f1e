import { describe, expect, it, vi } from 'vitest';
import { contextMenuTemplate, type ContextParams } from '../../electron/main/context-menu';
import { installCrashHandlers, type CrashHandlerDeps } from '../../electron/main/crash-handlers';
import { supportActions } from '../../electron/main/support-actions';

type Listener = (...args: unknown[]) => void;

function harness(answer: number | (() => Promise<{ response: number }>)) {
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
    language: () => 'en' as const,
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
});

describe('Help support actions', () => {
  function deps(response = 0) {
    return {
      logFolder: '/logs',
      diagnosticsText: () => 'Hubkeeper diagnostics',
      clipboard: { writeText: vi.fn() },
      shell: { openPath: vi.fn(async () => '') },
      showMessageBox: vi.fn(async (_options: Record<string, unknown>) => ({ response })),
      language: () => 'en' as const,
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
    const box = d.showMessageBox.mock.calls[0]![0] as unknown as { detail: string; buttons: string[] };
    expect(box.detail).toMatch(/what you were doing/);
    expect(box.detail).toMatch(/Passwords, tokens and cookies are removed/);
    expect(box.buttons).toEqual(['Copy Diagnostics', 'Open Log Folder', 'Close']);
    expect(d.clipboard.writeText).toHaveBeenCalledTimes(2); // "Copy Diagnostics" pressed in the dialog
  });
});
