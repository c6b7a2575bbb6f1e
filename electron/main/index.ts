import { app, dialog, protocol } from 'electron';
import { settleWithin } from '../core/time-budget';
import { translator } from '../core/i18n';
import { embeddedCliArguments, runEmbeddedCli } from './cli-mode';
import { APP_SCHEME_PRIVILEGES } from './protocol';
import { startApp, type RunningApp } from './start';
import { mainLanguage } from './ui-language';

/**
 * Entry point of the Electron main process (bundled to dist/electron/main.cjs). Only lifecycle
 * lives here; start.ts composes the backend, IPC, window and menu.
 */

// Must happen before `ready`: app:// becomes a standard, secure origin for the renderer.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

let running: RunningApp | null = null;
let stopping: Promise<void> | null = null;
let stopped = false;
/** A safety net over the backend's own bound (about 2 s): quitting never hangs on a stop. */
const QUIT_WITHIN_MS = 4000;

const cliArguments = embeddedCliArguments(process.argv);
/** The one language of main's words: the system's until the settings are read, then the setting. */
const language = mainLanguage(() => app.getPreferredSystemLanguages());

if (cliArguments) {
  // Started by the `hubkeeper` launcher: run the command, no window, no single-instance lock (the
  // app may be open beside it; the data folder's file locks keep the two apart).
  void runEmbeddedCli(cliArguments, (code) => app.exit(code));
} else if (!app.requestSingleInstanceLock()) {
  // A second copy would fight the first over the data folder and the hubs' sessions.
  app.quit();
} else {
  app.on('second-instance', () => running?.focus());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => running?.ensureWindow());
  app.on('before-quit', (event) => {
    // Quit only once the backend has flushed its writes and logged out of the hubs: prevent this
    // quit, stop (bounded), then quit again, which finds `stopped` set and goes through.
    if (!running || stopped) return;
    event.preventDefault();
    stopping ??= settleWithin(running.stop(), QUIT_WITHIN_MS).then(() => {
      stopped = true;
      app.quit();
    });
  });
  app
    .whenReady()
    .then(async () => {
      running = await startApp(language);
    })
    .catch((error: unknown) => {
      // e.g. a damaged inventory file: say so in words, never overwrite it, and exit.
      const message = error instanceof Error ? error.message : String(error);
      console.error('Hubkeeper could not start:', error);
      // The reason comes from core in English (as in the log); the box around it speaks the user's language.
      const { t } = translator(language.current());
      dialog.showErrorBox(t('dialogs.startFailed.title'), t('dialogs.startFailed.detail', { reason: message }));
      app.exit(1);
    });
}
