import type { Log } from '../core/app/log';
import { translator } from '../core/i18n';
import type { UiLanguage } from '../shared/language';

/** The words of "Report a problem", in the language of the moment; its buttons are the menu's items. */
function reportText(language: UiLanguage) {
  const { t } = translator(language);
  return {
    title: t('dialogs.report.title'),
    message: t('dialogs.report.message'),
    detail: t('dialogs.report.detail', { copyDiagnostics: t('menu.copyDiagnostics') }),
    copy: t('menu.copyDiagnostics'),
    open: t('menu.openLogFolder'),
    close: t('common.close'),
  };
}

/** Whether the diagnostics reached the clipboard, said in the language of the moment. */
function copiedText(language: UiLanguage, copied: boolean) {
  const { t } = translator(language);
  return {
    title: t('menu.copyDiagnostics'),
    message: copied ? t('dialogs.diagnostics.copied') : t('dialogs.diagnostics.copyFailed'),
    // What the text holds, in the words the window's Diagnostics dialog uses for the same text.
    detail: copied
      ? t('support.diagnosticsIntro')
      : t('dialogs.diagnostics.copyFailedDetail', {
          settings: t('settings.title'),
          diagnostics: t('support.diagnostics'),
          help: t('menu.help'),
          openLogFolder: t('menu.openLogFolder'),
        }),
    close: t('common.close'),
  };
}

export interface SupportDeps {
  logFolder: string;
  diagnosticsText(): string;
  clipboard: { writeText(text: string): void };
  shell: { openPath(path: string): Promise<string> };
  showMessageBox(options: {
    type: 'info' | 'warning';
    title: string;
    message: string;
    detail: string;
    buttons: string[];
    defaultId: number;
    cancelId: number;
    noLink: boolean;
  }): Promise<{ response: number }>;
  /** The UI language when the dialog is shown (main's one source, ui-language.ts). */
  language(): UiLanguage;
  log: Log;
}

/** The Help menu's support items: open the log folder, copy diagnostics, report a problem. */
export function supportActions(deps: SupportDeps) {
  const openLogFolder = (): void => {
    deps.shell.openPath(deps.logFolder).then(
      (failure) => {
        if (failure) deps.log.warn('the log folder could not be opened', { reason: failure });
      },
      (error: unknown) => deps.log.warn('the log folder could not be opened', { error }),
    );
  };
  const copyDiagnostics = (): void => {
    let copied = false;
    try {
      deps.clipboard.writeText(deps.diagnosticsText());
      deps.log.info('diagnostics copied to the clipboard');
      copied = true;
    } catch (error) {
      deps.log.error('the diagnostics could not be copied', { error });
    }
    // The clipboard shows nothing by itself: say that it worked (or not) before anyone pastes.
    const t = copiedText(deps.language(), copied);
    deps
      .showMessageBox({
        type: copied ? 'info' : 'warning',
        title: t.title,
        message: t.message,
        detail: t.detail,
        buttons: [t.close],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      })
      .catch((error: unknown) => deps.log.error('the diagnostics confirmation could not be shown', { error }));
  };
  const reportProblem = (): void => {
    const t = reportText(deps.language());
    deps
      .showMessageBox({
        type: 'info',
        title: t.title,
        message: t.message,
        detail: t.detail,
        buttons: [t.copy, t.open, t.close],
        defaultId: 0,
        cancelId: 2,
        noLink: true,
      })
      .then(({ response }) => {
        if (response === 0) copyDiagnostics();
        else if (response === 1) openLogFolder();
      })
      .catch((error: unknown) => deps.log.error('the report dialog could not be shown', { error }));
  };
  return { openLogFolder, copyDiagnostics, reportProblem };
}
