import { describe, expect, it, vi } from 'vitest';
import { stopMonitoring, type MonitoringParts } from '../../electron/core/monitor/stop-monitoring';
import { settleWithin, timeBudget } from '../../electron/core/time-budget';

// The shared stop of the monitoring stack (app, preview, `hubkeeper watch`): bounded whatever
// the disk and the hubs do. Fakes stand for the parts; the real ones are in stop-bound.test.ts.
const never = () => new Promise<void>(() => {});

function parts(overrides: Partial<Record<keyof MonitoringParts, () => Promise<void>>> = {}) {
  const order: string[] = [];
  const step = (name: string, fn?: () => Promise<void>) =>
    vi.fn(async () => {
      order.push(name);
      await (fn ?? (async () => {}))();
    });
  const closeAll = vi.fn(async (_logout?: boolean, _withinMs?: number) => {
    order.push('pool');
    await (overrides.pool ?? (async () => {}))();
  });
  return {
    order,
    parts: {
      monitor: { stop: step('monitor', overrides.monitor) },
      recorder: { stop: step('recorder', overrides.recorder) },
      store: { flush: step('store', overrides.store) },
      pool: { closeAll },
    } satisfies MonitoringParts,
  };
}

describe('stopMonitoring', () => {
  it('stops polling, flushes the recorder then the store, logs out, and takes no longer than that', async () => {
    const { parts: p, order } = parts();
    const t0 = performance.now();
    expect(await stopMonitoring(p, { withinMs: 5000 })).toEqual({ flushed: true, closed: true });
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(order).toEqual(['monitor', 'recorder', 'pool', 'store']);
    expect(p.pool.closeAll).toHaveBeenCalledWith(true, expect.any(Number));
  });

  it('a slow disk cannot hold it past the bound, and still costs the hubs no logout', async () => {
    const { parts: p } = parts({ recorder: never });
    const slowVisitWrite = never();
    const t0 = performance.now();
    const outcome = await stopMonitoring(p, { withinMs: 400, writes: [slowVisitWrite] });
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(outcome).toEqual({ flushed: false, closed: true });
    const logoutWithin = p.pool.closeAll.mock.calls[0]![1]!;
    expect(logoutWithin).toBeGreaterThan(0);
    expect(logoutWithin).toBeLessThan(400);
  });

  it('polls that never settle and sockets that never close cannot hold it either', async () => {
    const { parts: p } = parts({ monitor: never, pool: never });
    const t0 = performance.now();
    expect(await stopMonitoring(p, { withinMs: 400 })).toEqual({ flushed: true, closed: false });
    expect(performance.now() - t0).toBeLessThan(1500);
  });

  it('waits for the writes the caller started', async () => {
    let written = false;
    const { parts: p } = parts();
    const write = new Promise<void>((resolve) => setTimeout(() => ((written = true), resolve()), 50));
    expect((await stopMonitoring(p, { withinMs: 5000, writes: [write] })).flushed).toBe(true);
    expect(written).toBe(true);
  });
});

describe('settleWithin / timeBudget', () => {
  it('tells whether the work settled in time, a rejection included, and never rejects', async () => {
    expect(await settleWithin(Promise.resolve(1), 100)).toBe(true);
    expect(await settleWithin(Promise.reject(new Error('disk full')), 100)).toBe(true);
    expect(await settleWithin(never(), 20)).toBe(false);
  });

  it('shares one deadline between steps', async () => {
    let now = 1000;
    const budget = timeBudget(500, () => now);
    expect(budget.left()).toBe(500);
    now += 450;
    expect(budget.left()).toBe(50);
    now += 100;
    expect(budget.left()).toBe(0);
    expect(await budget.settle(never())).toBe(false);
  });
});
