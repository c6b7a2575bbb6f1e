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
    exportBundle: 'Export Site Bundle…',
    openBundle: 'Open Site Bundle…',
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
    // edit, view and help (issue 14)
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullScreen: 'Toggle Full Screen',
    openLogFolder: 'Open Log Folder',
    copyDiagnostics: 'Copy Diagnostics',
    reportProblem: 'Report a Problem…',
  },
  'zh-CN': {
    file: '文件',
    addHub: '添加 Hub…',
    importInventory: '导入清单…',
    exportReport: '导出报告…',
    exportBundle: '导出站点包…',
    openBundle: '打开站点包…',
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
    // edit, view and help (issue 14)
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    resetZoom: '实际大小',
    zoomIn: '放大',
    zoomOut: '缩小',
    fullScreen: '切换全屏',
    openLogFolder: '打开日志文件夹',
    copyDiagnostics: '复制诊断信息',
    reportProblem: '报告问题…',
  },
} satisfies Record<Language, Record<string, string>>;

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
  view.push(
    { type: 'separator' },
    { label: t.resetZoom, role: 'resetZoom' },
    { label: t.zoomIn, role: 'zoomIn' },
    { label: t.zoomOut, role: 'zoomOut' },
    { type: 'separator' },
    { label: t.fullScreen, role: 'togglefullscreen' },
  );
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
        // Offline review bundles: the window picks the site, main shows the save/open dialog.
        { label: t.exportBundle, click: command('export-bundle') },
        { label: t.openBundle, click: command('open-bundle') },
        { type: 'separator' },
        { label: t.settings, accelerator: 'CmdOrCtrl+,', click: command('open-settings') },
        { type: 'separator' },
        { label: t.quit, accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() },
      ],
    },
    {
      label: t.edit,
      submenu: [
        { label: t.undo, role: 'undo' },
        { label: t.redo, role: 'redo' },
        { type: 'separator' },
        { label: t.cut, role: 'cut' },
        { label: t.copy, role: 'copy' },
        { label: t.paste, role: 'paste' },
        { label: t.selectAll, role: 'selectAll' },
      ],
    },
    { label: t.view, submenu: view },
    {
      label: t.help,
      submenu: [
        { label: t.openLogFolder, click: () => actions.openLogFolder() },
        { label: t.copyDiagnostics, click: () => actions.copyDiagnostics() },
        { label: t.reportProblem, click: () => actions.reportProblem() },
        { type: 'separator' },
        { label: t.about, click: command('about') },
      ],
    },
  ];
  // macOS puts the app's own menu first.
  if (opts.platform === 'darwin') template.unshift({ role: 'appMenu' });
  return template;
}
