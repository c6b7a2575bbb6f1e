import type { DiscoveredHub, HubEndpoint, OtherEndpoint, SweepProgress, SweepResult } from '../../shared/discovery';
import { fail, ok, type Result } from '../../shared/errors';
import { addEndpoint, endpointOf } from './endpoint-list';
import { probeEndpoint } from './endpoint-probe';
import { connectTcp, SocketSet } from './sockets';
import { DEFAULT_SWEEP_PORTS, intToIpv4, MAX_SWEEP_PORTS, parseSweepTarget } from './targets';

/**
 * The sweep: every port of every address of a target, as fast as a connect scan. Each task
 * (address × port) connects with a short timeout; an open port is fingerprinted over the same
 * socket (endpoint-probe.ts). Tasks run in a pool of `concurrency` sockets, every socket is
 * registered so a cancel destroys them all at once, and progress is reported per address.
 */

export interface SweepOptions {
  ports?: readonly number[];
  /** Sockets in flight at once. */
  concurrency?: number;
  /** How long a connect may take before the port counts as filtered / the host as absent. */
  connectTimeoutMs?: number;
  /** How long an open port has to identify itself (covering a protocol switch and a login check). */
  probeTimeoutMs?: number;
  /** Ports where TLS is spoken first; elsewhere plain HTTP is tried first. Both are tried when needed. */
  tlsPorts?: readonly number[];
  signal?: AbortSignal;
  /** Sweep public, multicast, broadcast or unspecified addresses too (the user confirmed it). */
  allowPublic?: boolean;
  onProgress?: (progress: SweepProgress) => void;
  /** Minimum time between two progress events (the last one is always sent). */
  progressIntervalMs?: number;
  /** Called once per hub as soon as all its ports are settled, for a live list. */
  onHub?: (hub: DiscoveredHub) => void;
}

export const SWEEP_DEFAULTS = {
  // 512 covers a /24 on the two default ports in one wave; Node raises its own open-file limit
  // at start, and connect() retries briefly if the machine runs out anyway.
  concurrency: 512,
  connectTimeoutMs: 1000,
  probeTimeoutMs: 2000,
  progressIntervalMs: 100,
  tlsPorts: [443, 4443, 8443, 9443] as readonly number[],
} as const;

export interface SweepOutcome {
  /** True when the sweep was cancelled; `result` then holds what was found until then. */
  cancelled: boolean;
  result: SweepResult;
}

interface Settings {
  ports: number[];
  concurrency: number;
  connectTimeoutMs: number;
  probeTimeoutMs: number;
}

function readSettings(options: SweepOptions): Result<Settings> {
  const ports = [...(options.ports ?? DEFAULT_SWEEP_PORTS)];
  if (ports.length === 0) return fail('BAD_INPUT', 'No ports to scan.');
  if (new Set(ports).size > MAX_SWEEP_PORTS)
    return fail('BAD_INPUT', `${new Set(ports).size} ports given; a sweep probes at most ${MAX_SWEEP_PORTS} ports.`);
  const checks: [string, number, number, number][] = [
    ...ports.map((p): [string, number, number, number] => ['A port', p, 1, 65535]),
    ['Concurrency', options.concurrency ?? SWEEP_DEFAULTS.concurrency, 1, 4096],
    ['The connect timeout (ms)', options.connectTimeoutMs ?? SWEEP_DEFAULTS.connectTimeoutMs, 20, 60_000],
    ['The probe timeout (ms)', options.probeTimeoutMs ?? SWEEP_DEFAULTS.probeTimeoutMs, 20, 60_000],
  ];
  for (const [name, value, min, max] of checks) {
    if (!Number.isInteger(value) || value < min || value > max)
      return fail('BAD_INPUT', `${name} must be a whole number from ${min} to ${max} (got ${value}).`);
  }
  return ok({
    ports: [...new Set(ports)],
    concurrency: options.concurrency ?? SWEEP_DEFAULTS.concurrency,
    connectTimeoutMs: options.connectTimeoutMs ?? SWEEP_DEFAULTS.connectTimeoutMs,
    probeTimeoutMs: options.probeTimeoutMs ?? SWEEP_DEFAULTS.probeTimeoutMs,
  });
}

