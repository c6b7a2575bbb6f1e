import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `electron-builder --linux dir` for real, offline: a stand-in electronDist (a tiny `electron`
// file carrying the fuse sentinel and Electron's default fuse wire, so electron-builder's fuse
// step runs and can be read back), the real esbuild bundles and the real Vite renderer build,
// all in a temp project so nothing in dist/ or release/ of the repo is touched.
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as {
  listPackage(p: string, o: { isPack: boolean }): string[];
  extractFile(p: string, f: string): Buffer;
};
const fuses = require('@electron/fuses') as { getCurrentFuseWire(p: string): Promise<Record<string, number | string>> };

const repo = process.cwd();
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ENABLE = 49;
const DISABLE = 48;

let project: string;
let unpacked: string;
let files: string[];
let builderOutput = '';

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'hk-pack-'));
  for (const f of ['package.json', 'electron-builder.yml']) cpSync(path.join(repo, f), path.join(project, f));
  cpSync(path.join(repo, 'build'), path.join(project, 'build'), { recursive: true });
  symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'));
  // Bait: things that exist next to the app in a working copy and must never be packaged.
  mkdirSync(path.join(project, 'electron', 'main'), { recursive: true });
  writeFileSync(path.join(project, 'electron', 'main', 'index.ts'), '// source');
  mkdirSync(path.join(project, 'test'), { recursive: true });
  writeFileSync(path.join(project, 'test', 'x.test.ts'), '// test');
  writeFileSync(path.join(project, '.env'), 'HUBKEEPER_PASSWORD=Admin');
  writeFileSync(path.join(project, 'credentials.json'), '{"entries":{}}');

  execFileSync(process.execPath, [path.join(repo, 'scripts/build-electron.mjs'), '--out', path.join(project, 'dist')], {
    stdio: 'pipe',
  });
  writeFileSync(path.join(project, 'dist', 'electron', 'main.cjs.map'), '{}');
  execFileSync(
    process.execPath,
    [
      path.join(repo, 'node_modules/vite/bin/vite.js'),
      'build',
      '--outDir',
      path.join(project, 'dist', 'renderer'),
      '--logLevel',
      'error',
    ],
    {
      cwd: repo,
      stdio: 'pipe',
    },
  );

  // Electron's default fuse wire: RunAsNode on, cookie encryption off, NODE_OPTIONS on,
  // inspect on, asar integrity off, only-asar off, V8 snapshot off, file:// privileges on.
  const stand = path.join(project, 'stand-in-electron');
  mkdirSync(stand);
  writeFileSync(
    path.join(stand, 'electron'),
    Buffer.concat([
      // Echoes its arguments, so the CLI launcher's call can be read back.
      Buffer.from('#!/bin/sh\necho "stand-in electron $*"\nexit 0\n# '),
      Buffer.from(SENTINEL),
      Buffer.from([1, 8]),
      Buffer.from('10110001\n'),
    ]),
  );
  chmodSync(path.join(stand, 'electron'), 0o755);

  const run = spawnSync(
    process.execPath,
    [
      path.join(repo, 'node_modules/electron-builder/cli.js'),
      '--linux',
      'dir',
      '--projectDir',
      project,
      `-c.electronDist=${stand}`,
      `-c.directories.output=${path.join(project, 'release')}`,
    ],
    {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CI: '1' },
      timeout: 120_000,
    },
  );
  builderOutput = `${run.stdout}\n${run.stderr}`;
  if (run.status !== 0) throw new Error(`electron-builder failed:\n${builderOutput}`);
  unpacked = path.join(project, 'release', 'linux-unpacked');
  files = asar.listPackage(path.join(unpacked, 'resources', 'app.asar'), { isPack: false });
}, 180_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('packaging (electron-builder --linux dir, stand-in Electron)', () => {
  it('puts the built app in the asar: main, preload, renderer, package.json', () => {
    expect(files).toContain('/package.json');
    expect(files).toContain('/dist/electron/main.cjs');
    expect(files).toContain('/dist/electron/preload.cjs');
    expect(files).toContain('/dist/electron/cli.cjs');
    expect(files).toContain('/dist/renderer/index.html');
    expect(files.some((f) => /^\/dist\/renderer\/assets\/.+\.js$/.test(f))).toBe(true);
    const pkg = JSON.parse(
      asar.extractFile(path.join(unpacked, 'resources', 'app.asar'), 'package.json').toString(),
    ) as { main: string };
    expect(files).toContain(`/${pkg.main}`);
  });

  it('and nothing else: no node_modules, sources, tests, maps, dotfiles or secrets', () => {
    const allowed =
      /^\/(package\.json|dist|dist\/electron|dist\/electron\/(main|preload|cli)\.cjs|dist\/renderer(\/.*)?)$/;
    expect(files.filter((f) => !allowed.test(f))).toEqual([]);
    expect(files.filter((f) => /node_modules|\.ts$|\.map$|\/\.|test|credentials|\.env/.test(f))).toEqual([]);
    const archive = path.join(unpacked, 'resources', 'app.asar');
    for (const f of files.filter((x) => /\.(cjs|js|html|json)$/.test(x))) {
      const text = asar.extractFile(archive, f.slice(1)).toString();
      expect(text, f).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY|HUBKEEPER_PASSWORD=/);
    }
  });

  it('flips the fuses in the shipped binary', async () => {
    const wire = await fuses.getCurrentFuseWire(path.join(unpacked, 'hubkeeper-desktop'));
    expect(wire).toMatchObject({
      0: DISABLE, // RunAsNode
      1: ENABLE, // EnableCookieEncryption
      2: DISABLE, // EnableNodeOptionsEnvironmentVariable
      3: DISABLE, // EnableNodeCliInspectArguments
      4: ENABLE, // EnableEmbeddedAsarIntegrityValidation
      5: ENABLE, // OnlyLoadAppFromAsar
      7: DISABLE, // GrantFileProtocolExtraPrivileges
    });
  });

  it('declares what installers need (app id, product name, macOS local-network reason)', () => {
    const yml = readFileSync(path.join(repo, 'electron-builder.yml'), 'utf8');
    expect(yml).toMatch(/^productName: Hubkeeper$/m);
    expect(yml).toMatch(/^appId: \S+$/m);
    expect(yml).toMatch(/NSLocalNetworkUsageDescription: \S/);
    expect(yml).toMatch(/target: \[deb, AppImage\]/);
    expect(yml).toMatch(/^artifactName: \$\{productName\}-\$\{version\}-\$\{arch\}\.\$\{ext\}$/m);
    expect(yml).toMatch(/include: build\/win\/installer\.nsh/);
    const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { author?: string };
    expect(pkg.author).toMatch(/\S/);
    expect(yml).toMatch(/target: \[nsis\]/);
    expect(yml).toMatch(/target: \[dmg\]/);
  });

  it('carries the CLI: the launcher runs the app binary as the CLI, with its arguments', () => {
    const launcher = path.join(unpacked, 'resources', 'cli', 'hubkeeper');
    const run = spawnSync(launcher, ['status', 'https://127.0.0.1', '--json'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(
      'stand-in electron --ozone-platform=headless --hubkeeper-cli -- status https://127.0.0.1 --json',
    );
    // Through a symlink, as /usr/bin/hubkeeper is.
    const link = path.join(project, 'usr-bin-hubkeeper');
    symlinkSync(launcher, link);
    expect(spawnSync(link, ['--version'], { encoding: 'utf8' }).stdout).toContain('--hubkeeper-cli -- --version');
    expect(readFileSync(path.join(unpacked, 'resources', 'cli', 'hubkeeper.cmd'), 'utf8')).toContain(
      '"%~dp0..\\..\\Hubkeeper.exe" --hubkeeper-cli -- %*',
    );
  });

  it('installs /usr/bin/hubkeeper from the deb scripts (valid bash once electron-builder fills them in)', () => {
    const macros: Record<string, string> = {
      executable: 'hubkeeper-desktop',
      sanitizedProductName: 'Hubkeeper',
      productFilename: 'Hubkeeper',
    };
    for (const [file, expected] of [
      ['after-install.tpl', "ln -sf '/opt/Hubkeeper/resources/cli/hubkeeper' '/usr/bin/hubkeeper'"],
      ['after-remove.tpl', 'rm -f /usr/bin/hubkeeper'],
    ] as const) {
      // electron-builder's own substitution (FpmTarget writeConfigFile): an unknown macro throws.
      const text = readFileSync(path.join(repo, 'build', 'linux', file), 'utf8').replace(
        /\$\{([a-zA-Z]+)\}/g,
        (_, name: string) => {
          if (!(name in macros)) throw new Error(`${file}: macro ${name} is not defined`);
          return macros[name]!;
        },
      );
      expect(text).toContain(expected);
      const script = path.join(project, file.replace('.tpl', '.sh'));
      writeFileSync(script, text);
      expect(spawnSync('bash', ['-n', script], { encoding: 'utf8' }).status, file).toBe(0);
    }
  });
});
