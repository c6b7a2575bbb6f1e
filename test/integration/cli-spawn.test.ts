import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../electron/cli/exit-codes';
import { startHub, type SimulatedHub } from '../simulator';

/**
 * The real `hubkeeper` process (`tsx electron/cli/main.ts`): exit codes, stdin, and that the
 * process ends by itself within its --timeout even when the hub hangs (no socket or timer
 * keeps it alive). Hubs on 127.0.56.x, random ports.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = resolve(ROOT, 'node_modules/.bin/tsx');

interface Spawned {
  code: number | null;
  out: string;
  err: string;
  ms: number;
}

function hubkeeper(
  args: string[],
  opts: { env?: Record<string, string>; stdin?: string; killAfterMs?: number; command?: string[] } = {},
): Promise<Spawned> {
  return new Promise((done) => {
    const started = Date.now();
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      // A failing command logs to the default data folder's cli.log: not the user's own.
      HOME: home,
      TZ: 'UTC',
      ...opts.env,
    };
    const [bin, ...pre] = opts.command ?? [TSX, 'electron/cli/main.ts'];
    const child = spawn(bin!, [...pre, ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c));
    child.stderr.on('data', (c: Buffer) => (err += c));
    // Safety net so a hanging CLI fails the test instead of hanging it.
    const kill = setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs ?? 15_000);
    child.on('close', (code) => {
      clearTimeout(kill);
      done({ code, out, err, ms: Date.now() - started });
    });
    if (opts.stdin !== undefined) child.stdin.end(opts.stdin);
    else child.stdin.end();
  });
}

let hub: SimulatedHub;
let home: string;
beforeAll(async () => {
  home = mkdtempSync(resolve(tmpdir(), 'hk-cli-spawn-home-'));
  hub = await startHub({ host: '127.0.56.1', port: 0 });
});
afterAll(async () => {
  await hub.stop();
  rmSync(home, { recursive: true, force: true });
});

describe('the hubkeeper process', () => {
  it('--help lists the commands, exit 0', async () => {
    const r = await hubkeeper(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/status \[options\] <hub-url>/);
    expect(r.out).toMatch(/history \[options\] <hub-url>/);
    expect(r.out).toMatch(/cert \[options\] <https-url>/);
  });

  it('status --json with the password in the environment, exit 0', async () => {
    const r = await hubkeeper(['status', hub.url, '--json'], { env: { HUBKEEPER_PASSWORD: 'Admin' } });
    expect(r.err).toBe('');
    expect(r.code).toBe(EXIT.OK);
    expect(JSON.parse(r.out)).toMatchObject({ hub: hub.url, ok: true, status: { version: '2.1.28' }, error: null });
  });

  it('--password-stdin reads a piped password', async () => {
    const r = await hubkeeper(['history', hub.url, '--password-stdin', '--json'], { stdin: 'Admin\n' });
    expect(r.code).toBe(EXIT.OK);
    expect(JSON.parse(r.out)).toMatchObject({ ok: true, history: { start: 1, total: 50 } });
  });

  it('a wrong password: exit 3 and one error line', async () => {
    const r = await hubkeeper(['status', hub.url], { env: { HUBKEEPER_PASSWORD: 'wrong' } });
    expect(r.code).toBe(EXIT.AUTH);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^error AUTH_FAILED: .*refused the password/);
  });

  it('LANG=zh_CN.UTF-8 from the real environment: the table and the error line in Chinese', async () => {
    const table = await hubkeeper(['status', hub.url], { env: { HUBKEEPER_PASSWORD: 'Admin', LANG: 'zh_CN.UTF-8' } });
    expect(table.code).toBe(EXIT.OK);
    expect(table.out).toContain('状态        空闲（0x0）\n');
    const wrong = await hubkeeper(['status', hub.url], { env: { HUBKEEPER_PASSWORD: 'wrong', LANG: 'zh_CN.UTF-8' } });
    expect(wrong.code).toBe(EXIT.AUTH);
    expect(wrong.err).toMatch(/^错误 AUTH_FAILED：用户名或密码错误（Hub 错误码 \d+：密码错误）。详情：/);
  });

  it('a bad command line: exit 2', async () => {
    const r = await hubkeeper(['status', hub.url, '--timeout', 'soon']);
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.err).toContain('seconds');
  });

  it('a hanging hub: TIMEOUT, exit 5, and the process ends by itself within its timeout', async () => {
    const baseline = await hubkeeper(['--version']);
    hub.injectFault({ kind: 'hang' });
    try {
      const r = await hubkeeper(['status', hub.url, '--timeout', '1', '--json'], {
        env: { HUBKEEPER_PASSWORD: 'Admin' },
      });
      // Ended by itself with its own code: a process that hung on the hub would be killed by
      // the 15 s safety net and have no exit code.
      expect(r.code).toBe(EXIT.NETWORK);
      expect(JSON.parse(r.out)).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
      // Startup time plus the 1 s bound, with room for a busy machine (two CI runs at once took
      // 4.9 s over `--version`); the in-process deadline tests hold the bound itself tightly.
      expect(r.ms - baseline.ms).toBeLessThan(8000);
    } finally {
      hub.injectFault(null);
    }
  });
});

describe('the bundled `hubkeeper` bin (what package.json installs)', () => {
  it('builds to one executable file that runs on its own', async () => {
    const out = mkdtempSync(resolve(tmpdir(), 'hubkeeper-build-'));
    try {
      execFileSync(process.execPath, ['scripts/build-electron.mjs', '--out', out], { cwd: ROOT, stdio: 'pipe' });
      const bin = resolve(out, 'cli/hubkeeper.mjs');
      expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
      const version = await hubkeeper(['--version'], { command: [bin] });
      expect(version.out.trim()).toBe(JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')).version);
      const r = await hubkeeper(['status', hub.url, '--json'], {
        command: [bin],
        env: { HUBKEEPER_PASSWORD: 'Admin' },
      });
      expect(r.code).toBe(EXIT.OK);
      expect(JSON.parse(r.out)).toMatchObject({ ok: true, status: { version: '2.1.28' } });
      // Commands that write the data folder go through write-file-atomic, a CommonJS package
      // that needs __filename: the ESM bundle must provide it.
      const csv = resolve(out, 'hubs.csv');
      writeFileSync(csv, `site,address,http_port\nLab,${hub.host},${hub.port}\n`);
      const dataDir = resolve(out, 'data');
      const imported = await hubkeeper(['inventory', 'import', csv, '--data-dir', dataDir], { command: [bin] });
      expect(imported).toMatchObject({ code: EXIT.OK, err: '' });
      const listed = await hubkeeper(['inventory', 'list', '--json', '--data-dir', dataDir], { command: [bin] });
      expect(JSON.parse(listed.out)).toMatchObject({ hubs: [{ address: hub.host }] });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
