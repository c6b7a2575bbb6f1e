import type { Log } from '../core/app/log';

type Language = 'en' | 'zh-CN';

const TEXT = {
  en: {
    title: 'Report a problem',
    message: 'What to send with a problem report',
    detail: [
      'Please write down:',
      '• what you were doing and what you expected to happen,',
      '• what happened instead (the exact message, if one was shown),',
      '• the hub (its address or serial) and its site, if the problem is about one hub.',
      '',
      'Then attach the diagnostics: choose "Copy Diagnostics" and paste them into your message. They hold the app, Electron and OS versions, the data folder, counts of sites, hubs and pinned certificates, and the last 200 log lines. Passwords, tokens and cookies are removed; hub ids and addresses stay.',
      '',
      'If support asks for it, send the log files from the log folder as well.',
    ].join('\n'),
    copy: 'Copy Diagnostics',
    open: 'Open Log Folder',
    close: 'Close',
  },
  'zh-CN': {
    title: '报告问题',
    message: '报告问题时请提供的信息',
    detail: [
      '请写明：',
      '• 当时在做什么、期望的结果是什么；',
      '• 实际发生了什么（如有提示，请附上完整文字）；',
      '• 如果问题与某台 Hub 有关，请写明其地址或序列号及所属站点。',
      '',
      '然后附上诊断信息：选择“复制诊断信息”，粘贴到您的邮件中。诊断信息包括应用、Electron 和操作系统版本，数据文件夹，站点、Hub 和已固定证书的数量，以及最近 200 行日志。密码、令牌和 Cookie 已删除；Hub 的编号和地址会保留。',
      '',
      '如支持人员需要，也请发送日志文件夹中的日志文件。',
    ].join('\n'),
    copy: '复制诊断信息',
    open: '打开日志文件夹',
    close: '关闭',
  },
} satisfies Record<Language, Record<string, string>>;

export interface SupportDeps {
  logFolder: string;
  diagnosticsText(): string;
  clipboard: { writeText(text: string): void };
  shell: { openPath(path: string): Promise<string> };
  showMessageBox(options: {
    type: 'info';
    title: string;
    message: string;
    detail: string;
    buttons: string[];
    defaultId: number;
    cancelId: number;
    noLink: boolean;
  }): Promise<{ response: number }>;
  language(): Language;
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
    try {
      deps.clipboard.writeText(deps.diagnosticsText());
      deps.log.info('diagnostics copied to the clipboard');
    } catch (error) {
      deps.log.error('the diagnostics could not be copied', { error });
    }
  };
  const reportProblem = (): void => {
    const t = TEXT[deps.language()] ?? TEXT.en;
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
