import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type SimulatedHub } from '../../test/simulator';
import { CALL_CHANNELS } from '../../electron/shared/contract-channels';

// The BUILT dist/electron/main.cjs (esbuild bundle, CommonJS, every dependency inlined) started
// under plain Node with a stand-in `electron` module (fixtures/fake-electron.cjs), talking to a
// simulated hub on this file's loopback address 127.0.22.2. Catches what unit tests of the
// sources cannot: bundling, CommonJS/ESM interop of dependencies, the real composition.
let dir: string;
let hub: SimulatedHub;
let result: Record<string, unknown>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hk-main-bundle-'));
  const build = spawnSync(process.execPath, ['scripts/build-electron.mjs', '--out', path.join(dir, 'dist')], {
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(build.stderr);
  mkdirSync(path.join(dir, 'dist', 'renderer'), { recursive: true });
  writeFileSync(path.join(dir, 'dist', 'renderer', 'index.html'), '<!doctype html><title>x</title>');
  hub = await startHub({ host: '127.0.22.2', port: 0, scenario: 'idle' });
  // Asynchronously: the simulated hub lives in this process and must keep answering.
  const child = spawn(process.execPath, [path.join('test', 'electron', 'fixtures', 'drive-main.cjs')], {
    env: {
      ...process.env,
      HK_MAIN: path.join(dir, 'dist', 'electron', 'main.cjs'),
      HK_APP: dir,
      HK_TMP: path.join(dir, 'electron-paths'),
      HK_HUB_URL: hub.url,
      HUBKEEPER_DATA_DIR: path.join(dir, 'data'),
    },
  });
  const run = { stdout: '', stderr: '' };
  child.stdout.on('data', (c: Buffer) => (run.stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (run.stderr += c.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  await new Promise((resolve) => child.on('close', resolve));
  clearTimeout(killer);
  const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`no result from the bundle:\n${run.stdout}\n${run.stderr}`);
  result = JSON.parse(line.slice(7)) as Record<string, unknown>;
}, 90_000);

afterAll(async () => {
  await hub?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the built preload bundle', () => {
  it('is one CommonJS file whose only require is electron', () => {
    const code = readFileSync(path.join(dir, 'dist', 'electron', 'preload.cjs'), 'utf8');
    expect([...code.matchAll(/require\((['"])([^'"]+)\1\)/g)].map((m) => m[2])).toEqual(['electron']);
    expect(code).not.toMatch(/\bimport\s*\(|from\s+['"]/);
    expect(code).toContain('exposeInMainWorld');
  });
});

describe('the built main bundle', () => {
  it('starts: every channel registered, menu set, app:// served with the CSP', () => {
    expect(result.crashed, String(result.crashed)).toBeUndefined();
    expect(result.channels).toBe(CALL_CHANNELS.length);
    expect(result.menus).toBeGreaterThanOrEqual(1);
    expect(result.page).toEqual({ status: 200, csp: expect.stringContaining("connect-src 'none'") });
    expect(result.info).toMatchObject({
      ok: true,
      value: { transport: 'electron', version: '9.9.9', keychain: { available: false, backend: 'basic_text' } },
    });
  });

  it('adds a hub, logs in (refusing to remember on basic_text) and receives its status as changes', () => {
    expect(result.site).toBe(true);
    expect(result.added).toBe(1);
    expect(result.subscribe).toBe(true);
    expect(result.login).toMatchObject({
      ok: true,
      value: { remembered: false, refusedReason: expect.stringMatching(/keyring/i) },
    });
    expect(result.version).toBe('2.1.28');
    expect(result.history).toMatchObject({ ok: true, value: { source: 'hub', page: { total: 50 } } });
    expect(result.badArgs).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(result.sentPassword).toBe(false);
    expect(result.quitHeldThenDone, 'before-quit held once, then one quit after the stop').toBe(true);
  });
});
