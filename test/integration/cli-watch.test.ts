import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path, { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { startHub, type SimulatedHub } from '../simulator';
import { FAST_TIMING, waitFor } from './monitor-harness';
import { cli } from './cli-harness';
import { makeInventory } from './cli-data-fixtures';
import { runWatch } from '../../electron/cli/commands/watch';
import type { CliIo } from '../../electron/cli/io';
import { InventoryStore } from '../../electron/core/inventory';
import { HubStore } from '../../electron/core/store/hub-store';

/**
 * `hubkeeper watch`: the real process until SIGTERM (plain change lines into a pipe), and the
 * in-place terminal view in-process. Hubs on 127.0.63.x, random ports.
 */
const ESC = String.fromCharCode(27);
const ROOT = resolve(import.meta.dirname, '../..');

let dir: string;
let hubs: SimulatedHub[] = [];
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hk-cli-watch-'));
});
afterEach(async () => {
  await Promise.all(hubs.map((h) => h.stop()));
  hubs = [];
  await rm(dir, { recursive: true, force: true });
});

function captureIo(isTty: boolean, env: Record<string, string> = { HUBKEEPER_PASSWORD: 'Admin' }) {
  const io: CliIo & { text: () => string; errors: () => string } = {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    env,
    stdin: new PassThrough(),
    isTty,
    setExitCode: () => {},
    text: () => out,
    errors: () => err,
  };
  let out = '';
  let err = '';
  return io;
}

