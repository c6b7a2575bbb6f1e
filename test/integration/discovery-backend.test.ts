import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runScan } from '../../electron/cli/commands/scan';
import type { CliIo } from '../../electron/cli/io';
import type { Backend } from '../../electron/core/app/backend';
import { createDiscoveryService } from '../../electron/core/discovery/discovery-service';
import type { EventChannel, EventPayload } from '../../electron/shared/contract';
import { startHub, type SimulatedHub } from '../simulator';
import { openTestBackend } from './backend-harness';
import { waitFor } from './monitor-harness';

// Production runs the discovery the tests test (issue 12): the backend's DiscoveryPort is the
// one createDiscoveryService builds (spied on, not replaced), a sweep through the backend's
// dispatcher is that service's sweep, and `hubkeeper scan` sweeps through the same service. Hubs on this file's own addresses, 127.0.173.x.
vi.mock('../../electron/core/discovery/discovery-service', async (importOriginal) => {
  const real = await importOriginal<{ createDiscoveryService: typeof createDiscoveryService }>();
  return { ...real, createDiscoveryService: vi.fn(real.createDiscoveryService) };
});

const CTX = { clientId: 'sweeper' };
const opened: { backend: Backend; dir: string }[] = [];
const hubs: SimulatedHub[] = [];
afterEach(async () => {
  for (const { backend, dir } of opened.splice(0)) {
    await backend.stop();
    await rm(dir, { recursive: true, force: true });
  }
  await Promise.all(hubs.splice(0).map((h) => h.stop()));
});

async function backend(): Promise<Backend> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hk-discovery-backend-'));
  const { backend } = await openTestBackend(dir, { startMonitor: false });
  opened.push({ backend, dir });
  return backend;
}

describe('discovery through the backend', () => {
  it('is the discovery service', async () => {
    const spy = vi.mocked(createDiscoveryService);
    spy.mockClear();
    const b = await backend();
    expect(spy).toHaveBeenCalledTimes(1);
    // The backend logs sweeps around the service (event-log.ts withSweepLog); everything else is
    // the service's own methods, and a sweep still runs through it.
    const service = spy.mock.results[0]!.value as ReturnType<typeof createDiscoveryService>;
    for (const method of ['interfaces', 'count', 'manual'] as const)
      expect(b.services.discovery[method]).toBe(service[method]);
    const sweep = vi.spyOn(service, 'sweep');
    await b.services.discovery.sweep('127.0.173.9', [80], {
      signal: AbortSignal.abort(),
      onProgress: () => {},
      onHub: () => {},
    });
    expect(sweep).toHaveBeenCalledTimes(1);
  });

  it('validates the ports when counting a target, as the DiscoveryPort promises', async () => {
    const { discovery } = (await backend()).services;
    expect(discovery.count('127.0.173.1-4', [80, 8080])).toEqual({ ok: true, value: { total: 4 } });
    const seventeen = Array.from({ length: 17 }, (_, i) => 8000 + i);
    for (const ports of [[], [0], [80, 70_000], seventeen]) {
      const counted = discovery.count('127.0.173.1-4', ports);
      expect(counted, JSON.stringify(ports)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
  });

  it('discovery:start over N addresses and two ports: total N, progress to N of N, hubs on both ports', async () => {
    const [a, b] = await Promise.all([
      startHub({ host: '127.0.173.2', port: 0, scenario: 'idle' }),
      startHub({ host: '127.0.173.3', port: 0, scenario: 'idle' }),
    ]);
    hubs.push(a!, b!);
    const back = await backend();
    const events: { event: EventChannel; payload: unknown }[] = [];
    back.dispatcher.connect({
      id: CTX.clientId,
      send: <E extends EventChannel>(event: E, payload: EventPayload<E>) => void events.push({ event, payload }),
    });
    const started = await back.dispatcher.invoke(
      'discovery:start',
      { target: '127.0.173.1-5', ports: [a!.port, b!.port] },
      CTX,
    );
    expect(started).toMatchObject({ ok: true, value: { total: 5 } });
    await waitFor(() => events.some((e) => e.event === 'discovery:finished'), 20_000, 'the sweep to finish');
    const finished = events.find((e) => e.event === 'discovery:finished')!
      .payload as EventPayload<'discovery:finished'>;
    expect(finished.outcome).toBe('done');
    const progress = events.filter((e) => e.event === 'discovery:progress').at(-1)!.payload;
    expect(progress).toMatchObject({ done: 5, total: 5, hubsFound: 2 });
    expect(finished.result!.hubs.map((h) => [h.address, h.endpoints.map((e) => e.port)]).sort()).toEqual([
      ['127.0.173.2', [a!.port]],
      ['127.0.173.3', [b!.port]],
    ]);
  }, 30_000);

  it('hubkeeper scan sweeps through the same service', async () => {
    const hub = await startHub({ host: '127.0.173.5', port: 0, scenario: 'idle' });
    hubs.push(hub);
    const spy = vi.mocked(createDiscoveryService);
    spy.mockClear();
    let out = '';
    // The scan logs its sweep to the data folder's cli.log: a test folder, not the checkout.
    const dataDir = await mkdtemp(path.join(tmpdir(), 'hk-discovery-scan-'));
    const io: CliIo = {
      out: (s) => void (out += s),
      err: () => {},
      env: { HUBKEEPER_DATA_DIR: dataDir },
      stdin: new PassThrough(),
      isTty: false,
      setExitCode: () => {},
    };
    expect(await runScan('127.0.173.4-6', { ports: [hub.port], json: true }, io)).toBe(0);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(JSON.parse(out)).toMatchObject({ scanned: 3, hubs: [{ address: '127.0.173.5' }] });
    await rm(dataDir, { recursive: true, force: true });
  }, 30_000);
});
