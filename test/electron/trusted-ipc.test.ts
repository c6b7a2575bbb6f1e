import type { IpcMain } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { registerContractIpc, WINDOW_CLIENT_ID } from '../../electron/main/ipc';
import { createInvoker, type Handlers } from '../../electron/core/app/invoke';
import { CALL_CHANNELS } from '../../electron/shared/contract';
import { ok } from '../../electron/shared/errors';

type IpcHandler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

function setup() {
  const registered = new Map<string, IpcHandler>();
  const ipcMain = {
    handle: (ch: string, fn: IpcHandler) => registered.set(ch, fn),
    removeHandler: (ch: string) => registered.delete(ch),
  };
  const mainFrame = { url: 'app://renderer/index.html' };
  const ours = { mainFrame };
  const history = vi.fn(async (args: unknown) =>
    ok({ page: { start: 0, total: 1, entries: [] }, source: 'hub' as const, asOf: null, args }),
  );
  const boom = vi.fn(async () => {
    throw new Error('EACCES: permission denied, open /home/tech/.local/share/hubkeeper/x');
  });
  const handlers = new Proxy({} as Handlers, {
    get: (_t, ch) =>
      ch === 'history:page' ? history : ch === 'app:info' ? boom : vi.fn(async () => ok({ done: true })),
  });
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const invoke = vi.fn(createInvoker(handlers, { log }));
  const off = registerContractIpc(ipcMain as never, { invoke, ourContents: () => ours as never, log });
  const call = (event: unknown, channel: string, ...args: unknown[]) => registered.get(channel)!(event, ...args);
  const goodEvent = () => ({ sender: ours, senderFrame: mainFrame });
  return { registered, off, call, goodEvent, ours, mainFrame, history, boom, invoke, log };
}

const ARGS = { hubId: 'h1', start: 0, count: 5 };

describe('IPC wrapper', () => {
  it('registers every contract channel and nothing else, and unregisters them', () => {
    const t = setup();
    expect([...t.registered.keys()].sort()).toEqual([...CALL_CHANNELS].sort());
    t.off();
    expect(t.registered.size).toBe(0);
  });

  it('runs a trusted call with parsed arguments and answers an envelope', async () => {
    const t = setup();
    const res = (await t.call(t.goodEvent(), 'history:page', ARGS)) as { ok: boolean };
    expect(res.ok).toBe(true);
    expect(t.history).toHaveBeenCalledWith(ARGS, { clientId: WINDOW_CLIENT_ID });
  });

  it.each([
    [
      'another window',
      (t: ReturnType<typeof setup>) => ({ sender: { mainFrame: t.mainFrame }, senderFrame: t.mainFrame }),
    ],
    [
      'a sub-frame',
      (t: ReturnType<typeof setup>) => ({ sender: t.ours, senderFrame: { url: 'app://renderer/index.html' } }),
    ],
    ['a destroyed frame', (t: ReturnType<typeof setup>) => ({ sender: t.ours, senderFrame: null })],
    [
      'a foreign page',
      (t: ReturnType<typeof setup>) => ({
        sender: t.ours,
        senderFrame: Object.assign(t.mainFrame, { url: 'https://attacker.example/' }),
      }),
    ],
    [
      'another file of the bundle',
      (t: ReturnType<typeof setup>) => ({
        sender: t.ours,
        senderFrame: Object.assign(t.mainFrame, { url: 'app://renderer/assets/x.html' }),
      }),
    ],
    [
      'a look-alike host',
      (t: ReturnType<typeof setup>) => ({
        sender: t.ours,
        senderFrame: Object.assign(t.mainFrame, { url: 'app://renderer.evil/index.html' }),
      }),
    ],
  ])('refuses %s before anything runs', async (_name, makeEvent) => {
    const t = setup();
    const res = await t.call(makeEvent(t), 'history:page', ARGS);
    expect(res).toEqual({ ok: false, error: expect.objectContaining({ code: 'NOT_PERMITTED' }) });
    expect(t.invoke).not.toHaveBeenCalled();
    expect(t.history).not.toHaveBeenCalled();
    expect(t.log.warn).toHaveBeenCalled();
  });

  it('refuses when our window is gone', async () => {
    const t = setup();
    const registered = new Map<string, IpcHandler>();
    registerContractIpc(
      { handle: (c: string, f: IpcHandler) => registered.set(c, f), removeHandler: () => {} } as unknown as IpcMain,
      { invoke: t.invoke, ourContents: () => null, log: t.log },
    );
    expect(await registered.get('history:page')!(t.goodEvent(), ARGS)).toMatchObject({
      ok: false,
      error: { code: 'NOT_PERMITTED' },
    });
  });

  it.each([
    ['missing arguments', []],
    ['two arguments', [ARGS, { extra: 1 }]],
    ['an unknown key', [{ ...ARGS, url: 'http://127.0.0.9/' }]],
    ['a wrong type', [{ ...ARGS, count: '5' }]],
    ['a bad id', [{ ...ARGS, hubId: '../../etc/passwd' }]],
    ['a huge page', [{ ...ARGS, count: 10_000 }]],
  ])('refuses %s with BAD_INPUT before the handler runs', async (_name, args) => {
    const t = setup();
    const res = await t.call(t.goodEvent(), 'history:page', ...args);
    expect(res).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', hubCode: null } });
    expect((res as { error: { message: string } }).error.message).toMatch(/^Invalid request: /);
    expect(t.history).not.toHaveBeenCalled();
  });

  it('sends only what the result schema declares: an extra field a handler adds never leaves main', async () => {
    const t = setup();
    t.history.mockResolvedValueOnce(
      ok({
        page: { start: 0, total: 1, entries: [] },
        source: 'hub' as const,
        asOf: null,
        password: 'Admin',
        cookie: 'sid=1',
      }) as never,
    );
    const res = (await t.call(t.goodEvent(), 'history:page', ARGS)) as { ok: true; value: Record<string, unknown> };
    expect(res.ok).toBe(true);
    expect(Object.keys(res.value).sort()).toEqual(['asOf', 'page', 'source']);
    expect(JSON.stringify(res)).not.toMatch(/Admin|sid=1/);
  });

  it('fails closed with INTERNAL when a result breaks the contract, even without checkResults', async () => {
    const t = setup();
    // The proxy answers {done: true} for app:openHubWebUi, whose result is {opened, url}.
    const res = (await t.call(t.goodEvent(), 'app:openHubWebUi', { hubId: 'h1' })) as {
      ok: boolean;
      error?: { code: string };
    };
    expect(res).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        hubCode: null,
        message: 'Hubkeeper hit an unexpected problem; the details are in its log.',
      },
    });
    expect(t.log.error).toHaveBeenCalledWith(
      'result does not match the contract',
      expect.objectContaining({ channel: 'app:openHubWebUi' }),
    );
  });

  it('logs a thrown error in main and returns a sanitised INTERNAL error', async () => {
    const t = setup();
    const res = (await t.call(t.goodEvent(), 'app:info', {})) as {
      ok: false;
      error: { code: string; message: string };
    };
    expect(res.ok).toBe(false);
    expect(res.error).toEqual({
      code: 'INTERNAL',
      hubCode: null,
      message: 'Hubkeeper hit an unexpected problem; the details are in its log.',
    });
    expect(t.log.error).toHaveBeenCalledWith(
      'call failed unexpectedly',
      expect.objectContaining({ channel: 'app:info' }),
    );
  });
});
