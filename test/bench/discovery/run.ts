import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface, type Interface } from 'node:readline';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { sweep, SWEEP_DEFAULTS } from '../../../electron/core/discovery/sweep';

/**
 * Discovery benchmark (not a test; prints its figures). On the loopback /24 127.77.0.0/24 with
 * 20 simulated hubs (some HTTPS, some on both ports), 10 other web servers and the rest empty:
 *   1. Hubkeeper's full sweep with identification, vs `nmap -sT -Pn -n --open -p <ports>` over
 *      the same addresses, alternating, median of BENCH_RUNS runs each. Target ratio ≤ 1.0.
 *   2. The same sweep with 5 hung hosts added (accept, never answer). Target ≤ probe timeout + 20%.
 * Uses ports 80 and 443 (binding them needs root); set BENCH_HTTP_PORT / BENCH_HTTPS_PORT to use
 * others, BENCH_RUNS / BENCH_WARMUP for more runs. The machine's load average is printed: on a
 * busy machine both figures grow, the sweep's more (it needs CPU in two processes, the sweeping
 * one and the simulated hubs, where nmap's connect scan needs only its own), so compare runs made
 * under similar load. Run: npx tsx test/bench/discovery/run.ts
 */

// tsx turns on source-mapped stack traces, which makes every refused connection's error (Node
// formats its stack) several times dearer than in the app, whose build has no source maps
// (scripts/build-electron.mjs). Time the sweep as it runs in the product.
process.setSourceMapsEnabled(false);

const NET = '127.77.0';
const TARGET = `${NET}.0/24`;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** JSON lines from the fleet process, one at a time (other lines are passed through to stderr). */
function jsonLines(lines: Interface): () => Promise<Record<string, unknown>> {
  const queue: Record<string, unknown>[] = [];
  const waiting: ((value: Record<string, unknown>) => void)[] = [];
  let ended = false;
  const failures: ((error: Error) => void)[] = [];
  lines.on('line', (line) => {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(line) as Record<string, unknown>;
    } catch {
      console.error(`[fleet] ${line}`);
      return;
    }
    const next = waiting.shift();
    failures.shift();
    if (next) next(parsed);
    else queue.push(parsed);
  });
  lines.on('close', () => {
    ended = true;
    for (const fail of failures.splice(0)) fail(new Error('the fleet process ended unexpectedly'));
  });
  return () =>
    new Promise((resolve, reject) => {
      const ready = queue.shift();
      if (ready) return resolve(ready);
      if (ended) return reject(new Error('the fleet process ended unexpectedly'));
      waiting.push(resolve);
      failures.push(reject);
    });
}

function hasNmap(): boolean {
  const probe = spawnSync('nmap', ['--version'], { encoding: 'utf8' });
  return probe.status === 0;
}

