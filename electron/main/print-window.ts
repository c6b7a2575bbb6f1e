import { BrowserWindow, session } from 'electron';
import { fail, ok, type Result } from '../shared/errors';
import type { Log } from '../core/app/log';
import { installNavigationGuards, installSessionGuards } from './guards';

/**
 * Prints the self-contained HTML report to PDF. It is loaded into a hidden window with
 * JavaScript off, in its own in-memory session with the same network block as the main window,
 * so nothing in a report (hub names are device-supplied) can run or fetch anything.
 */
export async function printHtmlToPdf(html: string, log: Log): Promise<Result<Uint8Array>> {
  const ses = session.fromPartition('hubkeeper-print');
  installSessionGuards(ses, log);
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      session: ses,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      devTools: false,
    },
  });
  installNavigationGuards(win.webContents, log);
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    // The report's own `@page { size: A4 landscape }` decides: its nine columns need the width.
    const pdf = await win.webContents.printToPDF({
      printBackground: true,
      pageSize: 'A4',
      landscape: true,
      preferCSSPageSize: true,
    });
    return ok(new Uint8Array(pdf));
  } catch (error) {
    log.error('printing the report failed', { error });
    return fail('UNAVAILABLE', 'The report could not be printed to PDF.');
  } finally {
    win.destroy();
  }
}
