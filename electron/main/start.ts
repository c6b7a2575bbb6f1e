import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  app,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  Notification,
  safeStorage,
  screen,
  session,
  shell,
  type BrowserWindow,
} from 'electron';
import { createBackend, type Backend } from '../core/app/backend';
import { checkOutgoingEvent } from '../core/app/event-gate';
import { resolveDataDir } from '../core/data-dir';
import { DamageLog } from '../core/data-folder';
import type { MenuCommand } from '../shared/contract';
import { APP_ENTRY_URL, APP_SCHEME } from './app-url';
import { installContentsGuards, installSessionGuards } from './guards';
import { createElectronHost } from './host';
import { registerContractIpc, WINDOW_CLIENT_ID } from './ipc';
import { fileLog } from './log-file';
import { contextMenuTemplate } from './context-menu';
import { installCrashHandlers } from './crash-handlers';
import { buildMenuTemplate } from './menu';
import { notifyUpdateEnded } from './notifications';
import { printHtmlToPdf } from './print-window';
import { createRendererProtocolHandler } from './protocol';
import { SafeStorageSecretStore } from './secret-store';
import { supportActions } from './support-actions';
import type { MainLanguage } from './ui-language';
import { createMainWindow } from './window';
import { loadWindowState, restoreBounds, saveWindowState } from './window-state';

export interface RunningApp {
  focus(): void;
  ensureWindow(): void;
  /** The backend's bounded stop (flush, logout); idempotent. */
  stop(): Promise<void>;
}

/** The renderer's session: in memory only (nothing of the page is written to disk). */
const RENDERER_PARTITION = 'hubkeeper';

/**
 * Composes the app once Electron is ready: log, backend (core services over the data folder),
 * the app:// protocol on a locked-down session, the IPC wrapper, the window, the menu and
 * notifications. Everything here is wiring; behaviour lives in the modules it calls.
 */
