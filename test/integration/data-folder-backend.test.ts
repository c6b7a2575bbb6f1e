import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Log } from '../../electron/core/app/log';
import type { AppInfo } from '../../electron/shared/contract';
import { openTestBackend } from './backend-harness';
import { cli } from './cli-harness';

/**
 * "Damaged files are kept, never overwritten", seen from the outside: the app starts from what
 * it can trust, logs each file with its path, and tells the window once (names only); the CLI
 * names the file in a warning on stderr.
 */
const CTX = { clientId: 'test' };
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hk-damaged-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function capturingLog(): Log & { warnings: Array<{ message: string; detail?: Record<string, unknown> }> } {
  const warnings: Array<{ message: string; detail?: Record<string, unknown> }> = [];
  return { warnings, info() {}, error() {}, warn: (message, detail) => void warnings.push({ message, detail }) };
}

describe('damaged files in the data folder', () => {
  it('the app starts anyway, logs each file and lists it once for the window', async () => {
    await writeFile(path.join(dir, 'inventory.json'), '{"schemaVersion":1,"sites":[');
    await writeFile(path.join(dir, 'settings.json'), 'nope');
    await writeFile(path.join(dir, 'visits.json'), '{"schema":1,"visits":[{"site');
    await mkdir(path.join(dir, 'store'));
    await writeFile(path.join(dir, 'store', 'meta.json'), '');
    const log = capturingLog();
    const { backend } = await openTestBackend(dir, { log, startMonitor: false });
    try {
      const info = await backend.dispatcher.invoke('app:info', {}, CTX);
      expect(info.ok).toBe(true);
      if (!info.ok) return;
      const damaged = (info.value as AppInfo).damagedFiles ?? [];
      expect(damaged.map((d) => d.name).sort()).toEqual([
        'inventory.json',
        'meta.json',
        'settings.json',
        'visits.json',
      ]);
      // Names only to the window (no paths); the log has the paths.
      for (const d of damaged) {
        expect(d.movedTo).toMatch(new RegExp(`^${d.name.replace('.', '\\.')}\\.damaged-`));
        expect(d.movedTo).not.toContain(path.sep);
      }
      const logged = log.warnings.filter((w) => w.message === 'damaged file moved aside');
      expect(logged.map((w) => w.detail?.file).sort()).toEqual(
        ['inventory.json', 'settings.json', 'visits.json', path.join('store', 'meta.json')]
          .map((f) => path.join(dir, f))
          .sort(),
      );
      expect(
        await readFile(path.join(dir, `${damaged.find((d) => d.name === 'inventory.json')!.movedTo}`), 'utf8'),
      ).toBe('{"schemaVersion":1,"sites":[');
      // The inventory works from empty.
      const site = await backend.dispatcher.invoke(
        'inventory:addSite',
        {
          name: 'Fresh',
          defaultUser: '',
          notes: '',
        },
        CTX,
      );
      expect(site.ok).toBe(true);
    } finally {
      await backend.stop();
    }
  });

  it('the CLI names the damaged file on stderr, keeps it, and goes on', async () => {
    const file = path.join(dir, 'inventory.json');
    await writeFile(file, '{"schemaVersion":1,"hubs":"x"}');
    const run = await cli(['inventory', 'list', '--json', '--data-dir', dir]);
    expect(run.code).toBe(0);
    expect(run.err).toMatch(
      new RegExp(`warning: ${file.replace(/[.\\/]/g, '\\$&')} was damaged \\(not in the expected format`),
    );
    expect(run.err).toMatch(/it was kept as .*inventory\.json\.damaged-/);
    expect(run.json()).toMatchObject({ sites: [], hubs: [] });
    const names = await readdir(dir);
    expect(names).toHaveLength(1);
    expect(await readFile(path.join(dir, names[0]!), 'utf8')).toBe('{"schemaVersion":1,"hubs":"x"}');
    // Told once: the next command has nothing to say.
    const again = await cli(['inventory', 'list', '--json', '--data-dir', dir]);
    expect(again.err).toBe('');
  });
});
