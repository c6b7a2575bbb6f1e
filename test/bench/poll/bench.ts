/**
 * Polling benchmark (issue 4), the measuring part; `run.ts` bundles this file and runs it under
 * plain Node (see there). Not a test: it prints figures and ratios.
 *
 * 1. Starts N (up to 5,000) simulated hubs in ONE separate simulator process on 127.80.x.x (fixed
 *    port, args.ts), all in the busy 'downloading' state, so this process holds only the monitor.
 * 2. Memory and event-loop delay, measured first, while this process holds only the monitor:
 *    the monitor polls every hub at 1 Hz for `--seconds` (default 60). Printed: the resident set
 *    size with N hubs watched (peak, target ≤ 200 MB), the largest event-loop delay seen by
 *    perf_hooks.monitorEventLoopDelay (target ≤ 50 ms; less its sampling interval, which Node's
 *    histogram includes in every value) with its p99, the same two figures of an
 *    idle Node process measured over the same time (the delay the loaded machine itself adds to
 *    any process), and this process's garbage-collection pauses.
 * 3. Sweep: one poll of every hub through the real Monitor + SessionPool + HubClient, against a
 *    bare keep-alive `http.get` loop doing the same N requests (GET /api/update/status with a
 *    session cookie, body read and JSON-parsed) at the same concurrency. Every way is warmed up
 *    (logged in, connections open), then timed in rounds whose order rotates; the median ratio
 *    is printed (target ≤ 1.5). More ways in the same rounds split the cost into layers: the
 *    same requests over the poll's own transport alone (undici, as HubClient sends them) and
 *    through HubClient.updateStatus without the monitor (the client's share); and, for
 *    reference, through the client's own axios instance and nothing else (what the poll would
 *    cost through axios, which is why it does not), and the bare loop with 5 µs of busy CPU
 *    added per request (what any client-side work costs in sweep time on this machine, where
 *    the simulator sleeps while this process works). The CPU time of this process and of the
 *    simulator per
 *    request is printed for each way: the simulator runs in its own process (on the other core),
 *    so its CPU is charged to neither side; its figure shows whether a way makes it work harder.
 * Traffic goes only to 127.80.0.0/16, bounded in count and time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { constants as perfConstants, monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import pLimit from 'p-limit';
import { Monitor } from '../../../electron/core/monitor/monitor';
import { SessionPool } from '../../../electron/core/sessions/session-pool';
import { fixedCredentials } from '../../../electron/core/sessions/credential-provider';
import { HubStore } from '../../../electron/core/store/hub-store';
import { StoreRecorder } from '../../../electron/core/store/recorder';
import { createHttpAgent } from '../../../electron/core/hub/agents';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../../electron/core/hub/hub-client';
import { createAxios } from '../../../electron/core/hub/hub-transport';
import { keepAliveGet, PollConnection } from '../../../electron/core/hub/poll-connection';
import { RequestScope } from '../../../electron/core/hub/request-scope';
import { requireOpenFiles } from '../open-files';
import { parsePollArgs, POLL_FROM } from './args';

const args = (() => {
  try {
    return parsePollArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`poll benchmark: ${(error as Error).message}`);
    process.exit(2);
  }
})();
const HUBS = args.hubs;
const SECONDS = args.seconds;
const CONCURRENCY = args.concurrency;
const ROUNDS = args.rounds;
const PORT = args.port;
const FROM = POLL_FROM;
/**
 * Connections each hub gets from this process: the monitor's (login and poll), and one of each
 * compared way that keeps its own (bare agent, poll transport alone, axios). The simulator holds
 * the other end of each, plus one listening socket per hub.
 */
const CONNECTIONS_PER_HUB = 5;

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function startSimulator(): Promise<{ child: ChildProcess; urls: string[] }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(process.env.HUBKEEPER_ROOT ?? process.cwd(), 'test/simulator/cli.ts'),
      '--hubs',
      String(HUBS),
      '--from',
      FROM,
      '--port',
      String(PORT),
      '--scenario',
      'downloading',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: process.env.HUBKEEPER_ROOT ?? process.cwd() },
  );
  const urls: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    // Binding thousands of hubs takes a while on a busy machine: a minute plus 20 ms a hub.
    const limitMs = 60_000 + HUBS * 20;
    const timer = setTimeout(
      () => reject(new Error(`simulator did not start in ${limitMs / 1000} s: ${stderr}`)),
      limitMs,
    );
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

