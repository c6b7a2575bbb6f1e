import type { Same } from '../same-shape';

/**
 * The main process's own message boxes and file dialogs (electron/main: crash-handlers.ts,
 * support-actions.ts, index.ts, host.ts; core/app/file-dialogs.ts names which one). Button and
 * menu names they share with the menu come from `menu.*` (passed in as `{…}` values).
 */
export const dialogsEn = {
  crash: {
    goneTitle: 'The window stopped',
    goneMessage: 'The Hubkeeper window stopped unexpectedly.',
    unresponsiveTitle: 'The window is not responding',
    unresponsiveMessage: 'The Hubkeeper window is not responding.',
    errorTitle: 'Something went wrong',
    errorMessage: 'Hubkeeper hit an unexpected error.',
    detail:
      'Your inventory and the hubs’ last-known states are kept. The details are in the log ({help} → {openLogFolder}).',
    reload: 'Reload Window',
    wait: 'Wait',
    keep: 'Keep Running',
  },
  report: {
    title: 'Report a problem',
    message: 'What to send with a problem report',
    detail:
      'Please write down:\n' +
      '• what you were doing and what you expected to happen,\n' +
      '• what happened instead (the exact message, if one was shown),\n' +
      '• the hub (its address or serial) and its site, if the problem is about one hub.\n' +
      '\n' +
      'Then attach the diagnostics: choose “{copyDiagnostics}” and paste them into your message. They hold the app, Electron and OS versions, the data folder, counts of sites, hubs and pinned certificates, and the last 200 log lines. Passwords, tokens and cookies are removed; hub ids and addresses stay.\n' +
      '\n' +
      'If support asks for it, send the log files from the log folder as well.',
  },
  diagnostics: {
    copied: 'The diagnostics are on the clipboard.',
    copyFailed: 'The diagnostics could not be copied.',
    copyFailedDetail:
      'Nothing was put on the clipboard. The window shows the same text under {settings} → {diagnostics}, to select and copy; the details are in the log ({help} → {openLogFolder}).',
  },
  startFailed: {
    title: 'Hubkeeper could not start',
    detail: 'Reason: {reason}',
  },
  files: {
    open: 'Open',
    importInventory: 'Import Inventory',
    exportInventory: 'Export Inventory',
    openBundle: 'Open Site Bundle',
    exportBundle: 'Export Site Bundle',
    saveReport: 'Save Report',
    savePdf: 'Save Report as PDF',
    inventoryFiles: 'Hubkeeper inventory (CSV or JSON)',
    bundleFiles: 'Hubkeeper site bundle',
    csvFiles: 'CSV files',
    jsonFiles: 'JSON files',
    htmlFiles: 'HTML files',
    pdfFiles: 'PDF files',
    allFiles: 'All files',
  },
};

export const dialogsZh: Same<typeof dialogsEn> = {
  crash: {
    goneTitle: '窗口已停止',
    goneMessage: 'Hubkeeper 窗口意外停止。',
    unresponsiveTitle: '窗口无响应',
    unresponsiveMessage: 'Hubkeeper 窗口没有响应。',
    errorTitle: '出现问题',
    errorMessage: 'Hubkeeper 遇到意外错误。',
    detail: '清单和各 Hub 的最近状态均已保留。详细信息见日志（{help} → {openLogFolder}）。',
    reload: '重新加载窗口',
    wait: '等待',
    keep: '继续运行',
  },
  report: {
    title: '报告问题',
    message: '报告问题时请提供的信息',
    detail:
      '请写明：\n' +
      '• 当时在做什么、期望的结果是什么；\n' +
      '• 实际发生了什么（如有提示，请附上完整文字）；\n' +
      '• 如果问题与某台 Hub 有关，请写明其地址或序列号及所属站点。\n' +
      '\n' +
      '然后附上诊断信息：选择“{copyDiagnostics}”，粘贴到您的邮件中。诊断信息包括应用、Electron 和操作系统版本，数据文件夹，站点、Hub 和已固定证书的数量，以及最近 200 行日志。密码、令牌和 Cookie 已删除；Hub 的编号和地址会保留。\n' +
      '\n' +
      '如支持人员需要，也请发送日志文件夹中的日志文件。',
  },
  diagnostics: {
    copied: '诊断信息已复制到剪贴板。',
    copyFailed: '无法复制诊断信息。',
    copyFailedDetail:
      '剪贴板中没有放入任何内容。窗口中的“{settings} → {diagnostics}”显示相同的文字，可选中后复制；详细信息见日志（{help} → {openLogFolder}）。',
  },
  startFailed: {
    title: 'Hubkeeper 无法启动',
    detail: '原因（英文，供技术支持参考）：{reason}',
  },
  files: {
    open: '打开',
    importInventory: '导入清单',
    exportInventory: '导出清单',
    openBundle: '打开站点包',
    exportBundle: '导出站点包',
    saveReport: '保存报告',
    savePdf: '将报告保存为 PDF',
    inventoryFiles: 'Hubkeeper 清单（CSV 或 JSON）',
    bundleFiles: 'Hubkeeper 站点包',
    csvFiles: 'CSV 文件',
    jsonFiles: 'JSON 文件',
    htmlFiles: 'HTML 文件',
    pdfFiles: 'PDF 文件',
    allFiles: '所有文件',
  },
};
