/**
 * Discovery on a real network stack (issue 15). Not a test: it prints figures and a ratio.
 *
 *   sudo npx tsx test/bench/discovery-netns/run.ts        (BENCH_RUNS=3 by default)
 *
 * Loopback refuses a closed port within microseconds; a real site network mostly stays silent.
 * This bench builds such a network out of two network namespaces it creates (layout.ts: a /22
 * with 10 hubs, 4 other web servers, about 240 machines with closed ports, 511 behind a firewall
 * that drops every packet, one hub behind a firewall that lets only its port 80 in, and 255
 * absent addresses), then, from the scanner's namespace and in
 * the same run, alternates the real `hubkeeper scan` (built as shipped, plain Node) with
 * `nmap -sT -Pn -n --open` on the same ports and the same 1022 addresses. Printed: each run's
 * wall time (process start to exit, both sides), the medians, the ratio (target ≤ 1.0), and
 * whether both found exactly the open ports of the plan and the scan exactly its hubs.
 * Needs Linux, root, iproute2, iptables and nmap; prints why and exits 0 where it cannot run.
 * Both namespaces are deleted at the end, also on failure and Ctrl-C.
 */
import { spawn, spawnSync, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { intToIpv4, parseSweepTarget } from '../../../electron/core/discovery/targets';
import { SWEEP_DEFAULTS } from '../../../electron/core/discovery/sweep';
import type { SweepResult } from '../../../electron/shared/discovery';
import { PORTS, SERVICES, TARGET, type Listening } from './layout';
import { createNetwork, whyNotAllowed, type BenchNetwork } from './network';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** No single scan may take longer than this (both finish in well under a minute). */
const RUN_LIMIT_MS = 180_000;

const why = whyNotAllowed();
if (why) {
  console.log(`discovery-netns bench skipped: ${why}`);
  process.exit(0);
}
const hasNmap = spawnSync('nmap', ['--version'], { stdio: 'ignore' }).status === 0;
if (!hasNmap) {
  console.log('discovery-netns bench skipped: nmap is not installed (apt-get install -y nmap)');
  process.exit(0);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Scans in progress, stopped by a Ctrl-C with everything else. */
const running = new Set<ChildProcess>();

/** Runs a command to its end, bounded in time; wall time from spawn to exit. */
function timed(command: string, args: string[]): Promise<{ ms: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      running.delete(child);
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code === 0) resolve({ ms, stdout, stderr });
      else reject(new Error(`${command} ${args.join(' ')} ended with ${signal ?? code}: ${stderr.trim()}`));
    });
  });
}

/** Open ports as "address:port", sorted, for comparing what each side found. */
const key = (address: string, port: number) => `${address}:${port}`;
const sortedKeys = (keys: Iterable<string>) => [...new Set(keys)].sort();

function nmapOpenPorts(grepable: string): string[] {
  const found: string[] = [];
  for (const line of grepable.split('\n')) {
    const host = /^Host: (\S+) .*\tPorts: (.*)$/.exec(line);
    if (!host) continue;
    for (const entry of host[2]!.split(', ')) {
      const [port, state] = entry.split('/');
      if (state === 'open') found.push(key(host[1]!, Number(port)));
    }
  }
  return sortedKeys(found);
}

function scanOpenPorts(result: SweepResult): string[] {
  return sortedKeys([
    ...result.hubs.flatMap((h) => h.endpoints.map((e) => key(h.address, e.port))),
    ...result.others.map((o) => key(o.address, o.port)),
  ]);
}

/** The hubs the scan found, with their fingerprints, as one comparable text per endpoint. */
function scanHubs(result: SweepResult): string[] {
  return sortedKeys(
    result.hubs.flatMap((h) => h.endpoints.map((e) => `${key(h.address, e.port)} ${e.scheme} ${e.fingerprint}`)),
  );
}

function difference(label: string, got: string[], expected: string[]): string | null {
  const missing = expected.filter((k) => !got.includes(k));
  const extra = got.filter((k) => !expected.includes(k));
  if (!missing.length && !extra.length) return null;
  return `${label}: missing ${missing.join(' ') || 'none'}; unexpected ${extra.join(' ') || 'none'}`;
}

