import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { HostPort } from '../../electron/core/app/ports';
import { CALL_CHANNELS } from '../../electron/shared/contract';

// start.ts composes the app. With electron and the backend mocked, check that the pieces are
// connected the secure way: guarded in-memory session serving app://, every channel behind the
// IPC wrapper, the window from the factory on our entry URL, menu, notifications, window state.
type Fn = (...a: unknown[]) => unknown;
const h = vi.hoisted(() => {
  const root = { dir: '' };
  const sessions = new Map<string, Record<string, unknown>>();
  const windows: { options: Record<string, unknown>; win: Record<string, unknown> }[] = [];
  const ipc = new Map<string, Fn>();
  const appEvents = new Map<string, Fn>();
  const notifications: unknown[] = [];
  const notificationClicks: (() => void)[] = [];
  const settings = { language: 'en', theme: 'system', notifications: true as boolean | undefined };
  const clipboard: string[] = [];
  const popups: unknown[] = [];
  const backend = {
    updateEnded: null as null | Fn,
    settingsChanged: null as null | Fn,
    connected: [] as { id: string; send: Fn }[],
    invoke: null as unknown as Fn,
  };
  return {
    root,
    sessions,
    windows,
    ipc,
    appEvents,
    notifications,
    systemLanguages: ['en-US'],
    notificationClicks,
    settings,
    clipboard,
    popups,
    backend,
    menus: [] as unknown[],
  };
});

vi.mock('electron', () => {
  const makeSession = (partition: string) => {
    const s: Record<string, unknown> = {
      partition,
      handled: new Map<string, Fn>(),
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      setSpellCheckerEnabled: vi.fn(),
      webRequest: { onBeforeRequest: vi.fn() },
    };
    s.protocol = { handle: (scheme: string, fn: Fn) => (s.handled as Map<string, Fn>).set(scheme, fn) };
    h.sessions.set(partition, s);
    return s;
  };
  class BrowserWindow {
    webContents: Record<string, unknown>;
    private listeners = new Map<string, Fn[]>();
    constructor(options: Record<string, unknown>) {
      const handlers = new Map<string, Fn[]>();
      this.webContents = {
        mainFrame: { url: 'app://renderer/index.html' },
        send: vi.fn(),
        on: (e: string, fn: Fn) => handlers.set(e, [...(handlers.get(e) ?? []), fn]),
        setWindowOpenHandler: vi.fn(),
        handlers,
      };
      h.windows.push({ options, win: this as unknown as Record<string, unknown> });
    }
    loadURL = vi.fn(async () => {});
    once() {}
    on(e: string, fn: Fn) {
      this.listeners.set(e, [...(this.listeners.get(e) ?? []), fn]);
    }
    emit(e: string) {
      for (const fn of this.listeners.get(e) ?? []) fn();
    }
    isDestroyed = () => false;
    isMinimized = () => false;
    focus = vi.fn();
    isMaximized = () => false;
    maximize = vi.fn();
    getNormalBounds = () => ({ x: 10, y: 10, width: 1200, height: 800 });
  }
  class Notification {
    static isSupported = () => true;
    constructor(public options: unknown) {}
    on(_event: string, fn: () => void) {
      h.notificationClicks.push(fn);
    }
    show() {
      h.notifications.push(this.options);
    }
  }
  return {
    app: {
      isPackaged: true,
      getPath: (name: string) => path.join(h.root.dir, name),
      getAppPath: () => h.root.dir,
      getVersion: () => '1.2.3',
      getPreferredSystemLanguages: () => h.systemLanguages,
      on: (e: string, fn: Fn) => h.appEvents.set(e, fn),
      quit: vi.fn(),
    },
    BrowserWindow,
    Notification,
    session: { fromPartition: (p: string) => h.sessions.get(p) ?? makeSession(p) },
    ipcMain: { handle: (ch: string, fn: Fn) => h.ipc.set(ch, fn), removeHandler: (ch: string) => h.ipc.delete(ch) },
    Menu: {
      buildFromTemplate: (t: unknown) => ({ template: t, popup: () => h.popups.push(t) }),
      setApplicationMenu: (m: unknown) => h.menus.push(m),
    },
    clipboard: { writeText: (text: string) => h.clipboard.push(text) },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'basic_text',
      encryptString: vi.fn(),
      decryptString: vi.fn(),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    dialog: {
      showMessageBox: vi.fn(() => new Promise(() => {})),
      showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })),
    },
    shell: { openExternal: vi.fn() },
  };
});