/** One nmap connect scan of the same addresses (1–254, as the sweep) and ports, with its CPU time. */
function runNmap(ports: number[]): { wallMs: number; reportedMs: number | null; cpuMs: number | null; open: number } {
  const args = ['-sT', '-Pn', '-n', '--open', '-p', ports.join(','), `${NET}.1-254`];
  // GNU time (when installed) gives nmap's own CPU time; 10 ms resolution, so only the sum over runs means much.
  const timed = existsSync('/usr/bin/time');
  const started = process.hrtime.bigint();
  const run = timed
    ? spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', 'nmap', ...args], { encoding: 'utf8' })
    : spawnSync('nmap', args, { encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`nmap failed: ${run.stderr}`);
  const reported = /scanned in ([\d.]+) seconds/.exec(run.stdout);
  const cpu = /CPU ([\d.]+) ([\d.]+)/.exec(run.stderr ?? '');
  const open = (run.stdout.match(/\/tcp\s+open/g) ?? []).length;
  return {
    wallMs,
    reportedMs: reported ? Number(reported[1]) * 1000 : null,
    cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : null,
    open,
  };
}

async function runSweep(ports: number[], expectHubs: number, expectOthers: number): Promise<number> {
  const started = process.hrtime.bigint();
  const outcome = await sweep(TARGET, { ports });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (!outcome.ok) throw new Error(outcome.error.message);
  const { hubs, others } = outcome.value.result;
  if (hubs.length !== expectHubs || others.length !== expectOthers) {
    throw new Error(
      `sweep found ${hubs.length} hubs and ${others.length} others, expected ${expectHubs} and ${expectOthers}`,
    );
  }
  return ms;
}

const fleetPath = fileURLToPath(new URL('./fleet.ts', import.meta.url));
const fleet: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', fleetPath], {
  stdio: 'pipe',
  env: process.env,
});
fleet.stderr.on('data', (chunk: Buffer) => process.stderr.write(`[fleet] ${chunk.toString()}`));
const nextJson = jsonLines(createInterface({ input: fleet.stdout }));
try {
  const ready = await nextJson();
  const ports = [Number(ready.httpPort), Number(ready.httpsPort)];
  const hubCount = Number(ready.hubs);
  const otherCount = Number(ready.others);
  console.log(
    `fleet: ${hubCount} hubs (${String(ready.endpoints)} endpoints), ${otherCount} other web servers on ${TARGET}, ports ${ports.join(',')}`,
  );
  console.log(
    `sweep defaults: concurrency ${SWEEP_DEFAULTS.concurrency}, connect timeout ${SWEEP_DEFAULTS.connectTimeoutMs} ms, probe timeout ${SWEEP_DEFAULTS.probeTimeoutMs} ms`,
  );

  const nmap = hasNmap();
  if (!nmap) console.log('nmap not found (apt-get install -y nmap): skipping the nmap comparison');
  // Warm-up: the first sweeps pay for JIT compilation on both sides (sweep and simulated hubs)
  // and the TLS context; the first nmap for loading its data files.
  for (let i = 0; i < WARMUP; i++) await runSweep(ports, hubCount, otherCount);
  if (nmap) runNmap(ports);

  const sweepMs: number[] = [];
  const nmapWall: number[] = [];
  const nmapReported: number[] = [];
  let sweepCpu = 0;
  let nmapCpu = 0;
  let nmapCpuRuns = 0;
  const fleetCpu = async () => {
    fleet.stdin.write('cpu\n');
    return Number((await nextJson()).cpuMs);
  };
  const fleetCpuBefore = await fleetCpu();
  for (let i = 0; i < RUNS; i++) {
    const cpu = process.cpuUsage();
    sweepMs.push(await runSweep(ports, hubCount, otherCount));
    const used = process.cpuUsage(cpu);
    sweepCpu += (used.user + used.system) / 1000;
    if (nmap) {
      const n = runNmap(ports);
      if (n.open !== Number(ready.endpoints) + otherCount) console.log(`  (nmap saw ${n.open} open ports)`);
      nmapWall.push(n.wallMs);
      if (n.reportedMs !== null) nmapReported.push(n.reportedMs);
      if (n.cpuMs !== null) {
        nmapCpu += n.cpuMs;
        nmapCpuRuns += 1;
      }
    }
  }
  const hubsCpu = (await fleetCpu()) - fleetCpuBefore;
  const fmt = (v: number[]) =>
    `median ${median(v).toFixed(1)} ms (min ${Math.min(...v).toFixed(1)}, max ${Math.max(...v).toFixed(1)})`;
  console.log(`\nHubkeeper sweep + identification, ${RUNS} runs: ${fmt(sweepMs)}`);
  console.log(
    `  CPU per sweep: ${(sweepCpu / RUNS).toFixed(1)} ms in the sweep + ${(hubsCpu / RUNS).toFixed(1)} ms in the simulated hubs answering it`,
  );
  if (nmap) {
    console.log(`nmap -sT -Pn -n --open -p ${ports.join(',')}, ${RUNS} runs: wall ${fmt(nmapWall)}`);
    if (nmapReported.length)
      console.log(`  nmap's own "scanned in" figure: median ${median(nmapReported).toFixed(1)} ms`);
    if (nmapCpuRuns) console.log(`  CPU per nmap run (start-up included): ${(nmapCpu / nmapCpuRuns).toFixed(1)} ms`);
    const ratio = median(sweepMs) / median(nmapWall);
    console.log(
      `ratio Hubkeeper / nmap, medians (wall): ${ratio.toFixed(2)}  (target ≤ 1.0) ${ratio <= 1 ? 'OK' : 'OVER'}`,
    );
    console.log(
      `ratio Hubkeeper / nmap, best runs (wall): ${(Math.min(...sweepMs) / Math.min(...nmapWall)).toFixed(2)}`,
    );
    if (nmapReported.length) {
      const strict = median(sweepMs) / median(nmapReported);
      console.log(`ratio Hubkeeper / nmap's own figure (excludes its start-up): ${strict.toFixed(2)}`);
    }
  }
  console.log(
    `load average while running: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${availableParallelism()} CPUs`,
  );

  fleet.stdin.write('hung\n');
  await nextJson();
  const hungStarted = process.hrtime.bigint();
  const hungOutcome = await sweep(TARGET, { ports });
  const hungMs = Number(process.hrtime.bigint() - hungStarted) / 1e6;
  if (!hungOutcome.ok) throw new Error(hungOutcome.error.message);
  const silent = hungOutcome.value.result.others.filter((o) => o.kind === 'silent').length;
  const budget = SWEEP_DEFAULTS.probeTimeoutMs * 1.2;
  console.log(
    `\nsweep with 5 hung hosts: ${hungMs.toFixed(1)} ms, ${hungOutcome.value.result.hubs.length} hubs, ${silent} silent ` +
      `(target ≤ probe timeout ${SWEEP_DEFAULTS.probeTimeoutMs} ms + 20% = ${budget} ms) ${hungMs <= budget ? 'OK' : 'OVER'}`,
  );
} finally {
  fleet.stdin.write('quit\n');
  await new Promise((resolve) => fleet.once('exit', resolve));
}
