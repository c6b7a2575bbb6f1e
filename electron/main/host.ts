import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserWindow, Dialog, Shell } from 'electron';
import writeFileAtomic from 'write-file-atomic';
import { fail, ok, type Result } from '../shared/errors';
import type { FileDialog, HostPort, TextFileLimit } from '../core/app/ports';
import { translator } from '../core/i18n';
import type { UiLanguage } from '../shared/language';

/** Imports larger than this are not inventories. */
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export interface ElectronHostDeps {
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  shell: Pick<Shell, 'openExternal'>;
  window: () => BrowserWindow | null;
  version: string;
  platform: NodeJS.Platform;
  defaultSaveFolder: () => string;
  /** Prints self-contained HTML to PDF in a hidden, script-less window (print-window.ts). */
  printToPdf: (html: string) => Promise<Result<Uint8Array>>;
  /** The UI language when a dialog opens (main's one source, ui-language.ts). */
  language: () => UiLanguage;
}

/** Only http(s) URLs without credentials reach the OS; main built them from the inventory. */
export function isOpenableHubUrl(url: string): boolean {
  try {
    const u = new URL(url);
    // Exactly the shape main builds for a hub's web interface (hubWebUiUrl): scheme, host, port
    // and nothing else, so no path, query or fragment can smuggle anything to the browser.
    return (
      (u.protocol === 'http:' || u.protocol === 'https:') &&
      !u.username &&
      !u.password &&
      u.hostname !== '' &&
      u.pathname === '/' &&
      !u.search &&
      !u.hash &&
      url === u.toString()
    );
  } catch {
    return false;
  }
}

/** A dialog's title, button and file types in the language of the moment. */
function worded(dialog: FileDialog, language: UiLanguage, button: 'open' | 'save') {
  const { t } = translator(language);
  return {
    title: t(dialog.title),
    buttonLabel: button === 'open' ? t('dialogs.files.open') : t('common.save'),
    filters: dialog.filters.map((f) => ({ name: t(f.name), extensions: f.extensions })),
  };
}

/**
 * The app's side of the HostPort: native dialogs, the system browser, printing. File paths chosen
 * by the user stay here; the renderer only ever hears a base name.
 */
export function createElectronHost(deps: ElectronHostDeps): HostPort {
  return {
    transport: 'electron',
    version: deps.version,
    platform: deps.platform,
    capabilities: { printPdf: true, openExternal: true, fileDialogs: true },

    async openTextFile(dialog: FileDialog, limit?: TextFileLimit) {
      const win = deps.window();
      const options = { properties: ['openFile' as const], ...worded(dialog, deps.language(), 'open') };
      const picked = win ? await deps.dialog.showOpenDialog(win, options) : await deps.dialog.showOpenDialog(options);
      const file = picked.filePaths[0];
      if (picked.canceled || !file) return ok(null);
      try {
        const info = await stat(file);
        if (limit && info.size > limit.maxBytes)
          return fail(
            'BAD_INPUT',
            `That file is too large to be ${limit.what} (over ${Math.round(limit.maxBytes / 1024 / 1024)} MB).`,
          );
        if (!limit && info.size > MAX_IMPORT_BYTES)
          return fail('BAD_INPUT', 'That file is too large to be an inventory (over 5 MB).');
        return ok({ name: path.basename(file), text: await readFile(file, 'utf8') });
      } catch {
        return fail('NOT_FOUND', 'That file could not be read.');
      }
    },

    async saveFile(suggestedName: string, dialog: FileDialog, content: string | Uint8Array) {
      const win = deps.window();
      const options = {
        defaultPath: path.join(deps.defaultSaveFolder(), path.basename(suggestedName)),
        ...worded(dialog, deps.language(), 'save'),
      };
      const picked = win ? await deps.dialog.showSaveDialog(win, options) : await deps.dialog.showSaveDialog(options);
      if (picked.canceled || !picked.filePath) return ok({ saved: false, fileName: null });
      try {
        await writeFileAtomic(picked.filePath, typeof content === 'string' ? content : Buffer.from(content));
      } catch {
        return fail('UNAVAILABLE', 'The file could not be written there; pick another folder.');
      }
      return ok({ saved: true, fileName: path.basename(picked.filePath) });
    },

    async openExternal(url: string) {
      if (!isOpenableHubUrl(url)) return false;
      await deps.shell.openExternal(url);
      return true;
    },

    printToPdf: (html) => deps.printToPdf(html),
  };
}
