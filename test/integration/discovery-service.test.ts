import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscoveryService } from '../../electron/core/discovery';
import type { DiscoveredHub, SweepProgress } from '../../electron/shared/discovery';
import { startHub, type SimulatedHub } from '../simulator';

// The DiscoveryPort the app's dispatcher uses, on this file's own loopback range 127.31.5.0/24.
const NET = '127.31.5';
/** The simulated hub's port, given by the system (no fixed port: two runs on one machine never collide). */
let PORT = 0;
let hub: SimulatedHub;
const service = createDiscoveryService({ probeTimeoutMs: 600, connectTimeoutMs: 400 });

beforeAll(async () => {
  hub = await startHub({ host: `${NET}.7`, port: 0 });
  PORT = hub.port;
});
afterAll(async () => {
  await hub.stop();
});

describe('createDiscoveryService', () => {
  it('counts a target without scanning it, and refuses bad ones', () => {
    expect(service.count(`${NET}.0/24`, undefined)).toEqual({ ok: true, value: { total: 254 } });
    expect(service.count(`${NET}.10-20`, [80])).toEqual({ ok: true, value: { total: 11 } });
    for (const [target, ports] of [
      ['127.0.0.0/8', undefined],
      ['nonsense', undefined],
      [`${NET}.0/24`, [0]],
      [`${NET}.0/24`, []],
    ] as const) {
      const r = service.count(target, ports);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('BAD_INPUT');
    }
  });

  it('sweeps with progress and hub callbacks', async () => {
    const progress: SweepProgress[] = [];
    const hubs: DiscoveredHub[] = [];
    const r = await service.sweep(`${NET}.0/24`, [PORT], {
      signal: new AbortController().signal,
      onProgress: (p) => progress.push(p),
      onHub: (h) => hubs.push(h),
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.cancelled).toBe(false);
    expect(r.value.result.hubs).toEqual([
      { address: `${NET}.7`, endpoints: [{ scheme: 'http', port: PORT, fingerprint: null }] },
    ]);
    expect(hubs).toEqual(r.value.result.hubs);
    expect(progress.at(-1)).toEqual({ done: 254, total: 254, hubsFound: 1, othersFound: 0 });
  });

  it('adds by hand', async () => {
    const r = await service.manual(`${NET}.7:${PORT}\n${NET}.7:${PORT}`, new AbortController().signal);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.hubs).toEqual([
      { address: `${NET}.7`, endpoints: [{ scheme: 'http', port: PORT, fingerprint: null }] },
    ]);
  });

  it('offers the machine subnets without scanning them', () => {
    expect(Array.isArray(service.interfaces())).toBe(true);
  });
});
