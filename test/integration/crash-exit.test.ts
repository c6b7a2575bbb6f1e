import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type SimulatedHub } from '../simulator';

/**
 * The CLI and the browser preview meet an error nothing caught (planted by a preload as an
 * unhandled rejection carrying secrets): they log it (the CLI to <data folder>/logs/cli.log),
 * say one redacted line, stop what runs and exit 1, within a bound. Hub on 127.0.67.2.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const PLANT = path.join(import.meta.dirname, 'fixtures', 'plant-rejection.mjs');
const SECRET = 'Cr4sh-Secret-91';

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', PLANT, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', PLANT_SECRET: SECRET, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c));
    child.stderr.on('data', (c: Buffer) => (err += c));
    const guard = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('close', (code) => {
      clearTimeout(guard);
      done({ code, out, err });
    });
  });
}

let dir: string;
let hub: SimulatedHub;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hk-crash-'));
  hub = await startHub({ host: '127.0.67.2', port: 0 });
});
afterAll(async () => {
  await hub.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('an error nothing caught', () => {
  it('the CLI logs it to the data folder, says one redacted line and exits 1', async () => {
    const dataDir = path.join(dir, 'cli-data');
    const r = await run(['electron/cli/main.ts', 'watch', hub.url, '--data-dir', dataDir, '--idle-interval', '0.5'], {
      HOME: dir,
      HUBKEEPER_PASSWORD: 'Admin',
    });
    expect(r.code).toBe(1);
    const line = r.err.split('\n').find((l) => l.startsWith('hubkeeper: unexpected error:'));
    expect(line).toContain('planted failure http://[redacted]@127.0.0.1/');
    expect(r.err + r.out).not.toContain(SECRET);
    expect(r.err).not.toMatch(/\n\s+at /); // no raw stack on the terminal
    const logFile = path.join(dataDir, 'logs', 'cli.log');
    expect(existsSync(logFile)).toBe(true);
    const logged = readFileSync(logFile, 'utf8');
    expect(logged).toMatch(/ERROR unexpected error \(unhandled rejection\)/);
    expect(logged).not.toContain(SECRET);
  }, 120_000);

  it('the preview logs it, stops its backend and exits 1', async () => {
    const renderer = path.join(dir, 'renderer');
    mkdirSync(renderer, { recursive: true });
    writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>t</title>');
    const r = await run(
      ['scripts/dev-web.ts', '--port', '0', '--data-dir', path.join(dir, 'web-data'), '--renderer', renderer],
      { HOME: dir },
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('dev:web: unexpected error: planted failure http://[redacted]@127.0.0.1/');
    expect(r.err).toMatch(/ERROR unexpected error \(unhandled rejection\)/);
    expect(r.err).toContain('backend stopped');
    expect(r.err + r.out).not.toContain(SECRET);
  }, 120_000);
});
