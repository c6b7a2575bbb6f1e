import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { fail, ok } from '../shared/errors';
import type { HostPort } from '../core/app/ports';

/**
 * The host side of the browser transport: there are no native dialogs, so "save" writes into
 * one output folder chosen at start (the e2e tests read it back), opening files is replaced by
 * paste/drop in the UI (`inventory:importText`), and printing to PDF is the app's alone.
 */
export function createWebHost(options: { outDir: string; version: string }): HostPort {
  return {
    transport: 'web',
    version: options.version,
    platform: process.platform,
    capabilities: { printPdf: false, openExternal: false, fileDialogs: false },
    openTextFile: async () =>
      fail(
        'UNAVAILABLE',
        "The browser preview cannot open files itself; paste the file's contents or drop the file instead.",
      ),
    async saveFile(suggestedName, _dialog, content) {
      // Only a plain base name, whatever was suggested.
      const name =
        path
          .basename(suggestedName)
          .replace(/[^A-Za-z0-9._-]+/g, '-')
          .replace(/^\.+/, '') || 'hubkeeper-file';
      await mkdir(options.outDir, { recursive: true });
      await writeFileAtomic(
        path.join(options.outDir, name),
        typeof content === 'string' ? content : Buffer.from(content),
      );
      return ok({ saved: true, fileName: name });
    },
    openExternal: async () => false,
    printToPdf: async () =>
      fail('UNAVAILABLE', 'Printing to PDF needs the Hubkeeper app; save the HTML report instead.'),
  };
}
