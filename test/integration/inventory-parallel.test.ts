import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InventoryStore, type InventoryChange } from '../../electron/core/inventory/inventory-store';
import { inventorySchema } from '../../electron/shared/inventory';

/**
 * Several processes, one data folder: real processes write one inventory at the same moment and
 * not one edit may be lost (each change re-reads the file under a cross-process lock). And a
 * long-running store (the app's backend) sees what the others wrote without being told.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const WRITERS = 4;
const IMPORTS = 5;
const ROUNDS = 3;

let workDir: string;
let writer: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'hk-parallel-'));
  writer = path.join(workDir, 'writer.cjs');
  // Bundled once to plain JS so the writers start quickly and together.
  await build({
    entryPoints: [fileURLToPath(new URL('./inventory-parallel-writer.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: writer,
    logLevel: 'silent',
  });
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

interface Child {
  ready: Promise<void>;
  exited: Promise<{ code: number | null; out: string; err: string }>;
  go(): void;
}

function startWriter(dataDir: string, id: number): Child {
  const child = spawn(process.execPath, [writer, dataDir, String(id), String(IMPORTS)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    if (out.includes('ready\n')) markReady();
  });
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  // Safety net: a hung writer fails the round instead of hanging the test.
  const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const exited = new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(guard);
      markReady();
      resolve({ code, out, err });
    }),
  );
  return { ready, exited, go: () => child.stdin.end('go\n') };
}

async function inventoryOf(dataDir: string) {
  return inventorySchema.parse(JSON.parse(await readFile(path.join(dataDir, 'inventory.json'), 'utf8')));
}

describe('several processes, one data folder', () => {
  it(`keeps every import of ${WRITERS} writers started together (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const dataDir = path.join(workDir, `round-${round}`);
      const children = Array.from({ length: WRITERS }, (_, i) => startWriter(dataDir, i + 1));
      await Promise.all(children.map((c) => c.ready));
      for (const c of children) c.go();
      const results = await Promise.all(children.map((c) => c.exited));
      for (const r of results) expect(r.code, r.err).toBe(0);
      const inventory = await inventoryOf(dataDir);
      expect(inventory.hubs.map((h) => h.name).sort(), `round ${round}`).toEqual(
        Array.from({ length: WRITERS }, (_, w) => Array.from({ length: IMPORTS }, (_, n) => `w${w + 1}-${n}`))
          .flat()
          .sort(),
      );
      expect(inventory.sites).toHaveLength(WRITERS);
      // Neither locks nor temporary files stay behind.
      expect(await readdir(dataDir)).toEqual(['inventory.json']);
    }
  }, 180_000);

  it('keeps every import of parallel `hubkeeper inventory import` commands', async () => {
    const dataDir = path.join(workDir, 'cli');
    const files = await Promise.all(
      [1, 2, 3].map(async (n) => {
        const file = path.join(workDir, `import-${n}.csv`);
        await writeFile(file, `site,name,address,http_port\nCLI ${n},cli-${n},127.9.9.${n},80\n`);
        return file;
      }),
    );
    const runs = files.map(
      (file) =>
        new Promise<{ code: number | null; err: string }>((resolve) => {
          const child = spawn(TSX, ['electron/cli/main.ts', 'inventory', 'import', file, '--data-dir', dataDir], {
            cwd: ROOT,
            env: { PATH: process.env.PATH ?? '', HOME: workDir, TZ: 'UTC' },
            stdio: ['ignore', 'ignore', 'pipe'],
          });
          let err = '';
          child.stderr.on('data', (c: Buffer) => (err += c.toString()));
          const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
          child.on('close', (code) => {
            clearTimeout(guard);
            resolve({ code, err });
          });
        }),
    );
    for (const r of await Promise.all(runs)) expect(r.code, r.err).toBe(0);
    expect((await inventoryOf(dataDir)).hubs.map((h) => h.name).sort()).toEqual(['cli-1', 'cli-2', 'cli-3']);
  }, 120_000);

  it('a long-running store follows what another process writes, and never overwrites it', async () => {
    const dataDir = path.join(workDir, 'watched');
    const app = await InventoryStore.open(dataDir);
    if (!app.ok) throw new Error(app.error.message);
    const value = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    value(await app.value.addSite({ name: 'From the app', defaultUser: '', notes: '' }));
    const changes: InventoryChange[] = [];
    app.value.onChange((c) => changes.push(c));
    const stop = app.value.watch();
    try {
      const child = startWriter(dataDir, 7);
      await child.ready;
      child.go();
      expect((await child.exited).code).toBe(0);
      // Told without asking: the watch re-reads the file (bounded wait, polled).
      for (let waited = 0; app.value.get().hubs.length < IMPORTS && waited < 15_000; waited += 50)
        await new Promise((r) => setTimeout(r, 50));
      expect(app.value.get().hubs).toHaveLength(IMPORTS);
      expect(changes.flatMap((c) => c.upsertedHubs.map((h) => h.name))).toContain('w7-0');
      // Its next change keeps the other process's hubs.
      value(await app.value.addSite({ name: 'App again', defaultUser: '', notes: '' }));
      const onDisk = await inventoryOf(dataDir);
      expect(onDisk.hubs).toHaveLength(IMPORTS);
      expect(onDisk.sites.map((s) => s.name)).toEqual(['From the app', 'Writer 7', 'App again']);
    } finally {
      stop();
    }
  }, 120_000);
});
