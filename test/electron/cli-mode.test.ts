import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedCliArguments } from '../../electron/main/cli-mode';

// The installed app's `hubkeeper` command: the BUILT main bundle, started the way the launcher
// starts the app binary (`--hubkeeper-cli -- <command…>`), under plain Node with the stand-in
// `electron` module. It must run the command, print to stdout/stderr, exit with the command's
// code, and never open a window or take the single-instance lock.
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'hk-cli-mode-'));
  const build = spawnSync(process.execPath, ['scripts/build-electron.mjs', '--out', path.join(dir, 'dist')], {
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(build.stderr);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runMain(args: string[], env: Record<string, string> = {}) {
  return spawnSync(
    process.execPath,
    [
      '-r',
      path.resolve('test/electron/fixtures/fake-electron.cjs'),
      '-e',
      // Report whether main tried to become the GUI (a window, the single-instance lock).
      `const f = globalThis.__fakeElectron;
       process.on('exit', () => process.stderr.write('\\nGUI ' + JSON.stringify({ window: !!f.state.window, lock: !!f.state.lockAsked })));
       require(process.env.HK_MAIN);`,
      '--',
      ...args,
    ],
    {
      encoding: 'utf8',
      timeout: 30_000,
      env: {
        ...process.env,
        HK_MAIN: path.join(dir, 'dist', 'electron', 'main.cjs'),
        HK_APP: dir,
        HK_TMP: path.join(dir, 'electron-paths'),
        HUBKEEPER_DATA_DIR: path.join(dir, 'data'),
        ...env,
      },
    },
  );
}

describe('embeddedCliArguments', () => {
  it('takes what follows the switch (and its --), and nothing without it', () => {
    expect(embeddedCliArguments(['/opt/Hubkeeper/hubkeeper-desktop'])).toBeNull();
    expect(
      embeddedCliArguments(['app', '--ozone-platform=headless', '--hubkeeper-cli', '--', 'status', '--json']),
    ).toEqual(['status', '--json']);
    expect(embeddedCliArguments(['app', '--hubkeeper-cli', 'inventory', 'list'])).toEqual(['inventory', 'list']);
  });
});

describe('the built main bundle as the CLI', () => {
  it('prints the version and exits 0 without a window', () => {
    const run = runMain(['--ozone-platform=headless', '--hubkeeper-cli', '--', '--version']);
    expect(run.stdout.trim()).toBe('0.1.0');
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('GUI {"window":false,"lock":false}');
  });

  it('exits with the command’s own code and message (a usage error is 2)', () => {
    const run = runMain(['--hubkeeper-cli', '--', 'status', 'not a url'], { HUBKEEPER_PASSWORD: 'x' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/error|invalid|not a/i);
    expect(run.stderr).toContain('"window":false');
  });

  it('keeps the whole output when stdout is a pipe (drained before exit)', () => {
    const run = runMain(['--hubkeeper-cli', '--', 'inventory', 'list', '--json']);
    expect(run.status).toBe(0);
    expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
  });
});