export async function sweep(target: string, options: SweepOptions = {}): Promise<Result<SweepOutcome>> {
  const started = Date.now();
  const parsed = parseSweepTarget(target, { allowPublic: options.allowPublic });
  if (!parsed.ok) return parsed;
  const settings = readSettings(options);
  if (!settings.ok) return settings;
  const { ports, concurrency, connectTimeoutMs, probeTimeoutMs } = settings.value;

  const addresses = parsed.value.addresses;
  const tlsPorts = new Set(options.tlsPorts ?? SWEEP_DEFAULTS.tlsPorts);
  const sockets = new SocketSet();
  const signal = options.signal;

  const empty = (): SweepResult => ({
    target: target.trim(),
    ports,
    scanned: 0,
    elapsedMs: Date.now() - started,
    hubs: [],
    others: [],
  });
  if (signal?.aborted) return ok({ cancelled: true, result: empty() });

  // Per address: ports still pending, endpoints found. Settled addresses feed progress.
  const pending = new Uint8Array(addresses.length).fill(ports.length);
  const endpoints = new Map<number, HubEndpoint[]>();
  const others: OtherEndpoint[] = [];
  let addressesDone = 0;
  let hubsFound = 0;

  // A throwing listener (some also run from a timer) must not become an uncaught exception:
  // it stops the sweep, which then reports it as an INTERNAL error.
  let listenerError: unknown = null;
  const guarded = (call: () => void) => {
    try {
      call();
    } catch (error) {
      listenerError ??= error;
      sockets.destroyAll();
    }
  };

  const progressInterval = options.progressIntervalMs ?? SWEEP_DEFAULTS.progressIntervalMs;
  let lastProgress = 0;
  let progressTimer: NodeJS.Timeout | null = null;
  const emitProgress = () => {
    if (progressTimer) clearTimeout(progressTimer);
    progressTimer = null;
    lastProgress = Date.now();
    guarded(() =>
      options.onProgress?.({ done: addressesDone, total: addresses.length, hubsFound, othersFound: others.length }),
    );
  };
  const progress = () => {
    if (!options.onProgress) return;
    const wait = lastProgress + progressInterval - Date.now();
    if (wait <= 0) emitProgress();
    // Trailing event, so a burst followed by a long wait (hung hosts) still shows the burst.
    else progressTimer ??= setTimeout(emitProgress, wait);
  };

  const settlePort = (index: number) => {
    pending[index]! -= 1;
    if (pending[index] !== 0) return;
    addressesDone += 1;
    const found = endpoints.get(index);
    if (found) {
      hubsFound += 1;
      guarded(() => options.onHub?.(toHub(addresses[index]!, found)));
    }
    progress();
  };

  const runTask = async (task: number) => {
    const index = Math.floor(task / ports.length);
    const port = ports[task % ports.length]!;
    const host = intToIpv4(addresses[index]!);
    const connected = await connectTcp(host, port, connectTimeoutMs, sockets);
    if (connected.ok) {
      const verdict = await probeEndpoint(connected.socket, host, port, {
        sockets,
        deadline: Date.now() + probeTimeoutMs,
        connectTimeoutMs,
        tlsFirst: tlsPorts.has(port),
      });
      // A verdict reached because the sockets were destroyed by a cancel is not a verdict.
      if (sockets.closed) return;
      if (verdict.kind === 'hub') {
        const list = endpoints.get(index) ?? [];
        addEndpoint(list, endpointOf(verdict));
        endpoints.set(index, list);
      } else {
        others.push({ address: host, port, kind: verdict.kind });
      }
    }
    if (!sockets.closed) settlePort(index);
  };

  const onAbort = () => sockets.destroyAll();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await dispatch(addresses.length * ports.length, concurrency, sockets, runTask);
  } catch (error) {
    // Nothing in the sweep throws on purpose; this is a bug or a throwing callback. Report it as
    // data, with every socket closed by the finally below.
    return fail(
      'INTERNAL',
      `The sweep stopped unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    signal?.removeEventListener('abort', onAbort);
    sockets.destroyAll();
    if (progressTimer) clearTimeout(progressTimer);
  }
  const cancelled = signal?.aborted ?? false;
  if (!cancelled && listenerError === null) emitProgress();
  if (listenerError !== null) {
    const message = listenerError instanceof Error ? listenerError.message : String(listenerError);
    return fail('INTERNAL', `The sweep stopped unexpectedly: a progress listener failed (${message}).`);
  }

  const hubs = [...endpoints.entries()]
    .sort(([a], [b]) => addresses[a]! - addresses[b]!)
    .map(([index, list]) => toHub(addresses[index]!, list));
  others.sort((a, b) => compareAddress(a.address, b.address) || a.port - b.port);
  // A cancelled sweep reports the addresses it finished, not the ones it never reached.
  const scanned = cancelled ? addressesDone : addresses.length;
  return ok({
    cancelled,
    result: { target: target.trim(), ports, scanned, elapsedMs: Date.now() - started, hubs, others },
  });
}

/**
 * Starts tasks 0..count-1 with at most `concurrency` in flight and resolves when all have
 * settled (rejects at the first that throws). Connects are issued in batches of CONNECT_BATCH
 * with a turn of the event loop in between: a /24 would otherwise open all its sockets in one
 * synchronous burst, and the few open ports among them could send their probe only after the
 * whole burst, leaving those hosts idle meanwhile. Between batches the loop delivers the
 * connects done so far, so the first probes travel while the next sockets are being opened.
 */
const CONNECT_BATCH = 64;

function dispatch(
  count: number,
  concurrency: number,
  sockets: SocketSet,
  run: (task: number) => Promise<void>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let next = 0;
    let inFlight = 0;
    let waiting = false;
    const settled = () => {
      inFlight -= 1;
      if (!waiting) pump();
    };
    let failure = false;
    const failed = (error: unknown) => {
      inFlight -= 1;
      // No new task after a failure: the sweep is being torn down.
      failure = true;
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const resume = () => {
      waiting = false;
      pump();
    };
    function pump(): void {
      let issued = 0;
      while (!failure && !sockets.closed && next < count && inFlight < concurrency) {
        if (issued === CONNECT_BATCH) {
          waiting = true;
          setImmediate(resume);
          return;
        }
        issued += 1;
        inFlight += 1;
        run(next++).then(settled, failed);
      }
      if (inFlight === 0) resolve();
    }
    pump();
  });
}

function toHub(address: number, list: HubEndpoint[]): DiscoveredHub {
  return { address: intToIpv4(address), endpoints: [...list].sort((a, b) => a.port - b.port) };
}

function compareAddress(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return 0;
}
