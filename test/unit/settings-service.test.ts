import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsService } from '../../electron/core/app/settings-service';
import type { DamagedFile } from '../../electron/core/data-folder';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hk-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const file = () => path.join(dir, 'settings.json');

describe('SettingsService over a shared data folder', () => {
  it("re-reads under the lock before writing: two processes never undo each other's change", async () => {
    // Two services on one folder, as the app and another process would hold them.
    const app = await SettingsService.open(dir);
    const other = await SettingsService.open(dir);
    expect((await app.set({ language: 'zh-CN' })).ok).toBe(true);
    const r = await other.set({ theme: 'dark', monitor: { idleMs: 7000 } });
    expect(r.ok && r.value).toMatchObject({ language: 'zh-CN', theme: 'dark' });
    const onDisk = JSON.parse(await readFile(file(), 'utf8'));
    expect(onDisk).toMatchObject({ language: 'zh-CN', theme: 'dark', monitor: { idleMs: 7000 } });
    // And the first one's next change keeps the second one's.
    await app.set({ technician: 'Li' });
    expect(JSON.parse(await readFile(file(), 'utf8'))).toMatchObject({
      language: 'zh-CN',
      theme: 'dark',
      technician: 'Li',
      monitor: { idleMs: 7000 },
    });
  });

  it('moves a settings file that is not JSON aside, tells once, and writes 0600', async () => {
    await writeFile(file(), '{"language": "zh-');
    const damaged: DamagedFile[] = [];
    const settings = await SettingsService.open(dir, { onDamaged: (d) => damaged.push(d) });
    expect(settings.get().language).toBe('system');
    expect(damaged).toEqual([expect.objectContaining({ file: file(), reason: 'not valid JSON' })]);
    expect(await readFile(damaged[0]!.movedTo, 'utf8')).toBe('{"language": "zh-');
    expect((await settings.set({ theme: 'light' })).ok).toBe(true);
    expect(damaged).toHaveLength(1);
    expect((await readdir(dir)).sort()).toEqual([path.basename(damaged[0]!.movedTo), 'settings.json'].sort());
    if (process.platform !== 'win32') expect((await stat(file())).mode & 0o777).toBe(0o600);
  });

  it('refuses an invalid patch without touching the file', async () => {
    const settings = await SettingsService.open(dir);
    const r = await settings.set({ monitor: { busyMs: 5 } });
    expect(r.ok).toBe(false);
    await expect(readdir(dir)).resolves.toEqual([]);
  });
});
