import type { HostPort } from '../core/app/ports';
import { fail } from '../shared/errors';
import { VERSION } from './version';

const NO_WINDOW = 'A command-line run has no window to ask or show anything in.';

/**
 * The host of a backend that no window talks to (`hubkeeper watch`): no dialogs, no browser, no
 * PDF. Its dispatcher is never served, so nothing asks; if something did, it would be told why not.
 */
export function cliHost(): HostPort {
  return {
    transport: 'cli',
    version: VERSION,
    platform: process.platform,
    capabilities: { printPdf: false, openExternal: false, fileDialogs: false },
    openTextFile: async () => fail('UNAVAILABLE', NO_WINDOW),
    saveFile: async () => fail('UNAVAILABLE', NO_WINDOW),
    openExternal: async () => false,
    printToPdf: async () => fail('UNAVAILABLE', NO_WINDOW),
  };
}
