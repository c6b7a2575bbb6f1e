import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PollScheduler } from '../../electron/core/monitor/scheduler';
import { MinHeap } from '../../electron/core/monitor/min-heap';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A run that takes `durationMs` (fake time) and asks for `nextMs`; records starts and overlap. */
function recorder(durationMs: number | ((key: string) => number), nextMs: number | ((key: string) => number)) {
  const starts: Array<{ key: string; at: number }> = [];
  const active = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  let maxPerKey = 0;
  const run = async (key: string): Promise<number> => {
    starts.push({ key, at: Date.now() });
    inFlight += 1;
    active.set(key, (active.get(key) ?? 0) + 1);
    maxInFlight = Math.max(maxInFlight, inFlight);
    maxPerKey = Math.max(maxPerKey, active.get(key)!);
    const d = typeof durationMs === 'function' ? durationMs(key) : durationMs;
    await new Promise((r) => setTimeout(r, d));
    inFlight -= 1;
    active.set(key, active.get(key)! - 1);
    return typeof nextMs === 'function' ? nextMs(key) : nextMs;
  };
  return {
    run,
    starts,
    stats: () => ({ maxInFlight, maxPerKey }),
    startsOf: (k: string) => starts.filter((s) => s.key === k).map((s) => s.at),
  };
}

describe('MinHeap', () => {
  it('pops in due order', () => {
    const h = new MinHeap();
    const dues = Array.from({ length: 200 }, (_, i) => (i * 7919) % 503);
    dues.forEach((d, i) => h.push({ dueAt: d, key: String(i), gen: 0 }));
    const out: number[] = [];
    for (let x = h.pop(); x; x = h.pop()) out.push(x.dueAt);
    expect(out).toEqual([...dues].sort((a, b) => a - b));
  });
});

describe('PollScheduler', () => {
  it('chains timeouts: the next run starts `delay` after the previous one finished, one per key', async () => {
    const r = recorder(300, 1000);
    const s = new PollScheduler({ concurrency: 4, run: r.run });
    s.add('a');
    await vi.advanceTimersByTimeAsync(5000);
    expect(r.startsOf('a')).toEqual([0, 1300, 2600, 3900]);
    expect(r.stats().maxPerKey).toBe(1);
    s.stop();
  });

  it('uses no interval timer and keeps a single timer armed for many keys', async () => {
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval');
    const s = new PollScheduler({ concurrency: 8, run: async (key) => 500 + Number(key) * 37 });
    for (let i = 0; i < 100; i += 1) s.add(String(i), i * 11);
    await vi.advanceTimersByTimeAsync(3000);
    expect(vi.getTimerCount()).toBe(1);
    expect(setIntervalSpy).not.toHaveBeenCalled();
    s.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never exceeds the global concurrency cap and serves waiting keys in due order', async () => {
    const r = recorder(100, 10_000);
    const s = new PollScheduler({ concurrency: 3, run: r.run });
    for (let i = 0; i < 10; i += 1) s.add(`k${i}`);
    await vi.advanceTimersByTimeAsync(450);
    expect(r.stats().maxInFlight).toBe(3);
    expect(r.starts.map((x) => x.key)).toEqual(Array.from({ length: 10 }, (_, i) => `k${i}`));
    expect(r.starts.map((x) => x.at)).toEqual([0, 0, 0, 100, 100, 100, 200, 200, 200, 300]);
    s.setConcurrency(10);
    s.stop();
  });

  it('a slow key never delays the others beyond the cap', async () => {
    const r = recorder((k) => (k === 'slow' ? 10_000 : 10), 1000);
    const s = new PollScheduler({ concurrency: 2, run: r.run });
    s.add('slow');
    s.add('fast');
    await vi.advanceTimersByTimeAsync(5000);
    expect(r.startsOf('slow')).toEqual([0]);
    expect(r.startsOf('fast').length).toBe(5);
    s.stop();
  });

  it('pauses and resumes one key and all keys', async () => {
    const r = recorder(0, 1000);
    const s = new PollScheduler({ concurrency: 4, run: r.run });
    s.add('a');
    s.add('b');
    await vi.advanceTimersByTimeAsync(100);
    s.pause('a');
    expect(s.isPaused('a')).toBe(true);
    await vi.advanceTimersByTimeAsync(3000);
    expect(r.startsOf('a')).toEqual([0]);
    expect(r.startsOf('b').length).toBe(4);
    s.resume('a');
    await vi.advanceTimersByTimeAsync(0);
    expect(r.startsOf('a')).toEqual([0, 3100]);

    s.pauseAll();
    const before = r.starts.length;
    await vi.advanceTimersByTimeAsync(5000);
    expect(r.starts.length).toBe(before);
    expect(vi.getTimerCount()).toBe(0);
    s.resumeAll();
    await vi.advanceTimersByTimeAsync(0);
    expect(r.starts.length).toBe(before + 2);
    s.stop();
  });

  it('refresh now runs a waiting key at once, re-runs a running key right after, and runs a paused key once', async () => {
    const r = recorder(200, 10_000);
    const s = new PollScheduler({ concurrency: 4, run: r.run });
    s.add('a');
    await vi.advanceTimersByTimeAsync(1000);
    s.runNow('a');
    await vi.advanceTimersByTimeAsync(0);
    expect(r.startsOf('a')).toEqual([0, 1000]);
    s.runNow('a'); // while running
    s.runNow('a');
    await vi.advanceTimersByTimeAsync(500);
    expect(r.startsOf('a')).toEqual([0, 1000, 1200]);
    expect(r.stats().maxPerKey).toBe(1);

    s.pause('a');
    await vi.advanceTimersByTimeAsync(1000);
    s.runNow('a');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(r.startsOf('a')).toEqual([0, 1000, 1200, 2500]);
    expect(s.isPaused('a')).toBe(true);

    s.resume('a');
    s.pauseAll();
    await vi.advanceTimersByTimeAsync(30_000);
    const n = r.startsOf('a').length;
    s.runNow('a');
    await vi.advanceTimersByTimeAsync(100);
    expect(r.startsOf('a').length).toBe(n + 1);
    s.stop();
  });

  it('removing a key while it runs ends its chain', async () => {
    const r = recorder(500, 100);
    const s = new PollScheduler({ concurrency: 4, run: r.run });
    s.add('a');
    await vi.advanceTimersByTimeAsync(100);
    s.remove('a');
    await vi.advanceTimersByTimeAsync(5000);
    expect(r.startsOf('a')).toEqual([0]);
    expect(s.has('a')).toBe(false);
    expect(s.inFlight).toBe(0);
  });

  it('keeps the chain alive when a run throws', async () => {
    let n = 0;
    const s = new PollScheduler({
      concurrency: 1,
      errorDelayMs: 700,
      run: async () => {
        n += 1;
        throw new Error('boom');
      },
    });
    s.add('a');
    await vi.advanceTimersByTimeAsync(1500);
    expect(n).toBe(3);
    s.stop();
  });

  it('wakes the owner at the time it asks for', async () => {
    const wakes: number[] = [];
    const s = new PollScheduler({
      concurrency: 1,
      run: async () => 60_000,
      onWake: (now) => {
        wakes.push(now);
        return wakes.length < 3 ? now + 250 : null;
      },
    });
    s.wakeAt(1000);
    await vi.advanceTimersByTimeAsync(5000);
    expect(wakes).toEqual([1000, 1250, 1500]);
    s.stop();
  });
});
