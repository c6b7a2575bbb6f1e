/**
 * Devices benchmark (issue 13). Not a test: it prints figures and compares them with the budget.
 *
 *   npx tsx test/bench/devices/run.ts [--hubs 20] [--devices 200] [--seconds 40] [--no-build] [--strict]
 *
 * What runs: the built renderer in Debian's Chromium, the real backend (monitor, device reader,
 * dispatcher) behind the browser transport (loopback WebSocket), and N simulated hubs with M
 * managed devices each, in a process of their own on 127.113.0.x (hubs.ts). A tenth of every
 * hub's devices are being upgraded, so each read of a list differs from the last.
 * Measured:
 *   1. read and shown: monitor start → every hub's list read by the backend; page load → every
 *      hub's device count on screen in the fleet; Devices tab click → its first rows;
 *   2. frame times from the browser's own requestAnimationFrame timestamps while the lists are
 *      re-read every second (N `devices:changed` events of M devices each per second): the fleet
 *      with its site summary open (watching), then a hub's Devices tab (scrolling its table);
 *      the p95 interval (budget 16.7 ms) next to a baseline measured in the same run on the same
 *      screens with the lists quiet (re-read every 10 minutes).
 * `--strict` exits 1 when the budget is missed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { encodeCredential } from '../../../electron/core/app/credentials';
import { silentLog } from '../../../electron/core/app/log';
import { startPreview, type Preview } from '../../../electron/web/preview';
import { buildRenderer } from '../../browser/build-renderer';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../browser/chromium';
import { parseBenchArgs } from '../bench-args';
import {
  describeFrames,
  FRAMES_LEGEND,
  meetsFrameBudget,
  mergeFrames,
  ms,
  percentile,
  type FrameSample,
} from '../frame-stats';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const rendererDir = path.join(root, 'dist', 'renderer');
const BUDGET = { frameP95Ms: 16.7 };
/** The benchmark's own loopback range: nothing else binds in 127.113.0.0/16. */
const FROM = '127.113.0.2';
const QUIET_MS = 600_000;
const BUSY_MS = 1000;

function parseArgs(argv: string[]) {
  return parseBenchArgs(
    argv,
    {
      hubs: { default: 20, min: 1, max: 100, integer: true },
      devices: { default: 200, min: 10, max: 2000, integer: true },
      seconds: { default: 40, min: 8, max: 600, integer: true },
    },
    'test/bench/devices/run.ts',
  );
}
type Args = ReturnType<typeof parseArgs>;

