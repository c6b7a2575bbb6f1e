import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FILE_DIALOGS } from '../../electron/core/app/file-dialogs';
import { createElectronHost, isOpenableHubUrl } from '../../electron/main/host';
import type { UiLanguage } from '../../electron/shared/language';
import { createWebHost } from '../../electron/web/web-host';

const dir = mkdtempSync(path.join(tmpdir(), 'hk-host-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function host(picked: { save?: string | null; open?: string | null } = {}, language: () => UiLanguage = () => 'en') {
  const shell = { openExternal: vi.fn(async () => {}) };
  const dialog = {
    showSaveDialog: vi.fn(async (..._options: unknown[]) =>
      picked.save ? { canceled: false, filePath: picked.save } : { canceled: true, filePath: '' },
    ),
    showOpenDialog: vi.fn(async (..._options: unknown[]) =>
      picked.open ? { canceled: false, filePaths: [picked.open] } : { canceled: true, filePaths: [] },
    ),
  };
  const h = createElectronHost({
    dialog: dialog as never,
    shell,
    window: () => null,
    version: '1.0.0',
    platform: 'linux',
    defaultSaveFolder: () => dir,
    printToPdf: async () => ({ ok: true, value: new Uint8Array([37, 80, 68, 70]) }),
    language,
  });
  return { h, shell, dialog };
}

describe('electron host', () => {
  it('opens only http(s) URLs without credentials in the system browser', async () => {
    const { h, shell } = host();
    for (const bad of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'http://user:pw@127.0.0.2/',
      'smb://127.0.0.2/x',
      'not a url',
      'https:///',
      'https://127.0.0.2/phish?x=1',
      'http://127.0.0.2/#frag',
      'http://127.0.0.2/a/../b',
    ]) {
      expect(isOpenableHubUrl(bad), bad).toBe(false);
      expect(await h.openExternal(bad)).toBe(false);
    }
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(await h.openExternal('https://127.0.0.2:8443/')).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://127.0.0.2:8443/');
  });

  it('saves where the user picked and tells the renderer only the base name', async () => {
    const target = path.join(dir, 'sub-report.html');
    const { h } = host({ save: target });
    expect(await h.saveFile('../../evil/report.html', FILE_DIALOGS.saveReport('html'), '<html></html>')).toEqual({
      ok: true,
      value: { saved: true, fileName: 'sub-report.html' },
    });
    expect(readFileSync(target, 'utf8')).toBe('<html></html>');
    expect(await host({ save: null }).h.saveFile('x.csv', FILE_DIALOGS.exportInventory('csv'), 'a')).toEqual({
      ok: true,
      value: { saved: false, fileName: null },
    });
  });

  it('reads a picked file, refusing one too large to be an inventory', async () => {
    const small = path.join(dir, 'inv.csv');
    writeFileSync(small, 'site,name\n');
    expect(await host({ open: small }).h.openTextFile(FILE_DIALOGS.importInventory)).toEqual({
      ok: true,
      value: { name: 'inv.csv', text: 'site,name\n' },
    });
    const big = path.join(dir, 'big.csv');
    writeFileSync(big, Buffer.alloc(6 * 1024 * 1024, 97));
    expect(await host({ open: big }).h.openTextFile(FILE_DIALOGS.importInventory)).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(await host({ open: null }).h.openTextFile(FILE_DIALOGS.importInventory)).toEqual({ ok: true, value: null });
  });
});

describe('file dialogs in the UI language', () => {
  it('titles a save dialog, its button and its file type in English and in Chinese, as the language is when it opens', async () => {
    let language: UiLanguage = 'en';
    const { h, dialog } = host({ save: null }, () => language);
    await h.saveFile('report.csv', FILE_DIALOGS.saveReport('csv'), 'a');
    expect(dialog.showSaveDialog.mock.calls[0]).toEqual([
      expect.objectContaining({
        title: 'Save Report',
        buttonLabel: 'Save',
        filters: [{ name: 'CSV files', extensions: ['csv'] }],
      }),
    ]);
    language = 'zh-CN'; // changed in the settings meanwhile: the next dialog follows
    await h.saveFile('report.pdf', FILE_DIALOGS.savePdf, new Uint8Array([1]));
    expect(dialog.showSaveDialog.mock.calls[1]).toEqual([
      expect.objectContaining({
        title: '将报告保存为 PDF',
        buttonLabel: '保存',
        filters: [{ name: 'PDF 文件', extensions: ['pdf'] }],
      }),
    ]);
  });

  it('titles the open dialogs and names their file types in both languages', async () => {
    for (const [language, expected] of [
      [
        'en',
        { title: 'Import Inventory', buttonLabel: 'Open', names: ['Hubkeeper inventory (CSV or JSON)', 'All files'] },
      ],
      ['zh-CN', { title: '导入清单', buttonLabel: '打开', names: ['Hubkeeper 清单（CSV 或 JSON）', '所有文件'] }],
    ] as const) {
      const { h, dialog } = host({ open: null }, () => language);
      await h.openTextFile(FILE_DIALOGS.importInventory);
      const options = dialog.showOpenDialog.mock.calls[0]![0] as {
        title: string;
        buttonLabel: string;
        filters: { name: string; extensions: string[] }[];
      };
      expect(options.title).toBe(expected.title);
      expect(options.buttonLabel).toBe(expected.buttonLabel);
      expect(options.filters.map((f) => f.name)).toEqual(expected.names);
      expect(options.filters.map((f) => f.extensions)).toEqual([['csv', 'json'], ['*']]);
    }
    const { h, dialog } = host({ open: null }, () => 'zh-CN');
    await h.openTextFile(FILE_DIALOGS.openBundle);
    expect(dialog.showOpenDialog.mock.calls[0]![0]).toMatchObject({
      title: '打开站点包',
      filters: [{ name: 'Hubkeeper 站点包', extensions: ['json'] }],
    });
  });
});

describe('web host', () => {
  it('saves into its output folder under a plain base name, and has no dialogs or printing', async () => {
    const out = path.join(dir, 'saved');
    const web = createWebHost({ outDir: out, version: 'x' });
    expect(await web.saveFile('../../../etc/passwd', FILE_DIALOGS.saveReport('csv'), 'x')).toEqual({
      ok: true,
      value: { saved: true, fileName: 'passwd' },
    });
    expect(readFileSync(path.join(out, 'passwd'), 'utf8')).toBe('x');
    expect(web.capabilities).toEqual({ printPdf: false, openExternal: false, fileDialogs: false });
    expect(await web.openExternal('https://127.0.0.2/')).toBe(false);
    expect((await web.openTextFile(FILE_DIALOGS.importInventory)).ok).toBe(false);
    expect((await web.printToPdf('<html>')).ok).toBe(false);
  });
});
