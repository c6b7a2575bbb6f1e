import type { Log } from '../core/app/log';
import { translator } from '../core/i18n';
import type { UiLanguage } from '../shared/language';

/** The words of the crash dialog, in the language of the moment (`menu.*` names the menu items). */
function crashText(language: UiLanguage) {
  const { t } = translator(language);
  return {
    goneTitle: t('dialogs.crash.goneTitle'),
    goneMessage: t('dialogs.crash.goneMessage'),
    unresponsiveTitle: t('dialogs.crash.unresponsiveTitle'),
    unresponsiveMessage: t('dialogs.crash.unresponsiveMessage'),
    errorTitle: t('dialogs.crash.errorTitle'),
    errorMessage: t('dialogs.crash.errorMessage'),
    detail: t('dialogs.crash.detail', { help: t('menu.help'), openLogFolder: t('menu.openLogFolder') }),
    reload: t('dialogs.crash.reload'),
    wait: t('dialogs.crash.wait'),
    keep: t('dialogs.crash.keep'),
    quit: t('menu.quit'),
  };
}

export interface CrashWindow {
  isDestroyed(): boolean;
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
}

export interface CrashHandlerDeps {
  app: { on(event: 'render-process-gone' | 'child-process-gone', listener: (...args: never[]) => void): unknown };
  process: { on(event: 'uncaughtException' | 'unhandledRejection', listener: (...args: never[]) => void): unknown };
  /** Electron's dialog.showMessageBox (resolves with the index of the button pressed). */
  showMessageBox(options: {
    type: 'warning' | 'error';
    title: string;
    message: string;
    detail: string;
    buttons: string[];
    defaultId: number;
    cancelId: number;
    noLink: boolean;
  }): Promise<{ response: number }>;
  log: Log;
  /** The UI language when the dialog is shown (main's one source, ui-language.ts). */
  language(): UiLanguage;
  /** Reloads the window (or opens a new one when it is gone). */
  reload(): void;
  /** Quits the app the usual way: the bounded stop flushes the store first. */
  quit(): void;
}

/**
 * What main does when something breaks: the window's renderer dies or hangs, a helper process
 * dies, or main itself throws. Every event is logged; the user is offered to reload the window
 * (or quit, which goes through the bounded stop that writes the store). One dialog at a time:
 * events that arrive while one is open are only logged, so a burst of errors is one question.
 */
export function installCrashHandlers(deps: CrashHandlerDeps): { watchWindow(win: CrashWindow): void } {
  const { log } = deps;
  let asking = false;

  const offer = (kind: 'gone' | 'unresponsive' | 'error', detailExtra?: string): void => {
    if (asking) return;
    asking = true;
    const t = crashText(deps.language());
    const second = kind === 'unresponsive' ? t.wait : kind === 'error' ? t.keep : t.quit;
    const buttons = kind === 'gone' ? [t.reload, t.quit] : [t.reload, second, t.quit];
    deps
      .showMessageBox({
        type: kind === 'error' ? 'error' : 'warning',
        title: t[`${kind}Title`],
        message: t[`${kind}Message`],
        detail: detailExtra ? `${t.detail}\n\n${detailExtra}` : t.detail,
        buttons,
        defaultId: 0,
        cancelId: kind === 'gone' ? 0 : 1,
        noLink: true,
      })
      .then(({ response }) => {
        asking = false;
        const chosen = buttons[response];
        if (chosen === t.reload) deps.reload();
        else if (chosen === t.quit) deps.quit();
      })
      .catch((error: unknown) => {
        asking = false;
        log.error('the crash dialog could not be shown', { error });
      });
  };

  deps.app.on('render-process-gone', ((_event: unknown, _contents: unknown, details: RenderGone) => {
    log.error('window process gone', { reason: details?.reason, exitCode: details?.exitCode });
    // A clean exit is the window closing normally; anything else lost the page.
    if (details?.reason !== 'clean-exit') offer('gone');
  }) as (...args: never[]) => void);

  deps.app.on('child-process-gone', ((_event: unknown, details: ChildGone) => {
    const detail = {
      type: details?.type,
      reason: details?.reason,
      exitCode: details?.exitCode,
      name: details?.name,
      serviceName: details?.serviceName,
    };
    // Chromium restarts its GPU and utility processes itself; a dead GPU process can leave the
    // window blank, so that one offers a reload.
    if (details?.reason === 'clean-exit') log.info('helper process ended', detail);
    else {
      log.error('helper process gone', detail);
      if (details?.type === 'GPU') offer('gone');
    }
  }) as (...args: never[]) => void);

  deps.process.on('uncaughtException', ((error: unknown) => {
    log.error('unexpected error in the main process', { error });
    offer('error');
  }) as (...args: never[]) => void);

  deps.process.on('unhandledRejection', ((reason: unknown) => {
    log.error('unhandled promise rejection in the main process', { reason });
    offer('error');
  }) as (...args: never[]) => void);

  return {
    watchWindow(win) {
      win.on('unresponsive', () => {
        log.warn('window not responding');
        offer('unresponsive');
      });
      win.on('responsive', () => log.info('window responding again'));
    },
  };
}

interface RenderGone {
  reason?: string;
  exitCode?: number;
}
interface ChildGone extends RenderGone {
  type?: string;
  name?: string;
  serviceName?: string;
}
