import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, Settings } from '../shared/contract';
import type { UiLanguage } from '../shared/language';

type Language = UiLanguage;
type LanguageChoice = Settings['language'];
type Theme = Settings['theme'];

const LABELS = {
  en: {
    file: 'File',
    addHub: 'Add Hub…',
    importInventory: 'Import Inventory…',
    exportReport: 'Export Report…',
    settings: 'Settings…',
    quit: 'Quit',
    edit: 'Edit',
    view: 'View',
    language: 'Language',
    theme: 'Theme',
    light: 'Light',
    dark: 'Dark',
    system: 'Follow System',
    systemLanguage: 'System Language',
    reload: 'Reload',
    devTools: 'Toggle Developer Tools',
    help: 'Help',
    about: 'About Hubkeeper',
  },
  'zh-CN': {
    file: '文件',
    addHub: '添加 Hub…',
    importInventory: '导入清单…',
    exportReport: '导出报告…',
    settings: '设置…',
    quit: '退出',
    edit: '编辑',
    view: '视图',
    language: '语言',
    theme: '主题',
    light: '浅色',
    dark: '深色',
    system: '跟随系统',
    systemLanguage: '系统语言',
    reload: '重新加载',
    devTools: '开发者工具',
    help: '帮助',
    about: '关于 Hubkeeper',
  },
} satisfies Record<Language, Record<string, string>>;

export interface MenuActions {
  /** Ask the renderer to open a dialog or view. */
  command(command: MenuCommand['command']): void;
  setLanguage(language: LanguageChoice): void;
  setTheme(theme: Theme): void;
  quit(): void;
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
  const t = LABELS[opts.uiLanguage];
  const { actions } = opts;
  const command = (c: MenuCommand['command']) => () => actions.command(c);
  const view: MenuItemConstructorOptions[] = [
    {
      label: t.language,
      submenu: [
        { label: 'English', type: 'radio', checked: opts.language === 'en', click: () => actions.setLanguage('en') },
        {
          label: '简体中文',
          type: 'radio',
          checked: opts.language === 'zh-CN',
          click: () => actions.setLanguage('zh-CN'),
        },
        {
          label: t.systemLanguage,
          type: 'radio',
          checked: opts.language === 'system',
          click: () => actions.setLanguage('system'),
        },
      ],
    },
    {
      label: t.theme,
      submenu: (['light', 'dark', 'system'] as const).map((theme) => ({
        label: t[theme],
        type: 'radio' as const,
        checked: opts.theme === theme,
        click: () => actions.setTheme(theme),
      })),
    },
  ];
  if (!opts.isPackaged)
    view.push(
      { type: 'separator' },
      { label: t.reload, role: 'reload' },
      { label: t.devTools, role: 'toggleDevTools' },
    );

  const template: MenuItemConstructorOptions[] = [
    {
      label: t.file,
      submenu: [
        { label: t.addHub, accelerator: 'CmdOrCtrl+N', click: command('add-hub') },
        { label: t.importInventory, accelerator: 'CmdOrCtrl+O', click: command('import-inventory') },
        { label: t.exportReport, accelerator: 'CmdOrCtrl+E', click: command('export-report') },
        { type: 'separator' },
        { label: t.settings, accelerator: 'CmdOrCtrl+,', click: command('open-settings') },
        { type: 'separator' },
        { label: t.quit, accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() },
      ],
    },
    {
      label: t.edit,
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { label: t.view, submenu: view },
    { label: t.help, submenu: [{ label: t.about, click: command('about') }] },
  ];
  // macOS puts the app's own menu first.
  if (opts.platform === 'darwin') template.unshift({ role: 'appMenu' });
  return template;
}
