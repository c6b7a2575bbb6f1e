import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweep } from '../../electron/core/discovery/sweep';
import { sweepResultSchema, type SweepProgress } from '../../electron/shared/discovery';
import { startHub, type SimulatedHub } from '../simulator';
import { startFakeHost, type FakeHost } from './discovery-fake-hosts';

// This file's own fake subnet: 127.31.1.0/24, fixed high ports (every address of a sweep is
// probed on the same ports). Nothing outside 127.0.0.0/8 is ever addressed.
const NET = '127.31.1';
const HTTP_PORT = 18080; // plain HTTP first
const TLS_PORT = 18443; // TLS first (passed as tlsPorts)
// The product's own connect and probe timeouts (SWEEP_DEFAULTS), not tighter ones: the hubs and
// fake hosts answer from this test's own event loop, so under load a probe's wall-clock deadline
// covers both ends of every TLS handshake and the test's CPU share. With 800 ms, 4 sweeps in 5
// missed every TLS endpoint at load ~10 on 2 cores; the silent hosts cost ~1 s more instead.
const OPTIONS = { ports: [HTTP_PORT, TLS_PORT], tlsPorts: [TLS_PORT] };

const hubs: Record<string, SimulatedHub> = {};
const fakes: FakeHost[] = [];

beforeAll(async () => {
  const start = async (name: string, options: Parameters<typeof startHub>[0]) => {
    hubs[name] = await startHub(options);
  };
  await Promise.all([
    start('http', { host: `${NET}.2`, port: HTTP_PORT }),
    start('https', { host: `${NET}.3`, port: TLS_PORT, https: true }),
    // One hub on both ports: one hub, two endpoints.
    start('dualHttp', { host: `${NET}.4`, port: HTTP_PORT }),
    start('dualHttps', { host: `${NET}.4`, port: TLS_PORT, https: true }),
    start('legacy', { host: `${NET}.5`, port: HTTP_PORT, resultFamily: 'legacy' }),
    // Answers 401 to the status call; the wrong-password login confirms it.
    start('unauthorized', { host: `${NET}.6`, port: HTTP_PORT }),
    // Hubs on each other's usual port: HTTPS where plain HTTP is tried first and vice versa.
    start('httpsOnPlainPort', { host: `${NET}.7`, port: HTTP_PORT, https: true }),
    start('httpOnTlsPort', { host: `${NET}.8`, port: TLS_PORT }),
  ]);
  hubs.unauthorized!.injectFault({ kind: 'http401', paths: ['/api/update/status'] });
  fakes.push(
    ...(await Promise.all([
      startFakeHost({ host: `${NET}.20`, port: HTTP_PORT, kind: 'web' }),
      startFakeHost({ host: `${NET}.21`, port: HTTP_PORT, kind: 'login-page' }),
      startFakeHost({ host: `${NET}.22`, port: HTTP_PORT, kind: 'json-api' }),
      startFakeHost({ host: `${NET}.23`, port: HTTP_PORT, kind: 'basic-auth' }),
      startFakeHost({ host: `${NET}.24`, port: TLS_PORT, kind: 'json-403', https: true }),
      startFakeHost({ host: `${NET}.25`, port: TLS_PORT, kind: 'login-page', https: true }),
      startFakeHost({ host: `${NET}.26`, port: HTTP_PORT, kind: 'silent' }),
      startFakeHost({ host: `${NET}.27`, port: TLS_PORT, kind: 'tls-silent' }),
      startFakeHost({ host: `${NET}.9`, port: HTTP_PORT, kind: 'hub-401-hangs-up' }),
      // A web server next to a hub's port on the same address: the hub keeps one endpoint.
      startFakeHost({ host: `${NET}.2`, port: TLS_PORT, kind: 'web', https: true }),
    ])),
  );
});

afterAll(async () => {
  await Promise.all([...Object.values(hubs), ...fakes].map((h) => h.stop()));
});

