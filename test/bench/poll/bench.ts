/**
 * Polling benchmark (issue 4), the measuring part; `run.ts` bundles this file and runs it under
 * plain Node (see there). Not a test: it prints figures and ratios.
 *
 * 1. Starts N simulated hubs in ONE separate simulator process on 127.0.1.x/127.0.2.x (fixed
 *    port), all in the busy 'downloading' state, so this process holds only the monitor.
 * 2. Sweep: one poll of every hub through the real Monitor + SessionPool + HubClient, against a
 *    bare keep-alive `http.get` loop doing the same N requests (GET /api/update/status with a
 *    session cookie, body read and JSON-parsed) at the same concurrency. Both are warmed up
 *    (logged in, connections open), then timed in alternating rounds; the median ratio is printed
 *    (target ≤ 1.5).
 * 3. Memory: resident set size of this process with N hubs watched (target ≤ 200 MB).
 * 4. Event-loop delay: the monitor polls every hub at 1 Hz for `--seconds` (default 60); the
 *    largest delay seen by perf_hooks.monitorEventLoopDelay is printed (target ≤ 50 ms).
 * Traffic goes only to 127.0.1.0/24 and 127.0.2.0/24, bounded in count and time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pLimit from 'p-limit';
import { Monitor } from '../../../electron/core/monitor/monitor';
import { SessionPool } from '../../../electron/core/sessions/session-pool';
import { fixedCredentials } from '../../../electron/core/sessions/credential-provider';
import { HubStore } from '../../../electron/core/store/hub-store';
import { StoreRecorder } from '../../../electron/core/store/recorder';

const { values: args } = parseArgs({
  options: {
    hubs: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '60' },
    concurrency: { type: 'string', default: '32' },
    rounds: { type: 'string', default: '5' },
    port: { type: 'string', default: '18481' },
    record: { type: 'boolean', default: false },
  },
});
const HUBS = Math.min(1000, Math.max(1, Number(args.hubs)));
const SECONDS = Math.min(600, Math.max(1, Number(args.seconds)));
const CONCURRENCY = Math.max(1, Number(args.concurrency));
const ROUNDS = Math.max(1, Number(args.rounds));
const PORT = Number(args.port);
const FROM = '127.0.1.1';

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function startSimulator(): Promise<{ child: ChildProcess; urls: string[] }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(process.env.HUBKEEPER_ROOT ?? process.cwd(), 'test/simulator/cli.ts'), '--hubs', String(HUBS), '--from', FROM, '--port', String(PORT), '--scenario', 'downloading'],
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: process.env.HUBKEEPER_ROOT ?? process.cwd() },
  );
  const urls: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`simulator did not start in 60 s: ${stderr}`)), 60_000);
    let buffer = '';
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('http')) urls.push(line.trim());
      if (urls.length === HUBS) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`simulator exited (${code}): ${stderr}`)));
  });
  child.removeAllListeners('exit');
  return { child, urls };
}

/** An idle child process that only measures its event-loop delay for `seconds`. */
function startControl(seconds: number): Promise<{ max: number; p99: number }> {
  const script = `const { monitorEventLoopDelay } = require('node:perf_hooks');
const h = monitorEventLoopDelay({ resolution: 10 }); h.enable();
setTimeout(() => { h.disable(); process.stdout.write(JSON.stringify({ max: h.max / 1e6, p99: h.percentile(99) / 1e6 })); }, ${seconds * 1000});`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', () => {
      try {
        resolve(JSON.parse(out) as { max: number; p99: number });
      } catch (error) {
        reject(error as Error);
      }
    });
  });
}

/** The baseline: a bare keep-alive http.get per hub with a session cookie. */
function bareGet(agent: http.Agent, url: URL, cookie: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: url.hostname, port: url.port, path: '/api/update/status', agent, headers: { cookie, accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { result?: number };
        if (body.result !== 0) reject(new Error(`baseline got result ${body.result}`));
        else resolve();
      });
      res.on('error', reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

function bareLogin(agent: http.Agent, url: URL): Promise<string> {
  const body = JSON.stringify({ id: 'Admin', pass: createHash('md5').update('Admin').digest('hex') });
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: '/api/login', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { token?: string };
          resolve(`mwcloud-sid=${parsed.token}; mwcloud-uid=Admin`);
        });
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