const work = mkdtempSync(path.join(tmpdir(), 'hk-netns-bench-'));
let network: BenchNetwork | null = null;
let site: ChildProcessWithoutNullStreams | null = null;
const cleanUp = () => {
  for (const child of running) child.kill('SIGKILL');
  site?.kill('SIGKILL');
  network?.destroy();
  rmSync(work, { recursive: true, force: true });
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.once(signal, () => {
    cleanUp();
    console.log(`\ndiscovery-netns bench: stopped by ${signal}; namespaces deleted`);
    process.exit(130);
  });

try {
  // The CLI exactly as shipped: bundled, under plain Node, no source maps.
  const built = spawnSync(process.execPath, [path.join(root, 'scripts/build-electron.mjs'), '--out', work], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('building the CLI failed');
  const cli = path.join(work, 'cli/hubkeeper.mjs');

  network = createNetwork();
  const inScanner = (args: string[]) => ['netns', 'exec', network!.scanner, ...args];
  site = spawn(
    'ip',
    [
      'netns',
      'exec',
      network.site,
      process.execPath,
      '--import',
      'tsx',
      path.join(root, 'test/bench/discovery-netns/site.ts'),
    ],
    {
      cwd: root,
      stdio: 'pipe',
    },
  );
  site.stderr.on('data', (d: Buffer) => process.stderr.write(`[site] ${d.toString()}`));
  const listening = await new Promise<Listening[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the site did not start within 60 s')), 60_000);
    site!.once('exit', (code) => reject(new Error(`the site process ended (${code})`)));
    createInterface({ input: site!.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { listening: Listening[] }).listening);
    });
  });
  network.forward(listening);

  const addresses = parseSweepTarget(TARGET);
  if (!addresses.ok) throw new Error(addresses.error.message);
  const list = path.join(work, 'targets.txt');
  // nmap gets exactly the sweep's addresses (a /22 without its network and broadcast addresses).
  writeFileSync(list, addresses.value.addresses.map(intToIpv4).join('\n') + '\n');
  const ports = PORTS.join(',');
  const expectedOpen = sortedKeys(SERVICES.map((s) => key(s.address, s.port)));
  const expectedHubs = sortedKeys(
    listening
      .filter((s) => s.kind === 'hub')
      .map((s) => `${key(s.address, s.port)} ${s.https ? 'https' : 'http'} ${s.fingerprint}`),
  );

  const runScan = async () => {
    network!.forgetNeighbours();
    const run = await timed('ip', inScanner([process.execPath, cli, 'scan', TARGET, '--ports', ports, '--json']));
    const result = JSON.parse(run.stdout) as SweepResult;
    const wrong =
      difference('hubkeeper scan, hubs', scanHubs(result), expectedHubs) ??
      difference('hubkeeper scan, open ports', scanOpenPorts(result), expectedOpen);
    return { ms: run.ms, wrong };
  };
  const runNmap = async () => {
    network!.forgetNeighbours();
    const run = await timed(
      'ip',
      inScanner(['nmap', '-sT', '-Pn', '-n', '--open', '-p', ports, '-iL', list, '-oG', '-']),
    );
    return { ms: run.ms, wrong: difference('nmap, open ports', nmapOpenPorts(run.stdout), expectedOpen) };
  };

  const hubs = new Set(SERVICES.filter((s) => s.kind === 'hub').map((s) => s.address)).size;
  console.log(
    `network: ${addresses.value.addresses.length} addresses of ${TARGET} in namespace ${network.site}, ${hubs} hubs, ` +
      `${SERVICES.length - expectedHubs.length} other web servers; scanning from ${network.scanner} on ports ${ports}`,
  );
  console.log(
    `hubkeeper scan defaults: concurrency ${SWEEP_DEFAULTS.concurrency}, connect timeout ${SWEEP_DEFAULTS.connectTimeoutMs} ms, ` +
      `probe timeout ${SWEEP_DEFAULTS.probeTimeoutMs} ms`,
  );
  // Warm-up (untimed) of the scan only: its first run loads a 3 MB bundle from disk. nmap's
  // start-up is a few ms of a run that lasts far longer (a warm-up would cost minutes).
  await runScan();

  const scans: number[] = [];
  const nmaps: number[] = [];
  const problems = new Set<string>();
  for (let i = 0; i < RUNS; i++) {
    // Alternate which goes first, so neither always runs on a machine the other just warmed.
    const pair = i % 2 ? [runNmap, runScan] : [runScan, runNmap];
    for (const step of pair) {
      const outcome = await step();
      (step === runScan ? scans : nmaps).push(outcome.ms);
      if (outcome.wrong) problems.add(outcome.wrong);
      console.log(
        `  run ${i + 1}: ${step === runScan ? 'hubkeeper scan' : 'nmap          '} ${outcome.ms.toFixed(0)} ms`,
      );
    }
  }
  const fmt = (v: number[]) =>
    `median ${median(v).toFixed(0)} ms (min ${Math.min(...v).toFixed(0)}, max ${Math.max(...v).toFixed(0)})`;
  console.log(`\nhubkeeper scan ${TARGET} --ports ${ports}, ${RUNS} runs: ${fmt(scans)}`);
  console.log(`nmap -sT -Pn -n --open -p ${ports} (same addresses), ${RUNS} runs: ${fmt(nmaps)}`);
  const ratio = median(scans) / median(nmaps);
  console.log(
    `RATIO hubkeeper / nmap, medians (wall): ${ratio.toFixed(2)}  (target ≤ 1.0) ${ratio <= 1 ? 'OK' : 'OVER'}`,
  );
  console.log(
    problems.size
      ? `FOUND DIFFERENT:\n  ${[...problems].join('\n  ')}`
      : `same findings: both saw exactly the ${expectedOpen.length} open ports of the plan; the scan named exactly its ${hubs} hubs (fingerprints included)`,
  );
  console.log(
    `load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${availableParallelism()} CPUs`,
  );
  if (problems.size) process.exitCode = 1;
} catch (error) {
  console.error(`discovery-netns bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  if (site && site.exitCode === null) {
    const ended = new Promise((resolve) => site!.once('exit', resolve));
    site.stdin.write('quit\n');
    await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 5000))]);
  }
  cleanUp();
}