vi.mock('../../electron/core/app/backend', () => ({
  createBackend: vi.fn(async (options: { secrets: { availability(): unknown } }) => ({
    secretsGiven: options.secrets,
    dispatcher: {
      invoke: (...a: unknown[]) => (h.backend.invoke as Fn)(...a),
      connect: (client: { id: string; send: Fn }) => {
        h.backend.connected.push(client);
        return () => {};
      },
      broadcast: vi.fn(),
    },
    services: {
      settings: {
        get: () => h.settings,
        set: vi.fn(),
        onChange: (fn: Fn) => ((h.backend.settingsChanged = fn), () => {}),
      },
      monitor: { onUpdateEnded: (fn: Fn) => ((h.backend.updateEnded = fn), () => {}) },
      inventory: { get: () => ({ hubs: [{ id: 'h1', name: 'Rack A', address: '127.0.0.2' }] }) },
      diagnostics: { text: () => 'Hubkeeper diagnostics (test)' },
    },
    startMonitor: () => {},
    stop: vi.fn(async () => {}),
  })),
}));

h.root.dir = mkdtempSync(path.join(tmpdir(), 'hk-start-'));
mkdirSync(path.join(h.root.dir, 'dist', 'renderer'), { recursive: true });
writeFileSync(path.join(h.root.dir, 'dist', 'renderer', 'index.html'), '<!doctype html>');
process.env.HUBKEEPER_DATA_DIR = path.join(h.root.dir, 'data');
h.backend.invoke = vi.fn(async () => ({ ok: true, value: 'handled' }));
// The crash handlers must not take over this test process's own error handling: keep them aside.
const processHandlers = new Map<string, (...a: unknown[]) => void>();
const realOn = process.on.bind(process);
vi.spyOn(process, 'on').mockImplementation(((event: string, fn: (...a: unknown[]) => void) => {
  if (event === 'uncaughtException' || event === 'unhandledRejection') processHandlers.set(event, fn);
  else realOn(event, fn);
  return process;
}) as typeof process.on);
const { startApp } = await import('../../electron/main/start');
const { mainLanguage } = await import('../../electron/main/ui-language');
const electron = await import('electron');
const running = await startApp(mainLanguage(() => electron.app.getPreferredSystemLanguages()));
afterAll(() => rmSync(h.root.dir, { recursive: true, force: true }));

