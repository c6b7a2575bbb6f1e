import { BrowserWindow, type Session } from 'electron';
import type { Log } from '../core/app/log';
import { installNavigationGuards } from './guards';
import { MIN_SIZE, type Rect } from './window-state';

export interface MainWindowOptions {
  preloadPath: string;
  /** `app.isPackaged`: DevTools exist only in unpackaged (development) runs. */
  isPackaged: boolean;
  session: Session;
  bounds: Partial<Rect> & { width: number; height: number };
  log: Log;
}

/**
 * The one window factory (there is one window). Every security-relevant webPreference is
 * spelled out here, even where it is Electron's default, so a test and Electronegativity can
 * see it and a future Electron default change cannot silently weaken it.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    ...options.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Hubkeeper',
    backgroundColor: '#1f2328',
    autoHideMenuBar: false,
    webPreferences: {
      preload: options.preloadPath,
      session: options.session,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: !options.isPackaged,
    },
  });
  installNavigationGuards(win.webContents, options.log);
  win.once('ready-to-show', () => win.show());
  return win;
}
