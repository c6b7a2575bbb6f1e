import { describe, expect, it, vi } from 'vitest';
import { BLOCKED_URL_PATTERNS, installSessionGuards } from '../../electron/main/guards';

type RequestHandler = (wc: unknown, permission: string, cb: (granted: boolean) => void, details?: unknown) => void;
type BoolHandler = (...a: unknown[]) => boolean;
type BeforeRequest = (details: { url: string }, cb: (r: { cancel: boolean }) => void) => void;

class FakeSession {
  request: RequestHandler | null = null;
  check: BoolHandler | null = null;
  device: BoolHandler | null = null;
  before: { filter: { urls: string[] }; fn: BeforeRequest } | null = null;
  setSpellCheckerEnabled = vi.fn();
  webRequest = {
    onBeforeRequest: (filter: { urls: string[] }, fn: BeforeRequest) => {
      this.before = { filter, fn };
    },
  };
  setPermissionRequestHandler(fn: RequestHandler) {
    this.request = fn;
  }
  setPermissionCheckHandler(fn: BoolHandler) {
    this.check = fn;
  }
  setDevicePermissionHandler(fn: BoolHandler) {
    this.device = fn;
  }
}
const fakeSession = () => new FakeSession();

describe('renderer session guards', () => {
  const log = { warn: vi.fn() };

  it('denies every permission request and check', () => {
    const s = fakeSession();
    installSessionGuards(s as never, log);
    for (const permission of [
      'geolocation',
      'media',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fullscreen',
    ]) {
      const cb = vi.fn();
      s.request!({}, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
      expect(s.check!({}, permission, 'app://renderer', {})).toBe(false);
    }
    expect(s.device!({ deviceType: 'usb' })).toBe(false);
  });

  it('cancels every http(s), ws(s), ftp and file request from the renderer session', () => {
    const s = fakeSession();
    installSessionGuards(s as never, log);
    expect(s.before!.filter.urls).toEqual(BLOCKED_URL_PATTERNS);
    for (const scheme of ['http', 'https', 'ws', 'wss', 'ftp', 'file'])
      expect(BLOCKED_URL_PATTERNS.some((p) => p.startsWith(`${scheme}://`))).toBe(true);
    const cb = vi.fn();
    s.before!.fn({ url: 'https://example.org/x' }, cb);
    expect(cb).toHaveBeenCalledWith({ cancel: true });
  });
});
