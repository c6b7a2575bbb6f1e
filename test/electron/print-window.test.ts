import { beforeEach, describe, expect, it, vi } from 'vitest';

// printHtmlToPdf: a hidden, sandboxed window with JavaScript off, in its own session with the
// network block, loading the report as a data: URL; the window is destroyed whatever happens.
type Handler = (...args: unknown[]) => unknown;
const h = vi.hoisted(() => ({
  windows: [] as { options: Record<string, unknown>; loaded: string[]; printed: unknown[]; destroyed: boolean }[],
  printFails: false,
  sessionGuards: { request: null as Handler | null, blocked: null as { urls: string[] } | null },
}));

vi.mock('electron', () => {
  const ses = {
    setPermissionRequestHandler: (fn: Handler) => (h.sessionGuards.request = fn),
    setPermissionCheckHandler: () => {},
    setDevicePermissionHandler: () => {},
    setSpellCheckerEnabled: () => {},
    webRequest: { onBeforeRequest: (filter: { urls: string[] }) => (h.sessionGuards.blocked = filter) },
  };
  class BrowserWindow {
    record: (typeof h.windows)[number];
    webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      this.record = { options, loaded: [], printed: [], destroyed: false };
      h.windows.push(this.record);
      const record = this.record;
      this.webContents = {
        on() {},
        setWindowOpenHandler() {},
        async printToPDF(opts: unknown) {
          record.printed.push(opts);
          if (h.printFails) throw new Error('printing service gone');
          return Buffer.from('%PDF-1.7');
        },
      };
    }
    async loadURL(url: string) {
      this.record.loaded.push(url);
    }
    destroy() {
      this.record.destroyed = true;
    }
  }
  return { BrowserWindow, session: { fromPartition: () => ses } };
});

const { printHtmlToPdf } = await import('../../electron/main/print-window');
const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

beforeEach(() => {
  h.windows.length = 0;
  h.printFails = false;
});

describe('printing the report to PDF', () => {
  it('uses a hidden sandboxed window with JavaScript off, the report as data, landscape per its CSS', async () => {
    const html = '<!DOCTYPE html><title>x</title><p>Studio &lt;A&gt;</p>';
    const res = await printHtmlToPdf(html, log);
    expect(res.ok && Buffer.from(res.value).toString()).toBe('%PDF-1.7');
    const w = h.windows[0]!;
    expect(w.options).toMatchObject({
      show: false,
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        javascript: false,
        webSecurity: true,
        devTools: false,
      },
    });
    expect(w.loaded).toEqual([`data:text/html;charset=utf-8,${encodeURIComponent(html)}`]);
    expect(w.printed).toEqual([expect.objectContaining({ landscape: true, preferCSSPageSize: true })]);
    expect(w.destroyed).toBe(true);
    // Its session blocks the network and denies permissions like the main window's.
    expect(h.sessionGuards.blocked!.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*']));
    const answer = vi.fn();
    h.sessionGuards.request!(null, 'media', answer);
    expect(answer).toHaveBeenCalledWith(false);
  });

  it('answers UNAVAILABLE, logs the cause and still destroys the window when printing fails', async () => {
    h.printFails = true;
    const res = await printHtmlToPdf('<p>x</p>', log);
    expect(res).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(log.error).toHaveBeenCalledWith(
      'printing the report failed',
      expect.objectContaining({ error: expect.any(Error) }),
    );
    expect(h.windows[0]!.destroyed).toBe(true);
  });
});
