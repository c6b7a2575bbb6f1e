import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweep } from '../../electron/core/discovery/sweep';
import { startHub, type SimulatedHub } from '../simulator';

// Hung hosts and cancellation on this file's own loopback /24: 127.31.2.0/24.
const NET = '127.31.2';
// Ports given by the system to the first listener of each kind, shared by the others (no fixed
// port: two test runs on one machine never collide).
let HTTP_PORT = 0;
let TLS_PORT = 0;
const PROBE_TIMEOUT = 700;

/** Accepts, counts open connections, never answers: a hung host. */
interface Hung {
  server: net.Server;
  open: Set<net.Socket>;
  accepted: number;
  /** How long each connection stayed open until the prober hung up (ms). */
  lifetimes: number[];
}
const hung: Hung[] = [];
let hub: SimulatedHub;

async function startHung(host: string, port: number): Promise<Hung> {
  const entry: Hung = { server: net.createServer(), open: new Set(), accepted: 0, lifetimes: [] };
  entry.server.on('connection', (socket) => {
    const since = Date.now();
    entry.accepted += 1;
    entry.open.add(socket);
    socket.on('error', () => {});
    // Read (and drop) what arrives, so the server notices when the client hangs up.
    socket.resume();
    socket.once('close', () => {
      entry.open.delete(socket);
      entry.lifetimes.push(Date.now() - since);
    });
  });
  await new Promise<void>((resolve) => entry.server.listen({ host, port }, () => resolve()));
  return entry;
}

beforeAll(async () => {
  hub = await startHub({ host: `${NET}.2`, port: 0 });
  HTTP_PORT = hub.port;
  // Five hung hosts, on the plain-first and the TLS-first port: neither may cost two timeouts.
  for (const d of [10, 11, 12]) hung.push(await startHung(`${NET}.${d}`, HTTP_PORT));
  for (const d of [13, 14]) {
    const entry = await startHung(`${NET}.${d}`, TLS_PORT);
    TLS_PORT = (entry.server.address() as net.AddressInfo).port;
    hung.push(entry);
  }
});

afterAll(async () => {
  await hub.stop();
  for (const h of hung) {
    for (const s of h.open) s.destroy();
    await new Promise<void>((resolve) => h.server.close(() => resolve()));
  }
});

/** Once the listeners have their ports. */
const options = () => ({ ports: [HTTP_PORT, TLS_PORT], tlsPorts: [TLS_PORT], connectTimeoutMs: 500 });

/** The server side learns of a hang-up a moment after the client: wait for every close. */
async function waitForClose(): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (hung.some((h) => h.open.size > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

describe('hung hosts', () => {
  it('cost no more than the probe timeout, and are reported as silent', async () => {
    const outcome = await sweep(`${NET}.0/24`, { ...options(), probeTimeoutMs: PROBE_TIMEOUT });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.value.result.hubs.map((h) => h.address)).toEqual([`${NET}.2`]);
    expect(outcome.value.result.others).toEqual([
      { address: `${NET}.10`, port: HTTP_PORT, kind: 'silent' },
      { address: `${NET}.11`, port: HTTP_PORT, kind: 'silent' },
      { address: `${NET}.12`, port: HTTP_PORT, kind: 'silent' },
      { address: `${NET}.13`, port: TLS_PORT, kind: 'silent' },
      { address: `${NET}.14`, port: TLS_PORT, kind: 'silent' },
    ]);
    // Each hung host saw exactly one connection: no retry after a silent timeout.
    for (const h of hung) expect(h.accepted).toBe(1);
    // It was really waited for, but only once: measured on the connection itself (the whole
    // sweep's wall time also counts 500 other connects, which a loaded machine stretches by a
    // second or more — that made this test fail), never two timeouts for a protocol retry.
    await waitForClose();
    for (const h of hung) {
      expect(h.lifetimes).toHaveLength(1);
      // (the server may hear of the connection a little after the prober's timer started)
      expect(h.lifetimes[0]!).toBeGreaterThanOrEqual(PROBE_TIMEOUT - 100);
      expect(h.lifetimes[0]!).toBeLessThan(PROBE_TIMEOUT * 2);
    }
  });
});

describe('cancel', () => {
  it('stops at once, destroys every socket and returns what was found so far', async () => {
    const controller = new AbortController();
    const before = hung.map((h) => h.accepted);
    const pending = sweep(`${NET}.0/24`, {
      ...options(),
      probeTimeoutMs: 15_000,
      signal: controller.signal,
      progressIntervalMs: 10,
      onProgress: (p) => {
        // Everything but the hung hosts settles quickly; then cancel.
        if (p.done >= 249) controller.abort();
      },
    });
    const waitStarted = Date.now();
    const outcome = await pending;
    const cancelledAfter = Date.now() - waitStarted;
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.value.cancelled).toBe(true);
    expect(cancelledAfter).toBeLessThan(3000);
    expect(outcome.value.result.hubs.map((h) => h.address)).toEqual([`${NET}.2`]);
    expect(outcome.value.result.scanned).toBeGreaterThanOrEqual(249);
    expect(outcome.value.result.scanned).toBeLessThan(254);
    expect(hung.map((h, i) => h.accepted - before[i]!)).toEqual([1, 1, 1, 1, 1]);
    // Every hung connection was closed by the client, not left to time out.
    await new Promise((r) => setTimeout(r, 100));
    expect(hung.map((h) => h.open.size)).toEqual([0, 0, 0, 0, 0]);
  });

  it('does nothing when cancelled before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    const before = hung.map((h) => h.accepted);
    const outcome = await sweep(`${NET}.0/24`, { ...options(), signal: controller.signal });
    expect(outcome.ok && outcome.value.cancelled).toBe(true);
    expect(outcome.ok && outcome.value.result.scanned).toBe(0);
    expect(hung.map((h) => h.accepted)).toEqual(before);
  });
});

describe('a throwing callback', () => {
  it.each([0, 50])(
    'ends the sweep as an INTERNAL error with every socket closed, never as an exception (progress every %i ms)',
    async (interval) => {
      let calls = 0;
      const outcome = await sweep(`${NET}.1-20`, {
        ...options(),
        probeTimeoutMs: 5_000,
        // The second event throws: with an interval it comes from the trailing timer.
        onProgress: () => {
          if (++calls === 2) throw new Error('listener bug');
        },
        progressIntervalMs: interval,
      });
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) {
        expect(outcome.error.code).toBe('INTERNAL');
        expect(outcome.error.message).toMatch(/listener bug/);
      }
      await new Promise((r) => setTimeout(r, 100));
      expect(hung.map((h) => h.open.size)).toEqual([0, 0, 0, 0, 0]);
    },
  );
});
