import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, Settings } from '../shared/contract';
import type { UiLanguage } from '../shared/language';
import type { menuEn } from '../shared/i18n/areas/menu';
import { translator } from '../core/i18n';

type Language = UiLanguage;
type LanguageChoice = Settings['language'];
type Theme = Settings['theme'];

export interface MenuActions {
  /** Ask the renderer to open a dialog or view. */
  command(command: MenuCommand['command']): void;
  setLanguage(language: LanguageChoice): void;
  setTheme(theme: Theme): void;
  quit(): void;
  /** Help: open the log folder in the file manager. */
  openLogFolder(): void;
  /** Help: put the redacted diagnostics text on the clipboard. */
  copyDiagnostics(): void;
  /** Help: explain what to send with a problem report. */
  reportProblem(): void;
}

/**
 * The native menu: add hub, import, export report, language, theme, about. Items that need the
 * UI are forwarded to the renderer as `menu:command`; language and theme change the settings
 * directly (the renderer hears `settings:changed`). Reload and DevTools only in development.
 */
export function buildMenuTemplate(opts: {
  /** The language setting (checked in the Language menu). */
  language: LanguageChoice;
  /** The language the labels are in ("system" resolved). */
  uiLanguage: Language;
  theme: Theme;
  isPackaged: boolean;
  platform: NodeJS.Platform;
  actions: MenuActions;
}): MenuItemConstructorOptions[] {
  const words = translator(opts.uiLanguage);
  const t = (key: keyof typeof menuEn): string => words.t(`menu.${key}`);
  const { actions } = opts;
  const command = (c: MenuCommand['command']) => () => actions.command(c);
  const view: MenuItemConstructorOptions[] = [
    {
      label: t('language'),
      submenu: [
        // Each language by its own name (as in Settings), whatever the menu's language.
        {
          label: words.t('settings.languageName.en'),
          type: 'radio',
          checked: opts.language === 'en',
          click: () => actions.setLanguage('en'),
        },
        {
          label: words.t('settings.languageName.zh-CN'),
          type: 'radio',
          checked: opts.language === 'zh-CN',
          click: () => actions.setLanguage('zh-CN'),
        },
        {
          label: t('systemLanguage'),
          type: 'radio',
          checked: opts.language === 'system',
          click: () => actions.setLanguage('system'),
        },
      ],
    },
    {
      label: t('theme'),
      submenu: (['light', 'dark', 'system'] as const).map((theme) => ({
        label: t(theme),
        type: 'radio' as const,
        checked: opts.theme === theme,
        click: () => actions.setTheme(theme),
      })),
    },
  ];
  view.push(
    { type: 'separator' },
    { label: t('resetZoom'), role: 'resetZoom' },
    { label: t('zoomIn'), role: 'zoomIn' },
    { label: t('zoomOut'), role: 'zoomOut' },
    { type: 'separator' },
    { label: t('fullScreen'), role: 'togglefullscreen' },
  );
  if (!opts.isPackaged)
    view.push(
      { type: 'separator' },
      { label: t('reload'), role: 'reload' },
      { label: t('devTools'), role: 'toggleDevTools' },
    );

  const template: MenuItemConstructorOptions[] = [
    {
      label: t('file'),
      submenu: [
        { label: t('addHub'), accelerator: 'CmdOrCtrl+N', click: command('add-hub') },
        { label: t('importInventory'), accelerator: 'CmdOrCtrl+O', click: command('import-inventory') },
        { label: t('exportReport'), accelerator: 'CmdOrCtrl+E', click: command('export-report') },
        { type: 'separator' },
        // Offline review bundles: the window picks the site, main shows the save/open dialog.
        { label: t('exportBundle'), click: command('export-bundle') },
        { label: t('openBundle'), click: command('open-bundle') },
        { type: 'separator' },
        { label: t('settings'), accelerator: 'CmdOrCtrl+,', click: command('open-settings') },
        { type: 'separator' },
        { label: t('quit'), accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() },
      ],
    },
    {
      label: t('edit'),
      submenu: [
        { label: t('undo'), role: 'undo' },
        { label: t('redo'), role: 'redo' },
        { type: 'separator' },
        { label: t('cut'), role: 'cut' },
        { label: t('copy'), role: 'copy' },
        { label: t('paste'), role: 'paste' },
        { label: t('selectAll'), role: 'selectAll' },
      ],
    },
    { label: t('view'), submenu: view },
    {
      label: t('help'),
      submenu: [
        { label: t('openLogFolder'), click: () => actions.openLogFolder() },
        { label: t('copyDiagnostics'), click: () => actions.copyDiagnostics() },
        { label: t('reportProblem'), click: () => actions.reportProblem() },
        { type: 'separator' },
        { label: t('about'), click: command('about') },
      ],
    },
  ];
  // macOS puts the app's own menu first.
  if (opts.platform === 'darwin') template.unshift({ role: 'appMenu' });
  return template;
}
