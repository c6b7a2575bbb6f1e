import net from 'node:net';
import type { DiscoveredHub, HubEndpoint, ManualAddResult, ManualEntryResult } from '../../shared/discovery';
import { fail, ok, type Result } from '../../shared/errors';
import { addEndpoint, endpointOf } from './endpoint-list';
import { probeEndpoint, type EndpointVerdict } from './endpoint-probe';
import { parseManualEntries, type ManualTarget } from './manual-entries';
import { connectTcp, SocketSet } from './sockets';
import { SWEEP_DEFAULTS } from './sweep';

/**
 * Manual add: validate each typed or pasted entry, probe it like a sweep probes an open port,
 * and merge duplicates (the same host typed twice, or as `host` and `https://host`) into one hub
 * with all its endpoints. Each entry gets its own line in the answer — found, not a hub,
 * unreachable or invalid — so one typo never hides the other hubs of a pasted list.
 */

export interface ManualAddOptions {
  connectTimeoutMs?: number;
  probeTimeoutMs?: number;
  concurrency?: number;
  tlsPorts?: readonly number[];
  signal?: AbortSignal;
}

type Probe = { kind: 'refused' | 'timeout' | 'unreachable' } | EndpointVerdict;

const key = (host: string, port: number) => `${host}|${port}`;
const hostPort = (host: string, port: number) =>
  net.isIPv6(host.split('%')[0] ?? host) ? `[${host}]:${port}` : `${host}:${port}`;

function explain(host: string, port: number, probe: Probe): string {
  const at = hostPort(host, port);
  switch (probe.kind) {
    case 'web':
      return `${at} answers as a web server, but not as a Control Hub`;
    case 'tls':
      return `${at} speaks TLS, but does not answer like a Control Hub`;
    case 'silent':
      return `${at} accepts connections but never answered`;
    case 'refused':
      return `${at} refused the connection (nothing listening on that port)`;
    case 'timeout':
      return `${at} did not answer in time (host off, filtered, or wrong address)`;
    case 'unreachable':
      return `${at} cannot be reached (unknown host name or no route)`;
    case 'hub':
      return `${at} is a Control Hub`;
  }
}

export async function addManually(text: string, options: ManualAddOptions = {}): Promise<Result<ManualAddResult>> {
  const parsed = parseManualEntries(text);
  if (!parsed.ok) return parsed;
  const connectTimeoutMs = options.connectTimeoutMs ?? SWEEP_DEFAULTS.connectTimeoutMs;
  const probeTimeoutMs = options.probeTimeoutMs ?? SWEEP_DEFAULTS.probeTimeoutMs;
  const concurrency = options.concurrency ?? 64;
  const tlsPorts = new Set(options.tlsPorts ?? SWEEP_DEFAULTS.tlsPorts);
  if (options.signal?.aborted) return fail('CANCELLED', 'Adding hubs was cancelled.');

  // Every distinct host:port once, whatever the number of entries naming it.
  const jobs = new Map<string, { host: string; port: number; tlsFirst: boolean }>();
  for (const entry of parsed.value) {
    if (!entry.target.ok) continue;
    for (const { port, hint } of entry.target.value.ports) {
      const k = key(entry.target.value.host, port);
      if (!jobs.has(k))
        jobs.set(k, {
          host: entry.target.value.host,
          port,
          tlsFirst: hint === 'https' || (hint === 'auto' && tlsPorts.has(port)),
        });
    }
  }

  const sockets = new SocketSet();
  const onAbort = () => sockets.destroyAll();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const probes = new Map<string, Probe>();
  const queue = [...jobs.entries()];
  const worker = async () => {
    for (let job = queue.shift(); job && !sockets.closed; job = queue.shift()) {
      const [k, { host, port, tlsFirst }] = job;
      const connected = await connectTcp(host, port, connectTimeoutMs, sockets);
      if (!connected.ok) {
        probes.set(k, { kind: connected.reason === 'cancelled' ? 'unreachable' : connected.reason });
        continue;
      }
      probes.set(
        k,
        await probeEndpoint(connected.socket, host, port, {
          sockets,
          deadline: Date.now() + probeTimeoutMs,
          connectTimeoutMs,
          tlsFirst,
        }),
      );
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, jobs.size)) }, worker));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    sockets.destroyAll();
  }
  if (options.signal?.aborted) return fail('CANCELLED', 'Adding hubs was cancelled.');

  const merged = new Map<string, HubEndpoint[]>();
  const firstLine = new Map<string, number>();
  const entries: ManualEntryResult[] = parsed.value.map(({ input, line, target }) => {
    if (!target.ok) return { input, line, outcome: 'invalid', hub: null, message: target.error.message };
    return judgeEntry(input, line, target.value, probes, merged, firstLine);
  });
  const hubs: DiscoveredHub[] = [...merged.entries()].map(([address, endpoints]) => ({
    address,
    endpoints: [...endpoints].sort((a, b) => a.port - b.port),
  }));
  return ok({ entries, hubs });
}

function judgeEntry(
  input: string,
  line: number,
  target: ManualTarget,
  probes: Map<string, Probe>,
  merged: Map<string, HubEndpoint[]>,
  firstLine: Map<string, number>,
): ManualEntryResult {
  const { host } = target;
  const results = target.ports.map(({ port }) => ({
    port,
    probe: probes.get(key(host, port)) ?? ({ kind: 'unreachable' } as Probe),
  }));
  const endpoints: HubEndpoint[] = [];
  for (const { probe } of results) if (probe.kind === 'hub') addEndpoint(endpoints, endpointOf(probe));
  if (endpoints.length === 0) {
    const answered = results.find(
      ({ probe }) => probe.kind === 'web' || probe.kind === 'tls' || probe.kind === 'silent',
    );
    const shown = answered ?? results[0]!;
    return {
      input,
      line,
      outcome: answered ? 'not-hub' : 'unreachable',
      hub: null,
      message:
        results.length > 1 && !answered
          ? results.map((r) => explain(host, r.port, r.probe)).join('; ')
          : explain(host, shown.port, shown.probe),
    };
  }
  const known = merged.get(host) ?? [];
  for (const ep of endpoints) addEndpoint(known, ep);
  merged.set(host, known);
  const earlier = firstLine.get(host);
  if (earlier === undefined) firstLine.set(host, line);
  return {
    input,
    line,
    outcome: 'hub',
    hub: { address: host, endpoints: [...endpoints].sort((a, b) => a.port - b.port) },
    message: earlier !== undefined ? `Same hub as line ${earlier}; merged into one entry.` : null,
  };
}
