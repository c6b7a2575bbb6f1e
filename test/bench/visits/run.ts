/**
 * "No visit" benchmark (issue 17). Not a test: it prints figures and compares them with the budgets.
 *
 *   npx tsx test/bench/visits/run.ts [--hubs 5000] [--seconds 60] [--loads 5] [--no-build] [--strict]
 *
 * The real backend behind the browser transport, with N hubs in the inventory (imported from a
 * list, so no site is visited) on this benchmark's own loopback range 127.80.0.0/16. Measured:
 *   1. connections the backend opens over --seconds of quiet (budget 0): every client socket the
 *      process creates (Node's `net.client.socket` diagnostics channel) plus the TCP connections
 *      accepted by a listener on the first hub's address and port;
 *   2. the backend's CPU over the same span, in % of one core (budget 1 %);
 *   3. the fleet's first rows in Chromium: navigation start → rows on screen with all N hubs
 *      counted (budget 500 ms, median of --loads page loads, the first one cold), connections
 *      still 0 afterwards. Each load is printed, with the renderer's own share (its start → rows).
 * `--seconds 5` makes a quick run. `--strict` exits 1 when a budget is missed.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { silentLog } from '../../../electron/core/app/log';
import { startPreview, type Preview } from '../../../electron/web/preview';
import { buildRenderer } from '../../browser/build-renderer';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../browser/chromium';
import { listenCounting } from '../../integration/counting-listener';
import { parseBenchArgs } from '../bench-args';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const rendererDir = path.join(root, 'dist', 'renderer');
const BUDGET = { connections: 0, cpuPercent: 1, firstRowsMs: 500 };
/** The first hub's address; the others follow it in 127.80.0.0/16 (nothing else uses that range). */
const FIRST = [127, 80, 0, 1] as const;

function parseArgs(argv: string[]) {
  return parseBenchArgs(
    argv,
    {
      hubs: { default: 5000, min: 1, max: 5000, round: true },
      seconds: { default: 60, min: 1, max: 600 },
      loads: { default: 5, min: 1, max: 20, round: true },
    },
    'test/bench/visits/run.ts',
  );
}

function nthAddress(n: number): string {
  const value = ((FIRST[2] << 8) | FIRST[3]) + n;
  return `${FIRST[0]}.${FIRST[1]}.${(value >> 8) & 255}.${value & 255}`;
}

/** An inventory list as a support engineer would import it: ten customer sites, N hubs. */
function inventoryCsv(hubs: number, port: number): string {
  const rows = ['site,name,address,http_port'];
  for (let i = 0; i < hubs; i++) rows.push(`Customer ${(i % 10) + 1},Hub ${i + 1},${nthAddress(i)},${port}`);
  return rows.join('\n') + '\n';
}

/** Installed before the renderer runs: timestamps the first fleet rows with every hub counted. */
const PAGE_PROBE = `
  window.__bench = { firstRowsAt: null };
  const expected = ${'__HUBS__'};
  const watch = new MutationObserver(() => {
    if (window.__bench.firstRowsAt !== null) return;
    const rows = document.querySelectorAll('[data-test="fleet-row"]').length;
    const all = document.querySelector('[data-test="summary-all"] .count');
    if (rows > 0 && all && Number(all.textContent) === expected) {
      window.__bench.firstRowsAt = performance.now();
      watch.disconnect();
    }
  });
  document.addEventListener('DOMContentLoaded', () => {
    watch.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
`;

interface BenchWindow {
  __bench: { firstRowsAt: number | null };
}

async function loadFleet(page: Page, url: string): Promise<{ rows: number; own: number }> {
  await page.goto(url);
  // A function, not a string: the window's Content Security Policy refuses eval'd strings.
  await page.waitForFunction(() => (globalThis as unknown as BenchWindow).__bench.firstRowsAt !== null, null, {
    timeout: 30_000,
  });
  return page.evaluate(() => {
    const rows = (globalThis as unknown as BenchWindow).__bench.firstRowsAt ?? NaN;
    const start = performance.getEntriesByName('hubkeeper:start')[0];
    return { rows, own: start ? rows - start.startTime : NaN };
  });
}

