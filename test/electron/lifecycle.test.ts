import { beforeEach, describe, expect, it, vi } from 'vitest';

// index.ts: the privileged scheme is registered before ready, one instance only, a second
// launch focuses the first window.
const h = vi.hoisted(() => ({
  lock: true,
  failStart: false,
  handlers: new Map<string, (...a: unknown[]) => void>(),
  app: {} as Record<string, unknown>,
  registerSchemesAsPrivileged: (() => {}) as (...a: unknown[]) => void,
  errorBox: (() => {}) as (...a: unknown[]) => void,
  systemLanguages: ['en-US'] as string[],
  running: { focus: () => {}, ensureWindow: () => {}, stop: async () => {} },
}));

vi.mock('electron', () => ({
  app: h.app,
  dialog: { showErrorBox: (...a: unknown[]) => h.errorBox(...a) },
  protocol: { registerSchemesAsPrivileged: (...a: unknown[]) => h.registerSchemesAsPrivileged(...a) },
}));
vi.mock('../../electron/main/start', () => ({
  startApp: vi.fn(async () => {
    if (h.failStart) throw new Error('The inventory cannot be read: damaged');
    return h.running;
  }),
}));

beforeEach(() => {
  vi.resetModules();
  h.handlers.clear();
  Object.assign(h.app, {
    requestSingleInstanceLock: vi.fn(() => h.lock),
    quit: vi.fn(),
    exit: vi.fn(),
    on: vi.fn((event: string, fn: (...a: unknown[]) => void) => h.handlers.set(event, fn)),
    whenReady: vi.fn(() => Promise.resolve()),
    getPreferredSystemLanguages: vi.fn(() => h.systemLanguages),
  });
  h.registerSchemesAsPrivileged = vi.fn();
  h.errorBox = vi.fn();
  h.running = { focus: vi.fn(), ensureWindow: vi.fn(), stop: vi.fn(async () => {}) };
});

describe('main entry', () => {
  it('registers app:// as a privileged standard, secure scheme before anything else', async () => {
    await import('../../electron/main/index');
    expect(h.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
  });

  it('quits at once when another instance holds the lock', async () => {
    h.lock = false;
    await import('../../electron/main/index');
    expect(h.app.quit).toHaveBeenCalled();
    expect(h.app.whenReady).not.toHaveBeenCalled();
    h.lock = true;
  });

  it('focuses the running window on a second launch and stops the backend on quit', async () => {
    await import('../../electron/main/index');
    await new Promise((r) => setTimeout(r, 0));
    expect(h.app.quit).not.toHaveBeenCalled();
    h.handlers.get('second-instance')!();
    expect(h.running.focus).toHaveBeenCalled();
    h.handlers.get('activate')!();
    expect(h.running.ensureWindow).toHaveBeenCalled();
    h.handlers.get('before-quit')!({ preventDefault: vi.fn() });
    expect(h.running.stop).toHaveBeenCalled();
  });

  it('holds the quit until the backend has stopped, once, then quits', async () => {
    let stopped!: () => void;
    h.running.stop = vi.fn(() => new Promise<void>((resolve) => (stopped = resolve)));
    await import('../../electron/main/index');
    await new Promise((r) => setTimeout(r, 0));
    const quit = (): { preventDefault: ReturnType<typeof vi.fn> } => {
      const event = { preventDefault: vi.fn() };
      h.handlers.get('before-quit')!(event);
      return event;
    };
    expect(quit().preventDefault).toHaveBeenCalled();
    expect(quit().preventDefault).toHaveBeenCalled(); // asked twice while stopping: still held…
    expect(h.running.stop).toHaveBeenCalledTimes(1); // … and stopped once
    await new Promise((r) => setTimeout(r, 20));
    expect(h.app.quit).not.toHaveBeenCalled();
    stopped();
    await vi.waitFor(() => expect(h.app.quit).toHaveBeenCalledTimes(1));
    // The quit that follows goes through: nothing is stopped twice.
    expect(quit().preventDefault).not.toHaveBeenCalled();
    expect(h.running.stop).toHaveBeenCalledTimes(1);
  });

  it('quits anyway when the stop never ends (a safety net over its own bound)', async () => {
    h.running.stop = vi.fn(() => new Promise<void>(() => {}));
    await import('../../electron/main/index');
    await new Promise((r) => setTimeout(r, 0));
    vi.useFakeTimers();
    try {
      h.handlers.get('before-quit')!({ preventDefault: vi.fn() });
      await vi.advanceTimersByTimeAsync(3000);
      expect(h.app.quit).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1500);
      expect(h.app.quit).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('explains a failed start in a dialog and exits', async () => {
    h.failStart = true;
    await import('../../electron/main/index');
    await new Promise((r) => setTimeout(r, 0));
    expect(h.errorBox).toHaveBeenCalledWith(
      'Hubkeeper could not start',
      'Reason: The inventory cannot be read: damaged',
    );
    expect(h.app.exit).toHaveBeenCalledWith(1);
    h.failStart = false;
  });

  it('explains a failed start in the system’s language (the settings may be what could not be read)', async () => {
    h.failStart = true;
    h.systemLanguages = ['zh-Hans-CN', 'en-US'];
    try {
      await import('../../electron/main/index');
      await vi.waitFor(() => expect(h.errorBox).toHaveBeenCalled());
      expect(h.errorBox).toHaveBeenCalledWith(
        'Hubkeeper 无法启动',
        '原因（英文，供技术支持参考）：The inventory cannot be read: damaged',
      );
      expect(h.app.exit).toHaveBeenCalledWith(1);
    } finally {
      h.failStart = false;
      h.systemLanguages = ['en-US'];
    }
  });
});
