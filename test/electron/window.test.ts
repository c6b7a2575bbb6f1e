import { describe, expect, it, vi } from 'vitest';

// A BrowserWindow stand-in that records its options and the handlers installed on its webContents.
const created = vi.hoisted(() => [] as { options: Record<string, unknown>; contents: FakeContents }[]);
type Handler = (...args: unknown[]) => unknown;
interface FakeContents {
  handlers: Map<string, Handler[]>;
  openHandler: Handler | null;
  on(event: string, fn: Handler): void;
  setWindowOpenHandler(fn: Handler): void;
}

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: FakeContents;
    constructor(options: Record<string, unknown>) {
      const contents: FakeContents = {
        handlers: new Map(),
        openHandler: null,
        on(event, fn) {
          this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
        },
        setWindowOpenHandler(fn) {
          this.openHandler = fn;
        },
      };
      this.webContents = contents;
      created.push({ options, contents });
    }
    once() {}
    show() {}
  }
  return { BrowserWindow };
});

const { createMainWindow } = await import('../../electron/main/window');
const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

function make(isPackaged: boolean) {
  createMainWindow({
    preloadPath: '/app/dist/electron/preload.cjs',
    isPackaged,
    session: {} as never,
    bounds: { width: 1000, height: 700 },
    log,
  });
  return created.at(-1)!;
}

function fire(contents: FakeContents, event: string, ...args: unknown[]) {
  for (const fn of contents.handlers.get(event) ?? []) fn(...args);
}

describe('window factory', () => {
  it('turns every web preference that matters to the safe side, explicitly', () => {
    const { options } = make(true);
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: false,
    });
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(options.show).toBe(false);
  });

  it('allows DevTools only when unpackaged', () => {
    expect((make(false).options.webPreferences as Record<string, unknown>).devTools).toBe(true);
    expect((make(true).options.webPreferences as Record<string, unknown>).devTools).toBe(false);
  });

  it('blocks navigation and redirects away from the entry page', () => {
    const { contents } = make(true);
    for (const event of ['will-navigate', 'will-redirect']) {
      for (const url of [
        'https://example.org/',
        'app://renderer/other.html',
        'app://renderer.evil/index.html',
        'file:///etc/passwd',
        'javascript:alert(1)',
      ]) {
        const e = { preventDefault: vi.fn() };
        fire(contents, event, e, url);
        expect(e.preventDefault, `${event} ${url}`).toHaveBeenCalled();
      }
      const fine = { preventDefault: vi.fn() };
      fire(contents, event, fine, 'app://renderer/index.html#/hubs');
      expect(fine.preventDefault).not.toHaveBeenCalled();
    }
  });

  it('blocks sub-frame navigation', () => {
    const { contents } = make(true);
    const e = { preventDefault: vi.fn(), isMainFrame: false, url: 'app://renderer/index.html' };
    fire(contents, 'will-frame-navigate', e);
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it('denies window.open and prevents <webview> attachment', () => {
    const { contents } = make(true);
    expect(contents.openHandler!({ url: 'https://example.org' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'app://renderer/index.html' })).toEqual({ action: 'deny' });
    const e = { preventDefault: vi.fn() };
    fire(contents, 'will-attach-webview', e, {}, {});
    expect(e.preventDefault).toHaveBeenCalled();
  });
});