describe('startApp', () => {
  it('serves app:// only on the guarded, in-memory renderer session', async () => {
    const ses = h.sessions.get('hubkeeper')!;
    expect(ses.setPermissionRequestHandler).toHaveBeenCalled();
    expect(ses.setPermissionCheckHandler).toHaveBeenCalled();
    expect((ses.webRequest as { onBeforeRequest: ReturnType<typeof vi.fn> }).onBeforeRequest).toHaveBeenCalled();
    const handler = (ses.handled as Map<string, Fn>).get('app')!;
    const res = (await handler(new Request('app://renderer/index.html'))) as Response;
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'none'");
    expect(((await handler(new Request('app://renderer/%2e%2e/data/x'))) as Response).status).toBe(404);
  });

  it('creates one window from the factory, with the bundled preload, on the entry URL', () => {
    expect(h.windows).toHaveLength(1);
    const { options, win } = h.windows[0]!;
    expect(options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      devTools: false,
      preload: expect.stringMatching(/preload\.cjs$/),
    });
    expect((options.webPreferences as { session: unknown }).session).toBe(h.sessions.get('hubkeeper'));
    expect(win.loadURL).toHaveBeenCalledWith('app://renderer/index.html');
  });

  it('guards every other webContents too', () => {
    const contents = { setWindowOpenHandler: vi.fn(), on: vi.fn() };
    h.appEvents.get('web-contents-created')!({}, contents);
    expect(contents.setWindowOpenHandler.mock.calls[0]![0]({ url: 'https://x' })).toEqual({ action: 'deny' });
    expect(contents.on).toHaveBeenCalledWith('will-attach-webview', expect.any(Function));
  });

  it('puts every contract channel behind the wrapper, answering only our window', async () => {
    expect([...h.ipc.keys()].sort()).toEqual([...CALL_CHANNELS].sort());
    const win = h.windows[0]!.win as { webContents: { mainFrame: unknown } };
    const ours = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    expect(await h.ipc.get('app:info')!(ours, {})).toEqual({ ok: true, value: 'handled' });
    const foreign = { sender: { mainFrame: {} }, senderFrame: { url: 'app://renderer/index.html' } };
    expect(await h.ipc.get('app:info')!(foreign, {})).toMatchObject({ ok: false, error: { code: 'NOT_PERMITTED' } });
  });

  it('pushes backend events to the window', () => {
    const client = h.backend.connected.find((c) => c.id === 'window')!;
    client.send('menu:command', { command: 'about' });
    const win = h.windows[0]!.win as { webContents: { send: ReturnType<typeof vi.fn> } };
    expect(win.webContents.send).toHaveBeenCalledWith('menu:command', { command: 'about' });
  });

  it('checks pushed events against the contract: a bad payload is dropped, unknown keys stripped', () => {
    const client = h.backend.connected.find((c) => c.id === 'window')!;
    const win = h.windows[0]!.win as { webContents: { send: ReturnType<typeof vi.fn> } };
    win.webContents.send.mockClear();
    client.send('settings:changed', { theme: 'dark' }); // a partial settings object breaks the contract
    client.send('menu:command', { command: 'format-disk' });
    client.send('no:such-event', {});
    expect(win.webContents.send).not.toHaveBeenCalled();
    client.send('menu:command', { command: 'about', password: 'p4ss' });
    expect(win.webContents.send.mock.calls).toEqual([['menu:command', { command: 'about' }]]);
  });

  it('gives the backend a secret store that refuses basic_text', async () => {
    const { createBackend } = await import('../../electron/core/app/backend');
    const given = (await (createBackend as ReturnType<typeof vi.fn>).mock.results[0]!.value) as {
      secretsGiven: { availability(): { available: boolean } };
    };
    expect(given.secretsGiven.availability().available).toBe(false);
  });

  it('sets the native menu, and rebuilds it when settings change', () => {
    expect(h.menus).toHaveLength(1);
    h.backend.settingsChanged!({});
    expect(h.menus).toHaveLength(2);
  });

  it('notifies when an update ends', () => {
    h.backend.updateEnded!('h1', {
      from: '2.1.27',
      to: '2.1.28',
      outcome: 'verified',
      startedAt: 'a',
      endedAt: 'b',
      updateResult: null,
    });
    expect(h.notifications).toEqual([
      { title: 'Rack A: update verified', body: 'Now running 2.1.28 (was 2.1.27).', silent: false },
    ]);
  });

  it('follows the system language when the setting says "system" (menu and notifications)', () => {
    h.settings.language = 'system';
    h.systemLanguages = ['zh-Hans-CN', 'en-US'];
    try {
      h.backend.settingsChanged!({});
      const menu = h.menus.at(-1) as { template: { label?: string }[] };
      expect(menu.template.map((m) => m.label)).toContain('文件');
      h.notifications.length = 0;
      h.backend.updateEnded!('h1', {
        from: '2.1.27',
        to: '2.1.28',
        outcome: 'verified',
        startedAt: 'a',
        endedAt: 'b',
        updateResult: null,
      });
      expect((h.notifications[0] as { title: string }).title).toBe('Rack A：升级已验证');
    } finally {
      h.settings.language = 'en';
      h.systemLanguages = ['en-US'];
      h.backend.settingsChanged!({});
    }
  });

  it('words the file dialogs and Help → Report a problem in the language setting, following a change at run time', async () => {
    const { createBackend } = await import('../../electron/core/app/backend');
    const { FILE_DIALOGS } = await import('../../electron/core/app/file-dialogs');
    const { dialog } = await import('electron');
    const host = (createBackend as ReturnType<typeof vi.fn>).mock.calls[0]![0].host as HostPort;
    const saveDialog = dialog.showSaveDialog as unknown as ReturnType<typeof vi.fn>;
    const messageBox = dialog.showMessageBox as unknown as ReturnType<typeof vi.fn>;
    try {
      await host.saveFile('report.csv', FILE_DIALOGS.saveReport('csv'), 'x');
      expect(saveDialog.mock.calls.at(-1)!.at(-1)).toMatchObject({ title: 'Save Report', buttonLabel: 'Save' });
      h.settings.language = 'zh-CN';
      h.backend.settingsChanged!({});
      await host.saveFile('report.csv', FILE_DIALOGS.saveReport('csv'), 'x');
      expect(saveDialog.mock.calls.at(-1)!.at(-1)).toMatchObject({
        title: '保存报告',
        buttonLabel: '保存',
        filters: [{ name: 'CSV 文件', extensions: ['csv'] }],
      });
      const menu = h.menus.at(-1) as {
        template: { label: string; submenu?: { label?: string; click?: () => void }[] }[];
      };
      menu.template.find((m) => m.label === '帮助')!.submenu!.find((i) => i.label === '报告问题…')!.click!();
      expect(messageBox.mock.calls.at(-1)!.at(-1)).toMatchObject({
        title: '报告问题',
        buttons: ['复制诊断信息', '打开日志文件夹', '关闭'],
      });
    } finally {
      h.settings.language = 'en';
      h.backend.settingsChanged!({});
    }
    await host.saveFile('report.csv', FILE_DIALOGS.saveReport('csv'), 'x');
    expect(saveDialog.mock.calls.at(-1)!.at(-1)).toMatchObject({ title: 'Save Report' });
  });

  it('focuses the window on the hub when a notification is clicked, and sends none when turned off', () => {
    const ended = { from: '1', to: '2', outcome: 'verified', startedAt: 'a', endedAt: 'b', updateResult: null };
    const win = h.windows[0]!.win as { focus: ReturnType<typeof vi.fn> };
    h.notificationClicks.at(-1)!();
    expect(win.focus).toHaveBeenCalled();
    return import('../../electron/core/app/backend').then(async ({ createBackend }) => {
      const backend = (await (createBackend as ReturnType<typeof vi.fn>).mock.results[0]!.value) as {
        dispatcher: { broadcast: ReturnType<typeof vi.fn> };
      };
      expect(backend.dispatcher.broadcast).toHaveBeenCalledWith('menu:command', { command: 'show-hub', hubId: 'h1' });
      const before = h.notifications.length;
      h.settings.notifications = false;
      h.backend.updateEnded!('h1', ended);
      expect(h.notifications).toHaveLength(before);
      h.settings.notifications = true;
    });
  });

  it('shows the context menu from the window, and copies diagnostics from Help', () => {
    const win = h.windows[0]!.win as { webContents: { handlers: Map<string, Fn[]> } };
    const flags = { canUndo: true, canRedo: true, canCut: true, canCopy: true, canPaste: true, canSelectAll: true };
    for (const fn of win.webContents.handlers.get('context-menu') ?? [])
      fn({}, { isEditable: false, selectionText: '2.1.28', editFlags: flags });
    expect(h.popups).toEqual([[{ label: 'Copy', role: 'copy' }]]);
    const menu = h.menus.at(-1) as {
      template: { label: string; submenu?: { label?: string; click?: () => void }[] }[];
    };
    const help = menu.template.find((m) => m.label === 'Help')!;
    help.submenu!.find((i) => i.label === 'Copy Diagnostics')!.click!();
    expect(h.clipboard).toEqual(['Hubkeeper diagnostics (test)']);
  });

  it('logs a main-process error, redacted, in the rotating log under app.getPath("logs")', () => {
    processHandlers.get('uncaughtException')!(new Error('failed http://admin:Secr3tPw@127.0.0.2/ cookie: sid=abc123'));
    const text = readFileSync(path.join(h.root.dir, 'logs', 'main.log'), 'utf8');
    expect(text).toMatch(/ERROR unexpected error in the main process/);
    expect(text).not.toContain('Secr3tPw');
    expect(text).not.toContain('abc123');
  });

  it('saves the window state on close, and stops cleanly', async () => {
    (h.windows[0]!.win as { emit(e: string): void }).emit('close');
    // The save is asynchronous: wait for the file rather than guessing how long a write takes.
    await vi.waitFor(() => expect(existsSync(path.join(h.root.dir, 'userData', 'window-state.json'))).toBe(true), {
      timeout: 10_000,
      interval: 10,
    });
    const first = running.stop();
    expect(running.stop()).toBe(first); // quitting twice stops once
    await first;
    expect(h.ipc.size).toBe(0);
    const { createBackend } = await import('../../electron/core/app/backend');
    const backend = (await (createBackend as ReturnType<typeof vi.fn>).mock.results[0]!.value) as {
      stop: ReturnType<typeof vi.fn>;
    };
    expect(backend.stop).toHaveBeenCalledTimes(1);
  });
});
