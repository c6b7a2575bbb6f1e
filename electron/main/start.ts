import path from 'node:path';
import {
  app,
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
import { resolveLanguage } from '../shared/language';
import type { MenuCommand } from '../shared/contract';
import { APP_ENTRY_URL, APP_SCHEME } from './app-url';
import { installContentsGuards, installSessionGuards } from './guards';
import { createElectronHost } from './host';
import { registerContractIpc, WINDOW_CLIENT_ID } from './ipc';
import { fileLog } from './log-file';
import { buildMenuTemplate } from './menu';
import { notifyUpdateEnded } from './notifications';
import { printHtmlToPdf } from './print-window';
import { createRendererProtocolHandler } from './protocol';
import { SafeStorageSecretStore } from './secret-store';
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
export async function startApp(): Promise<RunningApp> {
  const isPackaged = app.isPackaged;
  const userData = app.getPath('userData');
  const log = fileLog(path.join(userData, 'logs'), !isPackaged);
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
  });
  const { dispatcher, services } = backend;

  const unregisterIpc = registerContractIpc(ipcMain, {
    invoke: dispatcher.invoke,
    ourContents: () => (win && !win.isDestroyed() ? win.webContents : null),
    log,
  });

  const sendCommand = (command: MenuCommand['command']): void => {
    ensureWindow();
    dispatcher.broadcast('menu:command', { command });
  };
  const rebuildMenu = (): void => {
    const { language, theme } = services.settings.get();
    const uiLanguage = resolveLanguage(language, app.getPreferredSystemLanguages());
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          language,
          uiLanguage,
          theme,
          isPackaged,
          platform: process.platform,
          actions: {
            command: sendCommand,
            setLanguage: (l) => void services.settings.set({ language: l }),
            setTheme: (t) => void services.settings.set({ theme: t }),
            quit: () => app.quit(),
          },
        }),
      ),
    );
  };
  rebuildMenu();
  const offSettings = services.settings.onChange(rebuildMenu);

  const offUpdates = services.monitor.onUpdateEnded((hubId, record) => {
    const hub = services.inventory.get().hubs.find((h) => h.id === hubId);
    notifyUpdateEnded(
      Notification,
      { hubId, hubName: hub ? hub.name || hub.address : hubId, record },
      resolveLanguage(services.settings.get().language, app.getPreferredSystemLanguages()),
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

  let stopping: Promise<void> | null = null;
  return {
    focus() {
      ensureWindow();
      if (!win) return;
      if (win.isMinimized()) win.restore();
      win.focus();
    },
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