async function until(what: string, limitMs: number, check: () => boolean | Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > limitMs) throw new Error(`${what}: not within ${limitMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - start;
}

async function startHubs(args: Args): Promise<{ child: ChildProcess; urls: string[] }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(root, 'test/bench/devices/hubs.ts'),
      '--hubs',
      String(args.hubs),
      '--devices',
      String(args.devices),
      '--from',
      FROM,
    ],
    { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const urls: string[] = [];
  const lines = createInterface({ input: child.stdout! });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the simulated hubs did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`the simulated hubs exited with ${code}`)));
    lines.on('line', (line) => {
      if (/^http:\/\/127\./.test(line)) urls.push(line.trim());
      if (line === 'ready') {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return { child, urls };
}

async function seed(preview: Preview, urls: string[]): Promise<string[]> {
  const { inventory, settings, visits } = preview.backend.services;
  const site = await inventory.addSite({ name: 'Benchmark', defaultUser: 'Admin', notes: '' });
  if (!site.ok) throw new Error(site.error.message);
  const added = await inventory.addHubs(
    site.value.id,
    urls.map((u) => {
      const url = new URL(u);
      return {
        address: url.hostname,
        endpoints: [{ scheme: 'http' as const, port: Number(url.port), fingerprint: null }],
      };
    }),
  );
  if (!added.ok) throw new Error(added.error.message);
  for (const hub of added.value.added)
    await preview.secrets.save(
      hub.id,
      encodeCredential({ user: 'Admin', password: 'Admin', binding: { pin: null, mac: null } }),
    );
  // Quiet to start with: the lists are read once, then every ten minutes.
  const set = await settings.set({ monitor: { devicesUpgradeEveryMs: QUIET_MS } });
  if (!set.ok) throw new Error(set.error.message);
  const visit = await visits.start(site.value.id);
  if (!visit.ok) throw new Error(visit.error.message);
  return added.value.added.map((h) => h.id);
}

type Frames = FrameSample & { events: number; devices: number };

/** What page-probe.js defines; read through globalThis (this file has no DOM types). */
interface BenchWindow {
  __devicesExpectedTotal: number;
  __devicesBench: { countsShownAt: number | null };
  __measureFrames(seconds: number, scrollSelector: string | null): Promise<Frames>;
}

async function measure(page: Page, seconds: number, scrollSelector: string | null): Promise<Frames> {
  // Functions, not strings: the page's CSP refuses string code (no 'unsafe-eval').
  return page.evaluate(([s, sel]) => (globalThis as unknown as BenchWindow).__measureFrames(s, sel), [
    seconds,
    scrollSelector,
  ] as const);
}

function describe(label: string, r: Frames, seconds: number): { p95: number; workP95: number } {
  return describeFrames(
    label,
    r,
    `lists/s ${(r.events / seconds).toFixed(1)}  devices/s ${(r.devices / seconds).toFixed(0)}`,
  );
}

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = h;
  }, hash);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.build && !buildRenderer()) throw new Error('vite build failed');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hubkeeper-bench-devices-'));
  const sim = await startHubs(args);
  let preview: Preview | null = null;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    preview = await startPreview({
      dataDir,
      rendererDir,
      port: 0,
      keychain: 'memory',
      startMonitor: false,
      log: silentLog,
    });
    const hubIds = await seed(preview, sim.urls);
    const devices = preview.backend.services.devices;
    if (!devices) throw new Error('the preview builds the device reader');
    const total = args.hubs * args.devices;
    console.log(
      `devices benchmark: ${args.hubs} simulated hubs × ${args.devices} devices (${total}), a tenth of them upgrading; Chromium ${browser.version()}`,
    );

    // 1. Read: every hub's whole list, paged, by the backend.
    preview.backend.startMonitor();
    const readMs = await until('every list read', 120_000, async () => {
      const lists = await devices.list();
      return lists.filter((l) => l.devices?.length === args.devices).length === args.hubs;
    });

    // Shown: the fleet with every hub's device count on screen.
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.addInitScript((n) => {
      (globalThis as unknown as BenchWindow).__devicesExpectedTotal = n;
    }, total);
    await page.addInitScript({ path: fileURLToPath(new URL('../frame-probe.js', import.meta.url)) });
    await page.addInitScript({ path: fileURLToPath(new URL('./page-probe.js', import.meta.url)) });
    await page.goto(preview.transport.pageUrl);
    await page.waitForFunction(
      () => (globalThis as unknown as BenchWindow).__devicesBench.countsShownAt !== null,
      null,
      {
        timeout: 120_000,
      },
    );
    const shownMs = await page.evaluate(() => (globalThis as unknown as BenchWindow).__devicesBench.countsShownAt!);
    const summary = page.locator('[data-test="site-devices"] summary');
    await summary.click();

    const tabSelector = '[data-test="device-table"] .body';
    async function openTab(): Promise<number> {
      await go(page, `#/hub/${encodeURIComponent(hubIds[0]!)}`);
      const start = Date.now();
      await page.locator('[data-test="tab-devices"]').click();
      await page.locator('[data-test="device-row"]').first().waitFor();
      return Date.now() - start;
    }
    const fleet = async () => {
      await go(page, '#/fleet');
      await page.locator('[data-test="site-devices"]').waitFor();
    };

    // 2. Baseline, same run, same screens: the lists quiet.
    const phase = Math.max(4, args.seconds / 2);
    const base = Math.min(10, phase);
    await page.waitForTimeout(1500);
    const baseFleet = await measure(page, base, null);
    const tabMs = await openTab();
    await page.waitForTimeout(1000);
    const baseTab = await measure(page, base, tabSelector);

    // Under load: every list re-read each second (the upgrade rate), each read a new list.
    const set = await preview.backend.services.settings.set({ monitor: { devicesUpgradeEveryMs: BUSY_MS } });
    if (!set.ok) throw new Error(set.error.message);
    for (const id of hubIds) devices.refresh(id);
    await fleet();
    await page.waitForTimeout(3000);
    const busyFleet = await measure(page, phase, null);
    await openTab();
    const busyTab = await measure(page, phase, tabSelector);

    console.log('\nread and shown');
    console.log(`  backend: monitor start → all ${args.hubs} lists read (${total} devices)   ${ms(readMs)}`);
    console.log(`  window: navigation → the fleet's site summary counts all ${total} devices   ${ms(shownMs)}`);
    console.log(`  window: Devices tab click → its first rows (${args.devices} devices)        ${ms(tabMs)}`);
    console.log(`\n${FRAMES_LEGEND}`);
    const b1 = describe('baseline: fleet + site summary', baseFleet, base);
    const b2 = describe('baseline: Devices tab, scrolling', baseTab, base);
    const r1 = describe('refreshing: fleet + site summary', busyFleet, phase);
    const r2 = describe('refreshing: Devices tab, scrolling', busyTab, phase);
    const baseP95 = percentile(mergeFrames(baseFleet, baseTab).intervals, 95);
    const busy = mergeFrames(busyFleet, busyTab);
    const busyFigures = { p95: percentile(busy.intervals, 95), workP95: percentile(busy.work, 95) };
    console.log(
      `  refreshing p95 interval ${ms(busyFigures.p95)} (fleet ${ms(r1.p95)}, tab ${ms(r2.p95)}); baseline ${ms(baseP95)} (fleet ${ms(b1.p95)}, tab ${ms(b2.p95)}); ratio ${(busyFigures.p95 / baseP95).toFixed(2)}`,
    );
    if (busyFleet.events === 0 || busyTab.events === 0)
      throw new Error('no list arrived while measuring: nothing was refreshed');
    const ok = meetsFrameBudget(busyFigures, BUDGET.frameP95Ms);
    console.log(`\n${ok ? 'ok  ' : 'OVER'} frame p95 while the lists refresh (budget ${BUDGET.frameP95Ms} ms)`);
    await context.close();
    if (args.strict && !ok) process.exitCode = 1;
  } finally {
    await browser.close();
    await preview?.stop();
    sim.child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`devices benchmark: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