async function main(): Promise<void> {
  console.log(`poll benchmark: ${HUBS} hubs (${FROM}…, port ${PORT}), concurrency ${CONCURRENCY}, ${ROUNDS} sweep rounds, ${SECONDS} s at 1 Hz${args.record ? ', recording to a store' : ''}`);
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const { child, urls } = await startSimulator();
  console.log(`simulator: ${urls.length} hubs up in ${((performance.now() - started) / 1000).toFixed(1)} s (separate process, pid ${child.pid})`);
  let dataDir: string | null = null;
  try {
    // ── the monitor ──
    const pool = new SessionPool({ credentials: fixedCredentials('Admin', 'Admin'), timeoutMs: 10_000 });
    const monitor = new Monitor({
      poller: pool,
      config: { busyMs: 1000, idleMs: 5000, concurrency: CONCURRENCY, maxRequestsPerSecond: HUBS * 2, systemEveryMs: 3_600_000, versionsEveryMs: 7 * 86_400_000 },
    });
    urls.forEach((u, i) => {
      const url = new URL(u);
      pool.register({ hubId: `hub-${i}`, endpoint: { scheme: 'http', host: url.hostname, port: Number(url.port) }, pin: null, siteId: 'bench', defaultUser: null, name: `hub ${i}` });
      monitor.addHub(`hub-${i}`);
    });
    let recorder: StoreRecorder | null = null;
    if (args.record) {
      dataDir = await mkdtemp(path.join(tmpdir(), 'hk-bench-'));
      const store = await HubStore.open(dataDir);
      if (!store.ok) throw new Error(store.error.message);
      recorder = new StoreRecorder(store.value, monitor, { flushMs: 2000 });
      recorder.start();
    }
    let changes = 0;
    let successes = 0;
    monitor.subscribe({
      change: (c) => {
        changes += 1;
        if (c.changes.lastSuccessAt) successes += 1;
      },
    });
    // Warm-up: log in to every hub and open the connections; then hold the regular polling so
    // the timed sweeps are exactly one request per hub.
    monitor.pause();
    monitor.start();
    await monitor.refresh();
    await monitor.refresh();
    const okCount = monitor.snapshot().filter((h) => h.error === null && h.progress !== null).length;
    console.log(`monitor warm: ${okCount}/${HUBS} hubs read (downloading), logged in`);

    // ── the baseline ──
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const parsed = urls.map((u) => new URL(u));
    const limit = pLimit(CONCURRENCY);
    const cookies = await Promise.all(parsed.map((u) => limit(() => bareLogin(agent, u))));
    const baselineSweep = () => Promise.all(parsed.map((u, i) => limit(() => bareGet(agent, u, cookies[i]!))));
    await baselineSweep();

    // Diagnostic: the same sweep through the pool's HubClients without the monitor, to tell the
    // monitor's own cost from the HTTP client's.
    const clientSweep = () => Promise.all(urls.map((_, i) => limit(() => pool.updateStatus(`hub-${i}`))));
    const bare: number[] = [];
    const mon: number[] = [];
    const cli: number[] = [];
    for (let r = 0; r < ROUNDS; r += 1) {
      let t = performance.now();
      await baselineSweep();
      bare.push(performance.now() - t);
      t = performance.now();
      await monitor.refresh();
      mon.push(performance.now() - t);
      t = performance.now();
      await clientSweep();
      cli.push(performance.now() - t);
    }
    console.log(`(diagnostic) same sweep, HubClient calls only:  ${cli.map((x) => x.toFixed(0)).join(', ')} ms (median ${median(cli).toFixed(0)} ms)`);
    const ratios = bare.map((b, i) => mon[i]! / b);
    console.log(`sweep of ${HUBS} hubs, bare keep-alive http.get: ${bare.map((x) => x.toFixed(0)).join(', ')} ms (median ${median(bare).toFixed(0)} ms)`);
    console.log(`sweep of ${HUBS} hubs, monitor:                  ${mon.map((x) => x.toFixed(0)).join(', ')} ms (median ${median(mon).toFixed(0)} ms)`);
    console.log(`RATIO monitor / bare (median of ${ROUNDS}): ${median(ratios).toFixed(2)}  (target ≤ 1.5)`);
    console.log(`(diagnostic) monitor / HubClient-only: ${(median(mon) / median(cli)).toFixed(2)} — the monitor's own share; the rest is the hub client (axios + zod parsing)`);
    agent.destroy();

    // ── 1 Hz polling ──
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    const perSecond = monitorEventLoopDelay({ resolution: 10 });
    const secondMaxima: number[] = [];
    const changesBefore = changes;
    const successesBefore = successes;
    // Control: an idle Node process measuring its own event-loop delay over the same minute. On a
    // busy machine the OS delays every process; what the monitor adds is the difference.
    const control = startControl(SECONDS);
    histogram.enable();
    perSecond.enable();
    monitor.resume();
    const pollStart = performance.now();
    const cpuStart = process.cpuUsage();
    let peakRss = 0;
    const heapAt: number[] = [];
    while (performance.now() - pollStart < SECONDS * 1000) {
      await new Promise((r) => setTimeout(r, 1000));
      secondMaxima.push(perSecond.max / 1e6);
      perSecond.reset();
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      heapAt.push(m.heapUsed);
    }
    histogram.disable();
    perSecond.disable();
    const elapsed = (performance.now() - pollStart) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    monitor.pause();
    const statusPolls = (successes - successesBefore) / elapsed;
    console.log(`1 Hz polling for ${elapsed.toFixed(0)} s: ${statusPolls.toFixed(0)} successful polls/s from ${HUBS} hubs, ${((changes - changesBefore) / elapsed).toFixed(0)} changes/s`);
    console.log(`CPU of this process while polling: ${(((cpu.user + cpu.system) / 1e6 / elapsed) * 100).toFixed(0)} % of one core; machine load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores (other processes delay this one's timers too)`);
    console.log(`EVENT-LOOP DELAY max ${(histogram.max / 1e6).toFixed(1)} ms, p99 ${(histogram.percentile(99) / 1e6).toFixed(1)} ms, mean ${(histogram.mean / 1e6).toFixed(1)} ms  (target max ≤ 50 ms)`);
    const controlMax = await control;
    console.log(`(control) an idle Node process on this machine over the same time: event-loop delay max ${controlMax.max.toFixed(1)} ms, p99 ${controlMax.p99.toFixed(1)} ms`);
    const worst = secondMaxima.map((v, i) => [i + 1, v] as const).sort((a, b) => b[1] - a[1]).slice(0, 5);
    console.log(`(diagnostic) worst seconds of event-loop delay: ${worst.map(([i, v]) => `${v.toFixed(0)} ms in second ${i}`).join(', ')}; seconds over 50 ms: ${secondMaxima.filter((v) => v > 50).length} of ${secondMaxima.length}`);
    const rss = process.memoryUsage().rss;
    // What the monitor holds once the garbage of the last polls is collected (run.ts passes --expose-gc).
    (globalThis as { gc?: () => void }).gc?.();
    const settled = process.memoryUsage();
    console.log(
      `RSS with ${HUBS} hubs watched: ${mb(rss)} MB at the end of polling, peak ${mb(peakRss)} MB, ${mb(settled.rss)} MB after a full GC ` +
        `(heap ${mb(settled.heapUsed)} MB; process at start ${mb(rssBefore)} MB)  (target ≤ 200 MB)`,
    );

    await monitor.stop();
    await recorder?.stop();
    await pool.closeAll(false);
  } finally {
    child.kill('SIGTERM');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
