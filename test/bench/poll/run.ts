/**
 * Polling benchmark (issue 4). Run: `npx tsx test/bench/poll/run.ts [--hubs 500] [--seconds 60]
 * [--concurrency 32] [--rounds 15] [--record]`. Not a test: it prints figures and ratios.
 *
 * This launcher bundles bench.ts with esbuild and runs the bundle under plain `node`, the way
 * the product runs (the CLI and the app ship bundled). Under tsx the process would also carry
 * tsx's module-loader thread (~50 MB of its own), which is not the monitor's memory. The
 * simulator runs in its own process either way.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const dir = await mkdtemp(path.join(tmpdir(), 'hk-poll-bench-'));
const outfile = path.join(dir, 'bench.cjs');
await build({
  entryPoints: [path.join(here, 'bench.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile,
  logLevel: 'warning',
});
const code = await new Promise<number>((resolve) => {
  const child = spawn(process.execPath, ['--expose-gc', outfile, ...process.argv.slice(2)], {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, HUBKEEPER_ROOT: root },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (c) => resolve(c ?? 1));
});
await rm(dir, { recursive: true, force: true });
process.exit(code);