describe('sweep of a fake loopback /24', () => {
  it('finds exactly the hubs, with their endpoints and certificate fingerprints, and classifies the rest', async () => {
    const progress: SweepProgress[] = [];
    const announced: string[] = [];
    const outcome = await sweep(`${NET}.0/24`, {
      ...OPTIONS,
      onProgress: (p) => progress.push(p),
      onHub: (h) => announced.push(h.address),
    });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.value.cancelled).toBe(false);
    const result = outcome.value.result;
    expect(sweepResultSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({ target: `${NET}.0/24`, ports: [HTTP_PORT, TLS_PORT], scanned: 254 });

    expect(result.hubs).toEqual([
      { address: `${NET}.2`, endpoints: [{ scheme: 'http', port: HTTP_PORT, fingerprint: null }] },
      {
        address: `${NET}.3`,
        endpoints: [{ scheme: 'https', port: TLS_PORT, fingerprint: hubs.https!.certFingerprint }],
      },
      {
        address: `${NET}.4`,
        endpoints: [
          { scheme: 'http', port: HTTP_PORT, fingerprint: null },
          { scheme: 'https', port: TLS_PORT, fingerprint: hubs.dualHttps!.certFingerprint },
        ],
      },
      { address: `${NET}.5`, endpoints: [{ scheme: 'http', port: HTTP_PORT, fingerprint: null }] },
      { address: `${NET}.6`, endpoints: [{ scheme: 'http', port: HTTP_PORT, fingerprint: null }] },
      {
        address: `${NET}.7`,
        endpoints: [{ scheme: 'https', port: HTTP_PORT, fingerprint: hubs.httpsOnPlainPort!.certFingerprint }],
      },
      { address: `${NET}.8`, endpoints: [{ scheme: 'http', port: TLS_PORT, fingerprint: null }] },
      { address: `${NET}.9`, endpoints: [{ scheme: 'http', port: HTTP_PORT, fingerprint: null }] },
    ]);
    expect(hubs.https!.certFingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);

    expect(result.others).toEqual([
      { address: `${NET}.2`, port: TLS_PORT, kind: 'web' },
      { address: `${NET}.20`, port: HTTP_PORT, kind: 'web' },
      { address: `${NET}.21`, port: HTTP_PORT, kind: 'web' },
      { address: `${NET}.22`, port: HTTP_PORT, kind: 'web' },
      { address: `${NET}.23`, port: HTTP_PORT, kind: 'web' },
      { address: `${NET}.24`, port: TLS_PORT, kind: 'web' },
      { address: `${NET}.25`, port: TLS_PORT, kind: 'web' },
      { address: `${NET}.26`, port: HTTP_PORT, kind: 'silent' },
      { address: `${NET}.27`, port: TLS_PORT, kind: 'tls' },
    ]);

    // The hub behind 401 was confirmed by a login with a user name no hub has, never 'Admin'.
    const login = hubs.unauthorized!.requests.find((r) => r.path === '/api/login');
    expect(login?.method).toBe('POST');
    expect(JSON.parse(login!.body)).toMatchObject({ id: 'hubkeeper-probe' });
    // The status probe carried no cookies.
    const status = hubs.http!.requests.find((r) => r.path === '/api/update/status');
    expect(status?.headers.cookie).toBeUndefined();

    // Progress: monotonic, throttled, ending at 254/254 with every hub counted.
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.length).toBeLessThan(40);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.done).toBeGreaterThanOrEqual(progress[i - 1]!.done);
    expect(progress.at(-1)).toEqual({ done: 254, total: 254, hubsFound: 8, othersFound: 9 });
    expect([...announced].sort()).toEqual(result.hubs.map((h) => h.address).sort());
  });

  it('finds the same with a tiny socket pool (the queue, not the pool size, carries the sweep)', async () => {
    const outcome = await sweep(`${NET}.1-${NET}.9`, { ...OPTIONS, concurrency: 3 });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.value.result.scanned).toBe(9);
    expect(outcome.value.result.hubs.map((h) => h.address)).toEqual([2, 3, 4, 5, 6, 7, 8, 9].map((d) => `${NET}.${d}`));
  });

  it('takes a list of single addresses and ports in any order', async () => {
    const outcome = await sweep(`${NET}.20, ${NET}.3`, { ...OPTIONS, ports: [TLS_PORT, HTTP_PORT] });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.value.result.scanned).toBe(2);
    expect(outcome.value.result.hubs.map((h) => h.address)).toEqual([`${NET}.3`]);
    expect(outcome.value.result.others).toEqual([{ address: `${NET}.20`, port: HTTP_PORT, kind: 'web' }]);
  });

  it('refuses bad targets and options before opening any socket', async () => {
    const cases: [string, Parameters<typeof sweep>[1], RegExp][] = [
      ['127.0.0.0/16', OPTIONS, /covers 65534 addresses; a sweep covers at most 4096/],
      ['127.31.1.0/24x', OPTIONS, /prefix length/],
      ['127.31.1.300', OPTIONS, /four numbers/],
      [`${NET}.0/24`, { ...OPTIONS, ports: [0] }, /port must be a whole number from 1 to 65535/i],
      [`${NET}.0/24`, { ...OPTIONS, ports: [] }, /No ports/],
      [
        `${NET}.0/24`,
        { ...OPTIONS, ports: Array.from({ length: 17 }, (_, i) => 20000 + i) },
        /17 ports given; a sweep probes at most 16/,
      ],
      [`${NET}.0/24`, { ...OPTIONS, concurrency: 0 }, /Concurrency/],
      [`${NET}.0/24`, { ...OPTIONS, probeTimeoutMs: 1.5 }, /probe timeout/],
    ];
    for (const [target, options, message] of cases) {
      const outcome = await sweep(target, options);
      expect(outcome.ok, target).toBe(false);
      if (!outcome.ok) {
        expect(outcome.error.code).toBe('BAD_INPUT');
        expect(outcome.error.message).toMatch(message);
      }
    }
  });
});
