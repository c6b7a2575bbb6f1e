/**
 * Renderer benchmark (issue 6). Not a test: it prints figures and compares them with the budgets.
 *
 *   npx tsx test/bench/renderer/run.ts [--hubs 500 (up to 5000)] [--seconds 60] [--no-build] [--strict]
 *
 * What runs: the built renderer in Debian's Chromium, the real backend (monitor, dispatcher,
 * change batcher) behind the real browser transport (loopback WebSocket), and N simulated hubs
 * in a separate process on 127.81.x.x (args.ts), all downloading, polled once a second: N hubs changing
 * every second. Measured:
 *   1. first render of the fleet: navigation start → the first rows of the table are on screen
 *      with all N hubs counted (budget 300 ms);
 *   2. frame times from the browser's own requestAnimationFrame timestamps (and Long Animation
 *      Frame entries) over --seconds of updates: half watching, half scrolling the table; the p95
 *      interval (budget 16.7 ms) next to a baseline measured in the same run with polling paused;
 *   3. the gzipped size of the renderer's JavaScript (budget 250 KB).
 * `--strict` exits 1 when a budget is missed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { encodeCredential } from '../../../electron/core/app/credentials';
import { silentLog } from '../../../electron/core/app/log';
import { startPreview, type Preview } from '../../../electron/web/preview';
import { requireOpenFiles } from '../open-files';
import {
  describeFrames as describeSample,
  FRAMES_LEGEND,
  meetsFrameBudget,
  mergeFrames,
  ms,
  percentile,
  type FrameSample,
} from '../frame-stats';
import { parseRendererArgs, RENDERER_FROM } from './args';
import { buildRenderer } from '../../browser/build-renderer';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../browser/chromium';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const rendererDir = path.join(root, 'dist', 'renderer');
const BUDGET = { firstRenderMs: 300, frameP95Ms: 16.7, gzipKb: 250 };
/**
 * Connections the backend keeps to each hub (login and poll); the simulator holds the other end
 * of each, plus one listening socket per hub.
 */
const CONNECTIONS_PER_HUB = 2;

/** The renderer's JavaScript, gzipped as a server (or an asar read) would ship it. */
function jsSizes(): { totalKb: number; initialKb: number; files: Array<{ name: string; kb: number }> } {
  const assets = path.join(rendererDir, 'assets');
  const html = readFileSync(path.join(rendererDir, 'index.html'), 'utf8');
  const files = readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((name) => ({ name, kb: gzipSync(readFileSync(path.join(assets, name)), { level: 9 }).length / 1024 }));
  // What the first screen loads: the entry and what it imports statically (preloaded by Vite).
  const initial = files.filter((f) => html.includes(f.name));
  return { totalKb: files.reduce((n, f) => n + f.kb, 0), initialKb: initial.reduce((n, f) => n + f.kb, 0), files };
}

