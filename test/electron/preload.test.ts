import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_CHANNELS, EVENT_CHANNELS, type RendererApi } from '../../electron/shared/contract';

// A fake ipcRenderer that records what the preload does with it, and a contextBridge that
// captures what is exposed to the page.
const ipc = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...a: unknown[]) => void>>();
  return {
    listeners,
    invoke: vi.fn(async (..._a: unknown[]) => ({ ok: true, value: 'from-main' })),
    on: vi.fn((channel: string, fn: (...a: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(fn);
    }),
    removeListener: vi.fn((channel: string, fn: (...a: unknown[]) => void) => listeners.get(channel)?.delete(fn)),
    emit(channel: string, event: unknown, payload: unknown) {
      for (const fn of listeners.get(channel) ?? []) fn(event, payload);
    },
  };
});
const exposed = vi.hoisted(() => new Map<string, unknown>());

vi.mock('electron', () => ({
  ipcRenderer: ipc,
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
}));

let api: RendererApi;
beforeEach(async () => {
  vi.resetModules();
  exposed.clear();
  ipc.listeners.clear();
  ipc.invoke.mockClear();
  await import('../../electron/preload/index');
  api = exposed.get('hubkeeper') as RendererApi;
});

describe('preload', () => {
  it('exposes exactly invoke and on, frozen, under window.hubkeeper', () => {
    expect([...exposed.keys()]).toEqual(['hubkeeper']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('forwards a declared call with its one argument object and nothing else', async () => {
    const invoke = api.invoke as (...a: unknown[]) => Promise<unknown>;
    await expect(
      invoke('history:page', { hubId: 'h1', start: 0, count: 5 }, 'extra', { smuggled: true }),
    ).resolves.toEqual({
      ok: true,
      value: 'from-main',
    });
    expect(ipc.invoke).toHaveBeenCalledTimes(1);
    expect(ipc.invoke).toHaveBeenCalledWith('history:page', { hubId: 'h1', start: 0, count: 5 });
  });

  it('blocks undeclared call channels before anything reaches ipcRenderer', async () => {
    const invoke = api.invoke as (c: unknown, a: unknown) => Promise<unknown>;
    for (const channel of ['shell:openExternal', 'history:', 'HISTORY:PAGE', 'monitor:changed', '', 42, null]) {
      await expect(invoke(channel, {})).rejects.toThrow(/Blocked undeclared call channel/);
    }
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('blocks undeclared events, and calls are not events', () => {
    const on = api.on as (e: unknown, l: unknown) => unknown;
    expect(() => on('app:info', () => {})).toThrow(/Blocked undeclared event channel/);
    expect(() => on('ipc-message', () => {})).toThrow(/Blocked undeclared event channel/);
    expect(() => on('monitor:changed', 'not a function')).toThrow(TypeError);
    expect(ipc.on).not.toHaveBeenCalled();
  });

  it('hands listeners the payload only, never the IpcRendererEvent', () => {
    const got: unknown[][] = [];
    api.on('settings:changed', (...args: unknown[]) => got.push(args));
    const fakeEvent = { sender: { send: () => {} }, senderId: 0, ports: [] };
    ipc.emit('settings:changed', fakeEvent, { theme: 'dark' });
    expect(got).toEqual([[{ theme: 'dark' }]]);
  });

  it('returns an unsubscribe that really removes the listener', () => {
    const seen: unknown[] = [];
    const off = api.on('monitor:changed', (p) => seen.push(p));
    ipc.emit('monitor:changed', {}, 1);
    off();
    ipc.emit('monitor:changed', {}, 2);
    expect(seen).toEqual([1]);
    expect(ipc.listeners.get('monitor:changed')?.size).toBe(0);
  });

  it('accepts every declared channel', async () => {
    for (const channel of CALL_CHANNELS) await api.invoke(channel, {} as never);
    expect(ipc.invoke).toHaveBeenCalledTimes(CALL_CHANNELS.length);
    for (const event of EVENT_CHANNELS) api.on(event, () => {})();
  });
});