const ms = (v: number) => `${v.toFixed(1)} ms`;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.build && !buildRenderer()) throw new Error('vite build failed');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hubkeeper-bench-visits-'));
  // A listener where the first hub would be: any connection to it is one the backend must not make.
  const first = await listenCounting(nthAddress(0));
  let clientSockets = 0;
  const onSocket = (): void => void (clientSockets += 1);
  subscribe('net.client.socket', onSocket);
  let preview: Preview | null = null;
  try {
    // Seed the data folder through a first backend (an import starts no visit), then start the
    // one measured from that folder, as the app starts after a restart.
    const seeding = await startPreview({ dataDir, rendererDir: null, port: 0, keychain: 'memory', log: silentLog });
    const imported = await seeding.backend.services.inventory.importText(inventoryCsv(args.hubs, first.port), 'csv');
    if (!imported.ok) throw new Error(imported.error.message);
    const fast = await seeding.backend.services.settings.set({ monitor: { busyMs: 1000, idleMs: 1000 } });
    if (!fast.ok) throw new Error(fast.error.message);
    await seeding.stop();

    const startedAt = performance.now();
    preview = await startPreview({ dataDir, rendererDir, port: 0, keychain: 'memory', log: silentLog });
    const startMs = performance.now() - startedAt;
    const visited = preview.backend.services.visits.list().filter((v) => v.visited).length;
    console.log(
      `no-visit benchmark: ${args.hubs} hubs in ${imported.value.sitesAdded} imported sites (${visited} visited), ${args.seconds} s of quiet; backend started in ${ms(startMs)}`,
    );

    // 1 + 2: a quiet span with nobody at any site.
    const socketsBefore = clientSockets;
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    await new Promise((r) => setTimeout(r, args.seconds * 1000));
    const cpu = process.cpuUsage(cpuBefore);
    const wall = performance.now() - wallBefore;
    const cpuPercent = ((cpu.user + cpu.system) / 1000 / wall) * 100;
    const quietConnections = clientSockets - socketsBefore + first.connections();

    // 3: the fleet's first rows in the browser.
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
    });
    const loads: Array<{ rows: number; own: number }> = [];
    try {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      await page.addInitScript(PAGE_PROBE.replace('__HUBS__', String(args.hubs)));
      for (let i = 0; i < args.loads; i++)
        loads.push(await loadFleet(page, i === 0 ? preview.transport.pageUrl : preview.transport.origin));
      await context.close();
    } finally {
      await browser.close();
    }
    const median = (xs: number[]): number => {
      const sorted = [...xs].sort((x, y) => x - y);
      const mid = sorted.length >> 1;
      return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    };
    const firstRows = median(loads.map((l) => l.rows));
    const ownWork = median(loads.map((l) => l.own));
    // The browser talks to the backend over the loopback WebSocket (accepted, not opened, by it).
    const allConnections = clientSockets - socketsBefore + first.connections();

    console.log(
      `\n  connections from the backend over ${args.seconds} s: ${quietConnections}   budget ${BUDGET.connections}`,
    );
    console.log(
      `  backend CPU over the same span: ${cpuPercent.toFixed(2)} % of one core (${((cpu.user + cpu.system) / 1000).toFixed(0)} ms in ${(wall / 1000).toFixed(1)} s)   budget ${BUDGET.cpuPercent} %`,
    );
    console.log(`  fleet first rows, navigation → rows with ${args.hubs} counted (renderer start → rows):`);
    for (const [i, l] of loads.entries())
      console.log(
        `    ${`load ${i + 1}${i === 0 ? ' (cold)' : ''}`.padEnd(13)}  ${ms(l.rows).padStart(9)}  (${ms(l.own)})`,
      );
    console.log(
      `    ${`median of ${loads.length}`.padEnd(13)}  ${ms(firstRows).padStart(9)}  (${ms(ownWork)})   budget ${BUDGET.firstRowsMs} ms`,
    );
    // Machines here are shared: the figures above scale with the load, so say what it was.
    console.log(`  machine load average (1 min) ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`);
    console.log(`  connections from the backend including the page loads: ${allConnections}`);
    const verdicts = [
      ['no connections', allConnections <= BUDGET.connections],
      ['CPU', cpuPercent <= BUDGET.cpuPercent],
      ['first rows', firstRows <= BUDGET.firstRowsMs],
    ] as const;
    console.log(`\n${verdicts.map(([name, ok]) => `${ok ? 'ok  ' : 'OVER'} ${name}`).join('   ')}`);
    if (args.strict && verdicts.some(([, ok]) => !ok)) process.exitCode = 1;
  } finally {
    unsubscribe('net.client.socket', onSocket);
    await preview?.stop();
    await first.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`no-visit benchmark: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