/** Start the simulator in its own process (its event loop must not be the backend's). */
async function startSimulator(hubs: number): Promise<{ child: ChildProcess; urls: string[] }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(root, 'test/simulator/cli.ts'),
      '--hubs',
      String(hubs),
      '--from',
      RENDERER_FROM,
      '--port',
      '0',
      '--scenario',
      'downloading',
      '--timing',
      'downloadMs=20000',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const urls: string[] = [];
  const lines = createInterface({ input: child.stdout! });
  await new Promise<void>((resolve, reject) => {
    // Binding thousands of hubs takes a while on a busy machine: a minute plus 20 ms a hub.
    const limitMs = 60_000 + hubs * 20;
    const timer = setTimeout(
      () => reject(new Error(`the simulator did not start within ${limitMs / 1000} s`)),
      limitMs,
    );
    child.once('exit', (code) => reject(new Error(`the simulator exited with ${code}`)));
    lines.on('line', (line) => {
      if (/^http:\/\/127\./.test(line)) urls.push(line.trim());
      if (urls.length === hubs) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return { child, urls };
}

async function seed(preview: Preview, urls: string[]): Promise<void> {
  const { inventory, settings } = preview.backend.services;
  const site = await inventory.addSite({ name: 'Benchmark', defaultUser: 'Admin', notes: '' });
  if (!site.ok) throw new Error(site.error.message);
  const entries = urls.map((u) => {
    const url = new URL(u);
    return {
      address: url.hostname,
      endpoints: [{ scheme: 'http' as const, port: Number(url.port), fingerprint: null }],
    };
  });
  const added = await inventory.addHubs(site.value.id, entries);
  if (!added.ok) throw new Error(added.error.message);
  // The benchmark's technician is at this site: only a visited site's hubs are polled.
  const visit = await preview.backend.services.visits.start(site.value.id);
  if (!visit.ok) throw new Error(visit.error.message);
  for (const hub of inventory.get().hubs)
    await preview.secrets.save(
      hub.id,
      encodeCredential({ user: 'Admin', password: 'Admin', binding: { pin: null, mac: null } }),
    );
  // Every hub polled once a second: the fleet's request budget must allow N requests/s.
  const set = await settings.set({
    monitor: {
      busyMs: 1000,
      idleMs: 1000,
      maxRequestsPerSecond: Math.max(100, urls.length * 2),
      concurrency: 64,
      systemEveryMs: 3_600_000,
    },
  });
  if (!set.ok) throw new Error(set.error.message);
}

/** The page-side code (../frame-probe.js, then page-probe.js), installed before the renderer runs. */
const PAGE_PROBES = [
  fileURLToPath(new URL('../frame-probe.js', import.meta.url)),
  fileURLToPath(new URL('./page-probe.js', import.meta.url)),
];

type Frames = FrameSample & { changes: number; events: number };

/**
 * What page-probe.js defines in the page. The functions passed to the page below read it
 * through globalThis: this file is type-checked without the DOM's types (it runs under Node).
 */
interface BenchWindow {
  __benchExpected: number;
  __bench: { firstRowsAt: number | null };
  __measure(seconds: number, scroll: boolean): Promise<Frames>;
  __loadFigures(): Load;
}

/** Collect rAF intervals and LoAF entries for `seconds`, optionally scrolling the table. */
async function measureFrames(page: Page, seconds: number, scroll: boolean): Promise<Frames> {
  // Functions, not strings: the page's CSP refuses string code (no 'unsafe-eval').
  return page.evaluate(([s, sc]) => (globalThis as unknown as BenchWindow).__measure(s, sc), [
    seconds,
    scroll,
  ] as const);
}

function describeFrames(label: string, r: Frames, seconds: number) {
  return describeSample(label, r, `changes/s ${(r.changes / seconds).toFixed(0)}`);
}

function merge(a: Frames, b: Frames): Frames {
  return { ...mergeFrames(a, b), changes: a.changes + b.changes, events: a.events + b.events };
}

type Load = { firstRowsAt: number; appStart: number; responseEnd: number };

/**
 * Open the fleet and time it: navigation start → rows with every hub counted. `timeoutMs` grows
 * with the fleet: with thousands of hubs polled every second on a busy machine, the backend that
 * also serves the page can take far longer than usual (the figure is what the run measures).
 */
async function loadFleet(page: Page, url: string, timeoutMs: number): Promise<Load> {
  await page.goto(url, { timeout: timeoutMs });
  await page.waitForFunction(() => (globalThis as unknown as BenchWindow).__bench.firstRowsAt !== null, null, {
    timeout: timeoutMs,
  });
  return page.evaluate(() => (globalThis as unknown as BenchWindow).__loadFigures());
}

async function main(): Promise<void> {
  const args = parseRendererArgs(process.argv.slice(2));
  // The simulator and this process inherit the same limit; the simulator holds the most.
  requireOpenFiles(args.hubs * (CONNECTIONS_PER_HUB + 1) + 500, `the simulator of ${args.hubs} hubs`);
  if (args.build && !buildRenderer()) throw new Error('vite build failed');
  const sizes = jsSizes();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hubkeeper-bench-renderer-'));
  const sim = await startSimulator(args.hubs);
  let preview: Preview | null = null;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
  });
  try {
    preview = await startPreview({
      dataDir,
      rendererDir,
      port: 0,
      keychain: 'memory',
      startMonitor: false,
      log: silentLog,
    });
    await seed(preview, sim.urls);
    preview.backend.startMonitor();
    console.log(
      `renderer benchmark: ${args.hubs} simulated hubs (all downloading, polled every second), ${args.seconds} s of frames, Chromium ${browser.version()}`,
    );

    // Warm the backend: every hub logged in and read once, so the measured load is steady state.
    const warm = Date.now();
    while (
      preview.backend.services.monitor.snapshot().filter((h) => h.lastSuccessAt).length < args.hubs &&
      Date.now() - warm < 60_000 + args.hubs * 30
    )
      await new Promise((r) => setTimeout(r, 250));

    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.addInitScript((hubs) => {
      (globalThis as unknown as BenchWindow).__benchExpected = hubs;
    }, args.hubs);
    for (const probe of PAGE_PROBES) await page.addInitScript({ path: probe });
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    // Three loads while every hub changes each second; the first one is cold.
    const loads: Load[] = [];
    for (let i = 0; i < 3; i++) {
      const url = i === 0 ? preview.transport.pageUrl : preview.transport.origin;
      loads.push(await loadFleet(page, url, 30_000 + args.hubs * 20));
      await page.waitForTimeout(1000);
    }
    const median = (xs: number[]) => percentile(xs, 50);
    const firstRender = median(loads.map((l) => l.firstRowsAt));
    const ownRender = median(loads.map((l) => l.firstRowsAt - l.appStart));
    await page.waitForTimeout(1500);

    // Baseline in the same run: the same page and fleet with polling paused (no changes).
    preview.backend.services.monitor.pause(undefined);
    await page.waitForTimeout(2000);
    const baselineSeconds = Math.min(10, Math.max(3, args.seconds / 6));
    const baseline = await measureFrames(page, baselineSeconds, false);
    const baselineScroll = await measureFrames(page, baselineSeconds, true);
    preview.backend.services.monitor.resume(undefined);
    await page.waitForTimeout(2500);

    loop.reset();
    const half = args.seconds / 2;
    const watching = await measureFrames(page, half, false);
    const scrolling = await measureFrames(page, half, true);
    loop.disable();
    const all = merge(watching, scrolling);

    console.log('\nfirst render of the fleet with every hub changing each second (median of 3 loads)');
    for (const [i, l] of loads.entries())
      console.log(
        `  load ${i + 1}: navigation → rows ${ms(l.firstRowsAt)}  (HTML in ${ms(l.responseEnd)}, renderer code starts ${ms(l.appStart)}, its own work → rows ${ms(l.firstRowsAt - l.appStart)})`,
      );
    console.log(
      `  median navigation → rows ${ms(firstRender)}, renderer start → rows ${ms(ownRender)}   budget ${BUDGET.firstRenderMs} ms`,
    );
    console.log(`\n${FRAMES_LEGEND}`);
    const base = describeFrames('baseline (polling paused)', baseline, baselineSeconds);
    describeFrames('baseline, scrolling', baselineScroll, baselineSeconds);
    describeFrames('updates, watching', watching, half);
    describeFrames('updates, scrolling', scrolling, half);
    const total = describeFrames('updates, whole run', all, args.seconds);
    console.log(
      `  p95 interval ratio to baseline ${(total.p95 / base.p95).toFixed(2)}; backend event-loop delay during the run p99 ${ms(loop.percentile(99) / 1e6)} max ${ms(loop.max / 1e6)}`,
    );
    console.log('\nrenderer JavaScript, gzipped');
    for (const f of sizes.files.sort((a, b) => b.kb - a.kb))
      console.log(`  ${f.name.padEnd(34)} ${f.kb.toFixed(1)} KB`);
    console.log(
      `  total ${sizes.totalKb.toFixed(1)} KB (first screen ${sizes.initialKb.toFixed(1)} KB)   budget ${BUDGET.gzipKb} KB`,
    );

    const verdicts = [
      ['first render', firstRender <= BUDGET.firstRenderMs],
      ['frame p95', meetsFrameBudget(total, BUDGET.frameP95Ms)],
      ['gzipped JS', sizes.totalKb <= BUDGET.gzipKb],
    ] as const;
    console.log(`\n${verdicts.map(([name, ok]) => `${ok ? 'ok  ' : 'OVER'} ${name}`).join('   ')}`);
    await context.close();
    if (args.strict && verdicts.some(([, ok]) => !ok)) process.exitCode = 1;
  } finally {
    await browser.close();
    await preview?.stop();
    sim.child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`renderer benchmark: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
