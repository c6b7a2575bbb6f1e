import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeviceReader, type DeviceReaderDeps } from '../../electron/core/devices/device-reader';
import type { AllDevices } from '../../electron/core/devices/read-all-devices';
import type { StoredDevices } from '../../electron/core/store/schemas';
import type { HubDevices, ManagedDevice } from '../../electron/shared/devices';
import { fail, ok, type Result } from '../../electron/shared/errors';
import { silentLog } from '../../electron/core/app/log';

const device = (serial: string, upgrading = false): ManagedDevice => ({
  serial,
  name: null,
  model: 'Ultra Encode HDMI',
  firmwareVersion: '1.0',
  hardwareVersion: null,
  online: true,
  warnings: 0,
  appliedAt: null,
  upgrade: upgrading ? { uploading: true, uploadPosition: 10, step: null, result: null } : null,
});

const EVERY = 60_000;
const FAST = 2_000;

function setup(opts: { scope?: string[]; stored?: Record<string, StoredDevices>; concurrency?: number } = {}) {
  const scope = new Set(opts.scope ?? ['h1']);
  const reads: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const answers = new Map<string, () => Result<AllDevices>>();
  const statusAt = new Map<string, string>();
  const written: string[] = [];
  const deps: DeviceReaderDeps = {
    read: async (hubId) => {
      reads.push(hubId);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 100));
      inFlight--;
      const answer = answers.get(hubId);
      return answer
        ? answer()
        : ok({ devices: [device(`${hubId}-1`)], truncated: false, truncatedBecause: null, pages: 1 });
    },
    store: {
      readDevices: async (hubId) => ok(opts.stored?.[hubId] ?? null),
      writeDevices: async (hubId) => {
        written.push(hubId);
        return ok(undefined);
      },
    },
    inScope: () => [...scope],
    knownHubs: () => ['h1', 'h2', 'h3'],
    isOffline: () => false,
    lastStatusAt: (hubId) => statusAt.get(hubId) ?? null,
    config: { devicesEveryMs: EVERY, devicesUpgradeEveryMs: FAST },
    log: silentLog,
    concurrency: opts.concurrency,
    scopeCheckMs: 1000,
  };
  const reader = new DeviceReader(deps);
  const events: HubDevices[] = [];
  reader.onChange((d) => events.push(d));
  return { reader, reads, scope, answers, statusAt, written, events, maxInFlight: () => maxInFlight };
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('DeviceReader', () => {
  it('reads hubs entering the visit scope, a few at a time, then only at the slow interval', async () => {
    const t = setup({ scope: ['h1', 'h2', 'h3'], concurrency: 2 });
    t.reader.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.reads.sort()).toEqual(['h1', 'h2', 'h3']);
    expect(t.maxInFlight()).toBe(2);
    await vi.advanceTimersByTimeAsync(EVERY - 2000);
    expect(t.reads).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(2000);
    expect(t.reads).toHaveLength(6);
    expect(t.events.at(-1)).toMatchObject({ stale: false, error: null, upgrading: false });
    t.reader.stop();
  });

  it('never reads a hub outside the scope; leaving the scope keeps the list as stale', async () => {
    const t = setup({ scope: ['h1'] });
    t.reader.start();
    t.reader.refresh('h2');
    await vi.advanceTimersByTimeAsync(500);
    expect(t.reads).toEqual(['h1']);
    t.scope.delete('h1');
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.events.at(-1)).toMatchObject({
      hubId: 'h1',
      stale: true,
      devices: [expect.objectContaining({ serial: 'h1-1' })],
    });
    await vi.advanceTimersByTimeAsync(EVERY * 2);
    expect(t.reads).toEqual(['h1']);
    t.reader.stop();
  });

  it('reads every few seconds while a device is upgrading, then back to the slow interval', async () => {
    const t = setup();
    let upgrading = true;
    t.answers.set('h1', () =>
      ok({ devices: [device('d', upgrading)], truncated: false, truncatedBecause: null, pages: 1 }),
    );
    t.reader.start();
    await vi.advanceTimersByTimeAsync(FAST * 3 + 500);
    expect(t.reads.length).toBeGreaterThanOrEqual(4);
    expect(t.events.at(-1)?.upgrading).toBe(true);
    upgrading = false;
    await vi.advanceTimersByTimeAsync(FAST + 200);
    const ended = t.reads.length;
    expect(t.events.at(-1)?.upgrading).toBe(false);
    await vi.advanceTimersByTimeAsync(EVERY - 1000);
    expect(t.reads.length).toBe(ended);
    t.reader.stop();
  });

  it('a failed read keeps the last list, marked stale with the error; lists come from the store first', async () => {
    const stored: StoredDevices = {
      schema: 1,
      hubId: 'h1',
      asOf: '2025-12-31T00:00:00.000Z',
      devices: [device('old')],
      truncated: false,
    };
    const t = setup({ stored: { h1: stored } });
    expect(await t.reader.list(['h1', 'h2'])).toEqual([
      expect.objectContaining({ hubId: 'h1', asOf: stored.asOf, stale: true, devices: stored.devices }),
      expect.objectContaining({ hubId: 'h2', asOf: null, devices: null, stale: false }),
    ]);
    t.answers.set('h1', () => fail('NOT_PERMITTED', 'This account cannot list devices'));
    t.reader.start();
    await vi.advanceTimersByTimeAsync(500);
    expect(t.events.at(-1)).toMatchObject({
      hubId: 'h1',
      stale: true,
      devices: stored.devices,
      error: { code: 'NOT_PERMITTED' },
    });
    t.reader.stop();
  });

  it('after a read failed for want of a session, reads again once the monitor reads the hub', async () => {
    const t = setup();
    t.answers.set('h1', () => fail('AUTH_FAILED', 'no password yet'));
    t.reader.start();
    await vi.advanceTimersByTimeAsync(500);
    expect(t.reads).toHaveLength(1);
    t.answers.delete('h1');
    // No status success since: no retry, however long.
    await vi.advanceTimersByTimeAsync(20_000);
    expect(t.reads).toHaveLength(1);
    t.statusAt.set('h1', new Date(Date.now()).toISOString());
    await vi.advanceTimersByTimeAsync(1500);
    expect(t.reads).toHaveLength(2);
    expect(t.events.at(-1)).toMatchObject({ error: null, stale: false });
    t.reader.stop();
  });

  it('writes every read to the store (its time is the last read), but an unchanged list during an upgrade only now and then', async () => {
    const t = setup();
    t.reader.start();
    await vi.advanceTimersByTimeAsync(500);
    t.reader.refresh('h1');
    await vi.advanceTimersByTimeAsync(500);
    expect(t.reads).toHaveLength(2);
    expect(t.written).toHaveLength(2);
    t.answers.set('h1', () => ok({ devices: [device('d', true)], truncated: false, truncatedBecause: null, pages: 1 }));
    t.reader.refresh('h1');
    await vi.advanceTimersByTimeAsync(FAST * 5);
    expect(t.reads.length).toBeGreaterThanOrEqual(7);
    expect(t.written).toHaveLength(3);
    t.reader.stop();
  });

  it('stop() ends every timer: no read afterwards', async () => {
    const t = setup();
    t.reader.start();
    await vi.advanceTimersByTimeAsync(500);
    t.reader.stop();
    t.reader.refresh('h1');
    await vi.advanceTimersByTimeAsync(EVERY * 3);
    expect(t.reads).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
