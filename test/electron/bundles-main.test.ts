import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../electron/core/app/dispatcher';
import { silentLog } from '../../electron/core/app/log';
import type { Services } from '../../electron/core/app/ports';
import { FILE_DIALOGS } from '../../electron/core/app/file-dialogs';
import { createElectronHost } from '../../electron/main/host';
import { buildMenuTemplate, type MenuActions } from '../../electron/main/menu';
import { BUNDLE_MAX_BYTES } from '../../electron/shared/bundle';
import { CALL_CHANNELS, EVENT_CHANNELS } from '../../electron/shared/contract-channels';
import { calls, events, MENU_COMMANDS } from '../../electron/shared/contract';

// The app's side of site bundles: the File menu items, main's open dialog with the bundle's own
// size bound, and the contract block (argument shapes; UNAVAILABLE without a bundle service).
const dir = mkdtempSync(path.join(tmpdir(), 'hk-bundles-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

describe('site bundles in the app', () => {
  it('File offers Export and Open Site Bundle… (forwarded to the window), in both languages', () => {
    for (const [language, exportLabel, openLabel] of [
      ['en', 'Export Site Bundle…', 'Open Site Bundle…'],
      ['zh-CN', '导出站点包…', '打开站点包…'],
    ] as const) {
      const actions = {
        command: vi.fn(),
        setLanguage: vi.fn(),
        setTheme: vi.fn(),
        quit: vi.fn(),
        openLogFolder: vi.fn(),
        copyDiagnostics: vi.fn(),
        reportProblem: vi.fn(),
      } satisfies MenuActions;
      const template = buildMenuTemplate({
        language,
        uiLanguage: language,
        theme: 'light',
        isPackaged: true,
        platform: 'linux',
        actions,
      });
      const file = flatten([template[0]!]);
      (file.find((i) => i.label === exportLabel)!.click as () => void)();
      (file.find((i) => i.label === openLabel)!.click as () => void)();
      expect(actions.command.mock.calls.map((c) => c[0])).toEqual(['export-bundle', 'open-bundle']);
    }
    expect(MENU_COMMANDS).toContain('export-bundle');
  });

  it("main's open dialog takes a bundle over an inventory's 5 MB, up to the bundle bound", async () => {
    const file = path.join(dir, 'bundle.json');
    writeFileSync(file, '');
    truncateSync(file, 6 * 1024 * 1024);
    const host = (picked: string) =>
      createElectronHost({
        dialog: {
          showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: [picked] })),
          showSaveDialog: vi.fn(),
        } as never,
        shell: { openExternal: vi.fn() },
        window: () => null,
        version: '1.0.0',
        platform: 'linux',
        defaultSaveFolder: () => dir,
        printToPdf: async () => ({ ok: true, value: new Uint8Array() }),
        language: () => 'en',
      });
    const limit = { maxBytes: BUNDLE_MAX_BYTES, what: 'a site bundle' };
    expect((await host(file).openTextFile(FILE_DIALOGS.openBundle, limit)).ok).toBe(true);
    expect((await host(file).openTextFile(FILE_DIALOGS.importInventory)).ok).toBe(false);
    truncateSync(file, BUNDLE_MAX_BYTES + 1);
    const big = await host(file).openTextFile(FILE_DIALOGS.openBundle, limit);
    expect(!big.ok && big.error.message).toMatch(/too large to be a site bundle/);
  });

  it('declares the bundle channels once, with strict arguments', () => {
    const bundleCalls = CALL_CHANNELS.filter((c) => c.startsWith('bundles:'));
    // 10, and the 3 that carry a bundle from the page in pieces (uploadBegin / Chunk / Finish).
    expect(bundleCalls).toHaveLength(13);
    expect(calls['bundles:uploadBegin'].args.safeParse({ size: BUNDLE_MAX_BYTES + 1 }).success).toBe(false);
    expect(calls['bundles:uploadChunk'].args.safeParse({ uploadId: 'x', offset: 0, text: '{' }).success).toBe(false);
    expect(EVENT_CHANNELS).toContain('bundles:changed');
    expect(calls['bundles:openText'].args.safeParse({ text: '{}' }).success).toBe(true);
    expect(calls['bundles:openText'].args.safeParse({ text: '{}', path: '/etc/passwd' }).success).toBe(false);
    expect(calls['bundles:openText'].args.safeParse({ text: 'x'.repeat(BUNDLE_MAX_BYTES + 1) }).success).toBe(false);
    expect(calls['bundles:adopt'].args.safeParse({ bundleId: 'b', hubIds: [] }).success).toBe(false);
    expect(calls['bundles:get'].args.safeParse({ bundleId: '../x' }).success).toBe(false);
    expect(events['bundles:changed'].safeParse({ bundles: [] }).success).toBe(true);
  });

  it('answers UNAVAILABLE when the backend has no bundle service', async () => {
    const noop = () => () => undefined;
    const services = {
      monitor: { onChanges: noop, onUpdateEnded: noop, configure: () => undefined },
      inventory: { onChange: noop },
      visits: { onChange: noop },
      devices: { onChange: noop },
      settings: { onChange: noop },
    } as unknown as Services;
    const dispatcher = createDispatcher(services, { log: silentLog });
    const answer = await dispatcher.invoke('bundles:list', {}, { clientId: 'c1' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    const upload = await dispatcher.invoke('bundles:uploadBegin', { size: 10 }, { clientId: 'c1' });
    expect(upload).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    dispatcher.dispose();
  });
});