export async function startApp(uiLanguage: MainLanguage): Promise<RunningApp> {
  /** The language of main's own words (menus, dialogs, notifications), read each time they are shown. */
  const language = uiLanguage.current;
  const isPackaged = app.isPackaged;
  const userData = app.getPath('userData');
  const log = fileLog(app.getPath('logs'), !isPackaged);
  // Electron makes the user-data folder on first use; the window state is written there.
  mkdirSync(userData, { recursive: true });
  log.info('starting', { version: app.getVersion(), packaged: isPackaged, platform: process.platform });

  app.on('web-contents-created', (_event, contents) => installContentsGuards(contents, log));

  const rendererSession = session.fromPartition(RENDERER_PARTITION);
  installSessionGuards(rendererSession, log);
  rendererSession.protocol.handle(
    APP_SCHEME,
    await createRendererProtocolHandler(path.join(app.getAppPath(), 'dist', 'renderer')),
  );

  let win: BrowserWindow | null = null;
  const host = createElectronHost({
    dialog,
    shell,
    window: () => win,
    version: app.getVersion(),
    platform: process.platform,
    defaultSaveFolder: () => app.getPath('documents'),
    printToPdf: (html) => printHtmlToPdf(html, log),
    language,
  });
  const damage = new DamageLog();
  const secrets = new SafeStorageSecretStore(
    safeStorage,
    path.join(resolveDataDir(), 'credentials.json'),
    process.platform,
    { onDamaged: damage.record },
  );
  const backend: Backend = await createBackend({
    dataDir: resolveDataDir(),
    secrets,
    host,
    log,
    checkResults: !isPackaged,
    damage,
    logSource: log,
  });
  const { dispatcher, services } = backend;

  const unregisterIpc = registerContractIpc(ipcMain, {
    invoke: dispatcher.invoke,
    ourContents: () => (win && !win.isDestroyed() ? win.webContents : null),
    log,
  });

  const sendCommand = (command: MenuCommand['command'], hubId?: string): void => {
    ensureWindow();
    dispatcher.broadcast('menu:command', hubId ? { command, hubId } : { command });
  };
  // From here on the language setting decides ("system": the system's preferred languages).
  uiLanguage.follow(() => services.settings.get().language);
  // Crashes and hangs: logged, with an offer to reload the window (or quit through the bounded stop).
  const crashes = installCrashHandlers({
    // Electron's and Node's typed overloads, narrowed to the events the handlers take.
    app: { on: (event, listener) => app.on(event as 'render-process-gone', listener as never) },
    process: { on: (event, listener) => process.on(event as 'uncaughtException', listener as never) },
    showMessageBox: (options) =>
      win && !win.isDestroyed() ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options),
    log,
    language,
    reload: () => {
      if (win && !win.isDestroyed()) win.webContents.reload();
      else ensureWindow();
    },
    quit: () => app.quit(),
  });
  const support = supportActions({
    logFolder: log.folder,
    diagnosticsText: () => services.diagnostics?.text() ?? '',
    clipboard,
    shell,
    showMessageBox: (options) =>
      win && !win.isDestroyed() ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options),
    language,
    log,
  });
  const rebuildMenu = (): void => {
    const { language: choice, theme } = services.settings.get();
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          language: choice,
          uiLanguage: language(),
          theme,
          isPackaged,
          platform: process.platform,
          actions: {
            command: sendCommand,
            setLanguage: (l) => void services.settings.set({ language: l }),
            setTheme: (t) => void services.settings.set({ theme: t }),
            quit: () => app.quit(),
            openLogFolder: support.openLogFolder,
            copyDiagnostics: support.copyDiagnostics,
            reportProblem: support.reportProblem,
          },
        }),
      ),
    );
  };
  rebuildMenu();
  const offSettings = services.settings.onChange(rebuildMenu);

  const offUpdates = services.monitor.onUpdateEnded((hubId, record) => {
    // The Settings view can turn notifications off (absent: on).
    if (services.settings.get().notifications === false) return;
    const hub = services.inventory.get().hubs.find((h) => h.id === hubId);
    notifyUpdateEnded(
      Notification,
      { hubId, hubName: hub ? hub.name || hub.address : hubId, record },
      language(),
      // A click brings the window forward on that hub.
      (id) => {
        focus();
        sendCommand('show-hub', id);
      },
    );
  });

  const stateFile = path.join(userData, 'window-state.json');
  function ensureWindow(): void {
    if (win && !win.isDestroyed()) return;
    const saved = loadWindowState(stateFile);
    const bounds = restoreBounds(
      saved,
      screen.getAllDisplays().map((d) => d.workArea),
    );
    const created = createMainWindow({
      preloadPath: path.join(__dirname, 'preload.cjs'),
      isPackaged,
      session: rendererSession,
      bounds,
      log,
    });
    win = created;
    if (saved?.maximized) created.maximize();
    crashes.watchWindow(created);
    created.webContents.on('context-menu', (_event, params) => {
      const template = contextMenuTemplate(params, language());
      if (template) Menu.buildFromTemplate(template).popup({ window: created });
    });
    const disconnect = dispatcher.connect({
      id: WINDOW_CLIENT_ID,
      send: (event, payload) => {
        if (created.isDestroyed()) return;
        // Pushes are checked against the contract on the way out, as call results are.
        const checked = checkOutgoingEvent(event, payload, log, WINDOW_CLIENT_ID);
        if (checked !== null) created.webContents.send(event, checked);
      },
    });
    created.on('close', () => {
      const b = created.getNormalBounds();
      void saveWindowState(stateFile, { ...b, maximized: created.isMaximized() });
    });
    created.on('closed', () => {
      disconnect();
      if (win === created) win = null;
    });
    void created.loadURL(APP_ENTRY_URL);
  }
  ensureWindow();

  function focus(): void {
    ensureWindow();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  }

  let stopping: Promise<void> | null = null;
  return {
    focus,
    ensureWindow,
    stop: () =>
      (stopping ??= (async () => {
        offSettings();
        offUpdates();
        unregisterIpc();
        await backend.stop();
        log.info('stopped');
      })()),
  };
}
