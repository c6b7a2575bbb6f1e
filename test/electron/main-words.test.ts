import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILE_DIALOGS } from '../../electron/core/app/file-dialogs';
import type { FileDialog } from '../../electron/core/app/ports';
import { translator } from '../../electron/core/i18n';
import { UI_LANGUAGES } from '../../electron/shared/language';

// The main process (and core/app on its behalf) says nothing in its own words: every word a
// person reads in a menu, message box, file dialog, notification or context menu comes from
// the one catalogue (electron/shared/i18n). A local translation table would show up as Chinese
// text in these folders.
const root = path.resolve(__dirname, '../..');
const FOLDERS = ['electron/main', 'electron/core/app'];
const HAN = /\p{Script=Han}/u;

function sources(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(folder, f));
}

describe("main's words come from the one catalogue", () => {
  it('no source file of electron/main or core/app holds Chinese text (no local translation table)', () => {
    const files = FOLDERS.flatMap(sources);
    expect(files.length).toBeGreaterThan(20);
    const withChinese = files.filter((f) =>
      readFileSync(path.join(root, f), 'utf8')
        .split('\n')
        .some((line) => HAN.test(line)),
    );
    expect(withChinese).toEqual([]);
  });

  it('every file dialog core asks for has a title and file types in every language', () => {
    const dialogs: FileDialog[] = [
      FILE_DIALOGS.importInventory,
      FILE_DIALOGS.exportInventory('csv'),
      FILE_DIALOGS.exportInventory('json'),
      FILE_DIALOGS.openBundle,
      FILE_DIALOGS.exportBundle,
      FILE_DIALOGS.saveReport('csv'),
      FILE_DIALOGS.saveReport('json'),
      FILE_DIALOGS.saveReport('html'),
      FILE_DIALOGS.savePdf,
    ];
    for (const language of UI_LANGUAGES) {
      const { t } = translator(language);
      for (const dialog of dialogs)
        for (const key of [dialog.title, ...dialog.filters.map((f) => f.name)]) {
          expect(key).toMatch(/^dialogs\.files\./);
          expect(t(key), `${language}:${key}`).not.toBe(key);
        }
    }
    expect(translator('zh-CN').t(FILE_DIALOGS.exportBundle.title)).toBe('导出站点包');
  });
});