describe('hubkeeper watch', () => {
  it('runs as a process until SIGTERM, printing change lines into a pipe and recording the update', async () => {
    // The update starts once the watcher is polling, not on a clock started with the hub: on a
    // busy machine the child (tsx compiling the CLI) can take longer to start than any lead time.
    const hub = await startHub({ host: '127.0.63.2', port: 0, scenario: 'update-available' });
    hubs.push(hub);
    // One process, `node --import tsx`, not the `tsx` launcher: the launcher relays SIGTERM to a
    // child of its own and SIGKILLs it (exit 143) unless the child acknowledges within 30 ms,
    // which a busy machine does not guarantee. Here the SIGTERM reaches the CLI itself.
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'electron/cli/main.ts',
        'watch',
        hub.url,
        '--data-dir',
        dir,
        '--busy-interval',
        '0.2',
        '--idle-interval',
        '0.3',
      ],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: dir, HUBKEEPER_PASSWORD: 'Admin' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c));
    child.stderr.on('data', (c: Buffer) => (err += c));
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    const guard = setTimeout(() => child.kill('SIGKILL'), 75_000);
    try {
      await waitFor(
        () => hub.requests.some((r) => r.path === '/api/update/status'),
        40_000,
        `the watcher's first poll (stdout: ${out} stderr: ${err})`,
      );
      hub.setScenario('full-update', { ...FAST_TIMING, leadMs: 500 });
      await waitFor(() => /update VERIFIED/.test(out), 25_000, `the verified line (stdout: ${out} stderr: ${err})`);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      clearTimeout(guard);
    }
    expect(out).not.toContain(`${ESC}[`); // no cursor movement into a pipe
    expect(out).toMatch(/download started \(2\.1\.27 → 2\.1\.28\)/);
    expect(out).toMatch(/hub offline/);
    expect(out).toMatch(/hub back online/);
    expect(out).toMatch(/version changed 2\.1\.27 → 2\.1\.28/);
    expect(out).toMatch(/stopped; everything seen is recorded/);
    // Logged out on the way out: hubs keep a limited number of sessions.
    expect(hub.requests.some((r) => r.path === '/api/logout')).toBe(true);

    const timeline = await cli(['timeline', hub.url, '--json', '--data-dir', dir]);
    expect(timeline.code).toBe(0);
    const doc = timeline.json<{ updates: Array<{ outcome: string; from: string; to: string }> }>();
    expect(doc.updates).toEqual([expect.objectContaining({ from: '2.1.27', to: '2.1.28', outcome: 'verified' })]);

    // The process's log, in the data folder named by --data-dir: the restart and the outcome.
    const log = await readFile(path.join(dir, 'logs', 'cli.log'), 'utf8');
    expect(log).toMatch(/ WARN hub=\S+ hub request failed /);
    expect(log).toMatch(/ INFO hub=\S+ update verified \{"outcome":"verified","from":"2\.1\.27","to":"2\.1\.28"/);
    expect(log).toMatch(/ INFO backend stopped\n$/);
    expect(out + err).not.toMatch(/update verified|backend stopped/);
  }, 90_000);

  it('draws one line per hub in place on a terminal, with a progress bar, for every hub of a site', async () => {
    hubs = await Promise.all([
      startHub({ host: '127.0.63.3', port: 0, scenario: 'downloading', timing: FAST_TIMING }),
      startHub({ host: '127.0.63.4', port: 0, scenario: 'idle' }),
    ]);
    const inv = await makeInventory(dir, { name: 'Acme' }, [
      { host: '127.0.63.3', port: hubs[0]!.port, name: 'Studio Downloading' },
      { host: '127.0.63.4', port: hubs[1]!.port, name: 'Studio Idle' },
    ]);
    const io = captureIo(true);
    const stop = new AbortController();
    const running = runWatch(
      [],
      { site: 'Acme', dataDir: dir, passwordStdin: false, timeout: 2000, busyInterval: 200, idleInterval: 300 },
      io,
      { stop: stop.signal, columns: 160 },
    );
    await waitFor(
      () =>
        /Studio Downloading\s+downloading \d+%\s+live .*\[#*-*\]/.test(io.text()) &&
        /Studio Idle\s+idle/.test(io.text()),
      10_000,
      'both hubs drawn',
    );
    // At least one redraw in place (cursor up over the header and both hubs), however late the
    // timers of a busy machine run, before stopping.
    await waitFor(() => io.text().includes(`${ESC}[3F`), 10_000, 'a redraw in place');
    stop.abort();
    expect(await running).toBe(0);
    const text = io.text();
    expect(text.startsWith('\x1b[?25l')).toBe(true); // cursor hidden while drawing …
    expect(text).toContain('\x1b[?25h'); // … and given back
    expect(text).toContain(`${ESC}[3F`); // redrawn in place: header + two hub lines
    expect(text).toMatch(/Studio Idle\s+idle\s+live \d\d:\d\d:\d\d\s+2\.1\.28 \(newest\)/);
    const ansi = new RegExp(`${ESC}\\[[0-9;?]*[A-Za-z]`, 'g');
    expect(text.split('\n').every((l) => l.replace(ansi, '').length <= 160)).toBe(true);

    const store = await HubStore.open(dir);
    if (!store.ok) throw new Error(store.error.message);
    for (const hub of inv) {
      const status = await store.value.readStatus(hub.id);
      expect(status.ok && status.value?.live.lastSuccessAt).toBeTruthy();
    }
  }, 20_000);

  it('--back-timeout ends an update whose hub stays away unverified (not back)', async () => {
    const hub = await startHub({
      host: '127.0.63.5',
      port: 0,
      scenario: 'full-update',
      timing: { ...FAST_TIMING, restartMs: 60_000 },
    });
    hubs.push(hub);
    const io = captureIo(false);
    const stop = new AbortController();
    const running = runWatch(
      [hub.url],
      { dataDir: dir, passwordStdin: false, timeout: 1000, busyInterval: 200, idleInterval: 300, backTimeout: 1500 },
      io,
      { stop: stop.signal, columns: 0 },
    );
    await waitFor(() => /update UNVERIFIED/.test(io.text()), 15_000, 'the update to end unverified');
    stop.abort();
    expect(await running).toBe(0);
    const timeline = await cli(['timeline', hub.url, '--json', '--data-dir', dir]);
    expect(timeline.json<{ events: Array<{ type: string; reason?: string }> }>().events.at(-1)).toMatchObject({
      type: 'update-finished',
      reason: 'not-back',
    });
  }, 25_000);

  it("watches only the hubs named: the app's visits and always-watched sites are left to the app", async () => {
    hubs = await Promise.all([
      startHub({ host: '127.0.63.6', port: 0, scenario: 'idle' }),
      startHub({ host: '127.0.63.7', port: 0, scenario: 'idle' }),
    ]);
    await makeInventory(dir, { name: 'Named' }, [{ host: '127.0.63.6', port: hubs[0]!.port, name: 'Named hub' }]);
    const [other] = await makeInventory(dir, { name: 'Elsewhere' }, [
      { host: '127.0.63.7', port: hubs[1]!.port, name: 'Other hub' },
    ]);
    // The app runs on the same data folder: it is visiting "Elsewhere", which is also always watched.
    const inventory = await InventoryStore.open(dir);
    if (!inventory.ok) throw new Error(inventory.error.message);
    expect((await inventory.value.updateSite(other!.siteId, { alwaysWatched: true })).ok).toBe(true);
    const visits = `${JSON.stringify({
      schema: 1,
      visits: [{ siteId: other!.siteId, startedAt: '2026-01-01T08:00:00.000Z', endedAt: null, endedBy: null }],
    })}\n`;
    await writeFile(path.join(dir, 'visits.json'), visits);

    const io = captureIo(false);
    const stop = new AbortController();
    const running = runWatch(
      [],
      { site: 'Named', dataDir: dir, passwordStdin: false, timeout: 2000, busyInterval: 200, idleInterval: 300 },
      io,
      { stop: stop.signal, columns: 0 },
    );
    await waitFor(
      () => hubs[0]!.requests.filter((r) => r.path === '/api/update/status').length >= 2,
      10_000,
      'two polls of the named hub',
    );
    stop.abort();
    expect(await running).toBe(0);
    expect(hubs[1]!.requests).toEqual([]);
    // The app's open visit is the app's: not ended, not rewritten.
    expect(await readFile(path.join(dir, 'visits.json'), 'utf8')).toBe(visits);
  }, 20_000);

  it('explains what is missing instead of starting', async () => {
    const none = await cli(['watch', '--data-dir', dir]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/hub addresses, or --site/);
    const both = await cli(['watch', 'http://127.0.63.9', '--site', 'Acme', '--data-dir', dir]);
    expect(both.code).toBe(2);
    const nopass = await cli(['watch', 'http://127.0.63.9', '--data-dir', dir], { env: {} });
    expect(nopass.code).toBe(2);
    expect(nopass.err).toMatch(/HUBKEEPER_PASSWORD/);
    const site = await cli(['watch', '--site', 'Nowhere', '--data-dir', dir]);
    expect(site.code).toBe(1);
    expect(site.err).toMatch(/no site "Nowhere"/);
    const interval = await cli(['watch', 'http://127.0.63.9', '--busy-interval', '0.01', '--data-dir', dir]);
    expect(interval.code).toBe(2);
    expect(interval.err).toMatch(/--busy-interval/);
    const back = await cli(['watch', 'http://127.0.63.9', '--back-timeout', '0.5', '--data-dir', dir]);
    expect(back.code).toBe(2);
    expect(back.err).toMatch(/--back-timeout/);
  });
});