/**
 * Sampling interval of the event-loop delay histograms. Node's histogram records the whole time
 * between two of its timer ticks, so an idle loop reads as this much (10.1 ms mean at 10 ms) and
 * a loop blocked for 100 ms as about 110: the delay is what it records minus this.
 */
const ELD_RESOLUTION_MS = 10;

/** Histogram value (ns) → how late the tick came (ms). */
const lateMs = (ns: number) => Math.max(0, ns / 1e6 - ELD_RESOLUTION_MS);

/** An idle child process that only measures its event-loop delay for `seconds`. */
function startControl(seconds: number): Promise<{ max: number; p99: number }> {
  const script = `const { monitorEventLoopDelay } = require('node:perf_hooks');
const h = monitorEventLoopDelay({ resolution: ${ELD_RESOLUTION_MS} }); h.enable();
setTimeout(() => { h.disable(); process.stdout.write(JSON.stringify({ max: h.max, p99: h.percentile(99) })); }, ${seconds * 1000});`;
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

/**
 * CPU time of another process (user + system, ms) from /proc, or null where there is none. The
 * simulator's share per request shows that both sides of the ratio ask it for the same work.
 */
function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : null; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** One way of doing the sweep, timed and charged its CPU over the rounds. */
interface Way {
  name: string;
  sweep: () => Promise<unknown>;
  wall: number[];
  cpuUs: number;
  simMs: number | null;
}

/** Busy CPU added per request by the reference way that shows what client-side work costs. */
const PAD_US = 5;

function busyFor(us: number): void {
  const until = performance.now() + us / 1000;
  while (performance.now() < until);
}

/** The baseline: a bare keep-alive http.get per hub with a session cookie. */
function bareGet(agent: http.Agent, url: URL, cookie: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      {
        host: url.hostname,
        port: url.port,
        path: '/api/update/status',
        agent,
        headers: { cookie, accept: 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { result?: number };
          if (body.result !== 0) reject(new Error(`baseline got result ${body.result}`));
          else resolve();
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

function bareLogin(agent: http.Agent, url: URL): Promise<string> {
  const body = JSON.stringify({ id: 'Admin', pass: createHash('md5').update('Admin').digest('hex') });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: '/api/login',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
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

/**
 * One sweep over every hub, six ways (two of them for reference), timed in rotating order; prints
 * wall time, CPU per request of this process and of the simulator, the ratio and the layers.
 */
async function compareSweeps(
  urls: string[],
  pool: SessionPool,
  monitor: Monitor,
  simulatorPid: number | undefined,
): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const parsed = urls.map((u) => new URL(u));
  const limit = pLimit(CONCURRENCY);
  const cookies = await Promise.all(parsed.map((u) => limit(() => bareLogin(agent, u))));

  // For reference, not a layer of the poll: the same request through the client's own axios
  // instance (same defaults, same kind of agent, an AbortSignal per hub reused as the client
  // does for its other calls). It shows why the poll does not go through axios.
  const axiosAgents = parsed.map(() => createHttpAgent(10_000));
  const axiosClients = parsed.map((u, i) =>
    createAxios(u.origin, axiosAgents[i]!, undefined, DEFAULT_MAX_RESPONSE_BYTES),
  );
  const axiosSignals = parsed.map(() => new AbortController().signal);
  const axiosGet = async (i: number): Promise<void> => {
    const res = await axiosClients[i]!.request<string>({
      method: 'GET',
      url: '/api/update/status',
      headers: { Cookie: cookies[i]! },
      signal: axiosSignals[i]!,
    });
    const body = JSON.parse(res.data) as { result?: number };
    if (res.status !== 200 || body.result !== 0) throw new Error(`axios got HTTP ${res.status}, result ${body.result}`);
  };
  const failIfAny = (results: Array<{ ok: boolean }>) => {
    const failed = results.filter((r) => !r.ok).length;
    if (failed) throw new Error(`${failed} HubClient calls failed during the sweep`);
  };
  const way = (name: string, sweep: () => Promise<unknown>): Way => ({ name, sweep, wall: [], cpuUs: 0, simMs: 0 });
  const bareWay = way('bare keep-alive http.get', () =>
    Promise.all(parsed.map((u, i) => limit(() => bareGet(agent, u, cookies[i]!)))),
  );
  const axiosWay = way('(reference) the same GET via axios', () =>
    Promise.all(parsed.map((_, i) => limit(() => axiosGet(i)))),
  );
  // The poll's transport alone: the same GET as the client sends it (undici, one keep-alive
  // connection per hub), body read and JSON-parsed, nothing of the client around it.
  const pollConnections = parsed.map((u) => new PollConnection(u.origin, { connectTimeoutMs: 10_000, pinned: null }));
  const pollScope = new RequestScope();
  const transportGet = async (i: number): Promise<void> => {
    const got = await keepAliveGet({
      connection: pollConnections[i]!,
      path: '/api/update/status',
      cookieHeader: cookies[i]!,
      timeoutMs: 10_000,
      maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
      scope: pollScope,
    });
    if (!got.ok) throw new Error('the poll transport failed during the sweep');
    const body = JSON.parse(got.answer.text) as { result?: number };
    if (got.answer.status !== 200 || body.result !== 0) throw new Error(`poll transport got result ${body.result}`);
  };
  const transportWay = way("the poll's transport alone", () =>
    Promise.all(parsed.map((_, i) => limit(() => transportGet(i)))),
  );
  const clientWay = way('HubClient.updateStatus', async () =>
    failIfAny(await Promise.all(urls.map((_, i) => limit(() => pool.updateStatus(`hub-${i}`))))),
  );
  const monitorWay = way('monitor', () => monitor.refresh());
  // For reference: the bare loop with a fixed amount of busy CPU added to every request. It
  // shows what any client-side work costs in sweep time on this machine: the simulator sleeps
  // while this process works, and each request written then has to wake it up again.
  const paddedWay = way(`(reference) bare + ${PAD_US} µs CPU each`, () =>
    Promise.all(
      parsed.map((u, i) =>
        limit(async () => {
          await bareGet(agent, u, cookies[i]!);
          busyFor(PAD_US);
        }),
      ),
    ),
  );
  const ways = [bareWay, transportWay, clientWay, monitorWay, axiosWay, paddedWay];

  // Warm-up of each way (connections open, code optimised), untimed.
  for (const w of ways) for (let i = 0; i < 3; i++) await w.sweep();
  for (let r = 0; r < ROUNDS; r += 1) {
    // Rotate the order so no way always runs right after another (or right after a GC).
    for (let k = 0; k < ways.length; k++) {
      const w = ways[(r + k) % ways.length]!;
      const sim0 = processCpuMs(simulatorPid);
      const cpu0 = process.cpuUsage();
      const t = performance.now();
      await w.sweep();
      w.wall.push(performance.now() - t);
      const cpu = process.cpuUsage(cpu0);
      w.cpuUs += cpu.user + cpu.system;
      const sim1 = processCpuMs(simulatorPid);
      w.simMs = w.simMs === null || sim0 === null || sim1 === null ? null : w.simMs + (sim1 - sim0);
    }
  }
  const perRequest = (us: number) => us / (ROUNDS * HUBS);
  const cpuOf = (w: Way) => perRequest(w.cpuUs);
  const pad = Math.max(...ways.map((w) => w.name.length));
  for (const w of ways) {
    const sim = w.simMs === null ? '' : `, simulator ${perRequest(w.simMs * 1000).toFixed(0)} µs`;
    console.log(
      `sweep of ${HUBS} hubs, ${w.name.padEnd(pad)}: ${w.wall.map((x) => x.toFixed(0)).join(', ')} ms (median ${median(w.wall).toFixed(0)} ms); ` +
        `CPU per request: this process ${cpuOf(w).toFixed(0)} µs${sim}`,
    );
  }
  const ratios = bareWay.wall.map((b, i) => monitorWay.wall[i]! / b);
  console.log(`RATIO monitor / bare (median of ${ROUNDS}): ${median(ratios).toFixed(2)}  (target ≤ 1.5)`);
  const layers: Array<[string, number]> = [
    ['the request over undici (socket, body, JSON.parse)', cpuOf(transportWay)],
    [
      'HubClient over its transport (session cookies, deadline timer, cancel handle, reply checks, zod parsing)',
      cpuOf(clientWay) - cpuOf(transportWay),
    ],
    ['monitor over HubClient (scheduling, tracker, diff, change events)', cpuOf(monitorWay) - cpuOf(clientWay)],
  ];
  console.log(
    `(breakdown) CPU per polled hub in this process, ${cpuOf(monitorWay).toFixed(0)} µs through the monitor:`,
  );
  for (const [what, us] of layers)
    console.log(
      `  ${us.toFixed(0).padStart(5)} µs  ${((100 * us) / cpuOf(monitorWay)).toFixed(0).padStart(3)} %  ${what}`,
    );
  console.log(
    `(breakdown) the bare loop's request over Node's http module and an agent: ${cpuOf(bareWay).toFixed(0)} µs CPU each`,
  );
  console.log(
    `(breakdown) median wall-time ratios to bare: the poll's transport ${(median(transportWay.wall) / median(bareWay.wall)).toFixed(2)}, HubClient ${(median(clientWay.wall) / median(bareWay.wall)).toFixed(2)}, ` +
      `monitor ${(median(monitorWay.wall) / median(bareWay.wall)).toFixed(2)}; ` +
      `(reference) the same GET through axios ${(median(axiosWay.wall) / median(bareWay.wall)).toFixed(2)}, ` +
      `${cpuOf(axiosWay).toFixed(0)} µs CPU per request: why the poll does not go through axios (electron/core/hub/poll-connection.ts)`,
  );
  const paddedRatio = median(paddedWay.wall) / median(bareWay.wall);
  console.log(
    `(reference) bare + ${PAD_US} µs of busy CPU per request: ${paddedRatio.toFixed(2)} × bare, so here each µs of work per request ` +
      `adds about ${(((paddedRatio - 1) * median(bareWay.wall) * 1000) / HUBS / PAD_US).toFixed(1)} µs to the sweep per request`,
  );
  agent.destroy();
  axiosAgents.forEach((a) => a.destroy());
  pollConnections.forEach((c) => c.drop(new Error('benchmark over')));
}

async function main(): Promise<void> {
  console.log(
    `poll benchmark: ${HUBS} hubs (${FROM}…, port ${PORT}), concurrency ${CONCURRENCY}, ${ROUNDS} sweep rounds, ${SECONDS} s at 1 Hz${args.record ? ', recording to a store' : ''}`,
  );
  // Both processes inherit this one's limit; the simulator holds the most.
  requireOpenFiles(HUBS * (CONNECTIONS_PER_HUB + 1) + 500, `the simulator of ${HUBS} hubs`);
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const { child, urls } = await startSimulator();
  console.log(
    `simulator: ${urls.length} hubs up in ${((performance.now() - started) / 1000).toFixed(1)} s (separate process, pid ${child.pid})`,
  );
  let dataDir: string | null = null;
  try {
    // ── the monitor ──
    const pool = new SessionPool({ credentials: fixedCredentials('Admin', 'Admin'), timeoutMs: 10_000 });
    const monitor = new Monitor({
      poller: pool,
      config: {
        busyMs: 1000,
        idleMs: 5000,
        concurrency: CONCURRENCY,
        maxRequestsPerSecond: HUBS * 2,
        systemEveryMs: 3_600_000,
        versionsEveryMs: 7 * 86_400_000,
      },
    });
    urls.forEach((u, i) => {
      const url = new URL(u);
      pool.register({
        hubId: `hub-${i}`,
        endpoint: { scheme: 'http', host: url.hostname, port: Number(url.port) },
        pin: null,
        siteId: 'bench',
        defaultUser: null,
        name: `hub ${i}`,
      });
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

    // ── 1 Hz polling ──
    // First, while this process holds only the monitor: memory and event-loop delay are the
    // monitor's, not those of the baselines' 500 extra agents and their garbage (V8 keeps heap
    // pages it grew into, so a polling minute after the sweeps would report their RSS too).
    const histogram = monitorEventLoopDelay({ resolution: ELD_RESOLUTION_MS });
    const perSecond = monitorEventLoopDelay({ resolution: ELD_RESOLUTION_MS });
    const secondMaxima: number[] = [];
    const changesBefore = changes;
    const successesBefore = successes;
    // Control: an idle Node process measuring its own event-loop delay over the same minute. On a
    // busy machine the OS delays every process; what the monitor adds is the difference.
    const control = startControl(SECONDS);
    const gcPauses: Array<{ kind: number; ms: number }> = [];
    const gcObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        gcPauses.push({ kind: (e as { detail?: { kind?: number } }).detail?.kind ?? 0, ms: e.duration });
    });
    gcObserver.observe({ entryTypes: ['gc'] });
    const heapBefore = process.memoryUsage().heapUsed;
    histogram.enable();
    perSecond.enable();
    monitor.resume();
    const pollStart = performance.now();
    const cpuStart = process.cpuUsage();
    let peakRss = 0;
    while (performance.now() - pollStart < SECONDS * 1000) {
      await new Promise((r) => setTimeout(r, 1000));
      secondMaxima.push(lateMs(perSecond.max));
      perSecond.reset();
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
    }
    histogram.disable();
    perSecond.disable();
    gcObserver.disconnect();
    const elapsed = (performance.now() - pollStart) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    monitor.pause();
    const statusPolls = (successes - successesBefore) / elapsed;
    console.log(
      `1 Hz polling for ${elapsed.toFixed(0)} s: ${statusPolls.toFixed(0)} successful polls/s from ${HUBS} hubs, ${((changes - changesBefore) / elapsed).toFixed(0)} changes/s`,
    );
    console.log(
      `CPU of this process while polling: ${(((cpu.user + cpu.system) / 1e6 / elapsed) * 100).toFixed(0)} % of one core; machine load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} on ${cpus().length} cores (other processes delay this one's timers too)`,
    );
    const delay = { max: lateMs(histogram.max), p99: lateMs(histogram.percentile(99)) };
    console.log(
      `EVENT-LOOP DELAY max ${delay.max.toFixed(1)} ms, p99 ${delay.p99.toFixed(1)} ms  (target max ≤ 50 ms; ` +
        `monitorEventLoopDelay at ${ELD_RESOLUTION_MS} ms recorded max ${(histogram.max / 1e6).toFixed(1)}, p99 ${(histogram.percentile(99) / 1e6).toFixed(1)}, ` +
        `mean ${(histogram.mean / 1e6).toFixed(1)} ms, each including its ${ELD_RESOLUTION_MS} ms interval)`,
    );
    const controlRaw = await control;
    const controlDelay = { max: lateMs(controlRaw.max), p99: lateMs(controlRaw.p99) };
    console.log(
      `(control) an idle Node process on this machine over the same time: event-loop delay max ${controlDelay.max.toFixed(1)} ms, p99 ${controlDelay.p99.toFixed(1)} ms; ` +
        `the monitor's process: max ${delay.max - controlDelay.max >= 0 ? '+' : ''}${(delay.max - controlDelay.max).toFixed(1)} ms, ` +
        `p99 ${delay.p99 - controlDelay.p99 >= 0 ? '+' : ''}${(delay.p99 - controlDelay.p99).toFixed(1)} ms over it`,
    );
    const gcKind = (k: number) =>
      k === perfConstants.NODE_PERFORMANCE_GC_MINOR
        ? 'minor (scavenge)'
        : k === perfConstants.NODE_PERFORMANCE_GC_MAJOR
          ? 'major (mark-compact)'
          : k === perfConstants.NODE_PERFORMANCE_GC_INCREMENTAL
            ? 'incremental marking'
            : 'weak callbacks';
    const byKind = new Map<string, { n: number; max: number; total: number }>();
    for (const p of gcPauses) {
      const entry = byKind.get(gcKind(p.kind)) ?? { n: 0, max: 0, total: 0 };
      entry.n += 1;
      entry.max = Math.max(entry.max, p.ms);
      entry.total += p.ms;
      byKind.set(gcKind(p.kind), entry);
    }
    const polls = successes - successesBefore;
    console.log(
      `(diagnostic) GC while polling: ${[...byKind].map(([k, v]) => `${v.n} ${k} (longest ${v.max.toFixed(1)} ms, ${v.total.toFixed(0)} ms in all)`).join(', ') || 'none'}; ` +
        `heap ${mb(heapBefore)} -> ${mb(process.memoryUsage().heapUsed)} MB over ${polls} polls`,
    );
    const worst = secondMaxima
      .map((v, i) => [i + 1, v] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5);
    console.log(
      `(diagnostic) worst seconds of event-loop delay: ${worst.map(([i, v]) => `${v.toFixed(0)} ms in second ${i}`).join(', ')}; seconds over 50 ms: ${secondMaxima.filter((v) => v > 50).length} of ${secondMaxima.length}`,
    );
    const end = process.memoryUsage();
    const rss = end.rss;
    // What the monitor holds once the garbage of the last polls is collected (run.ts passes --expose-gc).
    (globalThis as { gc?: () => void }).gc?.();
    const settled = process.memoryUsage();
    console.log(
      `RSS with ${HUBS} hubs watched: ${mb(rss)} MB at the end of polling, peak ${mb(peakRss)} MB, ${mb(settled.rss)} MB after a full GC ` +
        `(heap ${mb(settled.heapUsed)} MB; process at start ${mb(rssBefore)} MB)  (target ≤ 200 MB)`,
    );
    console.log(
      `(diagnostic) memory at the end of polling: heap ${mb(end.heapUsed)} of ${mb(end.heapTotal)} MB reserved, external ${mb(end.external)} MB ` +
        `(array buffers ${mb(end.arrayBuffers)} MB); after the full GC: heap ${mb(settled.heapUsed)} of ${mb(settled.heapTotal)} MB reserved`,
    );

    // ── the sweeps, compared ──
    await compareSweeps(urls, pool, monitor, child.pid);

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
