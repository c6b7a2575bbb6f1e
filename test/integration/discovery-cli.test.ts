import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { startHub, type SimulatedHub } from '../simulator';
import { cli } from './cli-harness';
import { startFakeHost, type FakeHost } from './discovery-fake-hosts';

// `hubkeeper scan` against this file's own fake subnet 127.31.4.0/24. The ports are given by the
// system to the first listener of each kind and shared by the others (no fixed port: two test runs
// on one machine never collide).
const NET = '127.31.4';
let HTTP_PORT = 0;
let TLS_PORT = 0;
let plain: SimulatedHub;
let secure: SimulatedHub;
let web: FakeHost;

beforeAll(async () => {
  plain = await startHub({ host: `${NET}.2`, port: 0 });
  HTTP_PORT = plain.port;
  secure = await startHub({ host: `${NET}.3`, port: 0, https: true });
  TLS_PORT = secure.port;
  web = await startFakeHost({ host: `${NET}.9`, port: HTTP_PORT, kind: 'web' });
});
afterAll(async () => {
  await Promise.all([plain.stop(), secure.stop(), web.stop()]);
});

// --timeout is only ever spent on a host that accepts and never answers; this subnet has none,
// so a generous one costs nothing and keeps a TLS handshake on a loaded machine from counting
// as silent (it did once with 0.8 s).
describe('hubkeeper scan', () => {
  it('--json prints exactly the documented object', async () => {
    // TLS_PORT is not a usual HTTPS port, so this also shows the probe finding TLS by itself.
    const run = await cli(['scan', `${NET}.0/24`, '--ports', `${HTTP_PORT},${TLS_PORT}`, '--json', '--timeout', '5']);
    expect(run.code).toBe(0);
    const result = run.json<Record<string, unknown>>();
    expect(Object.keys(result)).toEqual(['target', 'ports', 'scanned', 'elapsedMs', 'hubs', 'others']);
    expect(result).toEqual({
      target: `${NET}.0/24`,
      ports: [HTTP_PORT, TLS_PORT],
      scanned: 254,
      elapsedMs: expect.any(Number),
      hubs: [
        { address: `${NET}.2`, endpoints: [{ scheme: 'http', port: HTTP_PORT, fingerprint: null }] },
        { address: `${NET}.3`, endpoints: [{ scheme: 'https', port: TLS_PORT, fingerprint: secure.certFingerprint }] },
      ],
      others: [{ address: `${NET}.9`, port: HTTP_PORT, kind: 'web' }],
    });
    // The live progress line went to stderr, ending at the full count.
    expect(run.err).toMatch(
      new RegExp(`scanning ${NET.replace(/\./g, '\\.')}\\.0/24: 254/254 addresses, 2 hubs found\\n$`),
    );
  });

  it('prints a readable summary without --json', async () => {
    const run = await cli(['scan', `${NET}.1-9`, '--ports', `${HTTP_PORT} ${TLS_PORT}`, '--timeout', '5']);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`Scanned 9 addresses of ${NET}.1-9 on ports ${HTTP_PORT}, ${TLS_PORT}`);
    expect(run.out).toContain(`http://${NET}.2:${HTTP_PORT}`);
    expect(run.out).toContain(`https://${NET}.3:${TLS_PORT}`);
    expect(run.out).toContain(secure.certFingerprint!);
    expect(run.out).toMatch(new RegExp(`${NET.replace(/\./g, '\\.')}\\.9:${HTTP_PORT}\\s+web server, not a hub`));
  });

  it('rejects bad targets and options with exit code 2 and says why', async () => {
    const tooBig = await cli(['scan', '127.31.0.0/16', '--json']);
    expect(tooBig.code).toBe(2);
    expect(tooBig.out).toBe('');
    expect(tooBig.err).toMatch(
      /error BAD_INPUT: "127\.31\.0\.0\/16" covers 65534 addresses; a sweep covers at most 4096/,
    );
    const badPorts = await cli(['scan', `${NET}.0/24`, '--ports', '80,http']);
    expect(badPorts.code).toBe(2);
    expect(badPorts.err).toMatch(/"http" is not a port/);
    const badTarget = await cli(['scan', `${NET}.0/33`]);
    expect(badTarget.code).toBe(2);
    expect(badTarget.err).toMatch(/prefix length/);
  });

  it('refuses a public, multicast or unspecified target without --allow-public (exit 2, no socket)', async () => {
    // net.connect stubbed to refuse at once: even a broken guard could send nothing from here.
    const connects = vi.spyOn(net, 'connect').mockImplementation((() => {
      const socket = new net.Socket();
      process.nextTick(() => socket.destroy(Object.assign(new Error('stubbed'), { code: 'ECONNREFUSED' })));
      return socket;
    }) as typeof net.connect);
    onTestFinished(() => connects.mockRestore());
    for (const target of ['8.8.8.0/24', '224.0.0.1', '0.0.0.0/20']) {
      const run = await cli(['scan', target, '--json']);
      expect(run.code, target).toBe(2);
      expect(run.out).toBe('');
      expect(run.err).toMatch(/error NOT_PERMITTED: .*--allow-public/);
    }
    expect(connects).not.toHaveBeenCalled();

    const allowed = await cli(['scan', '8.8.8.0/30', '--allow-public', '--ports', '80', '--json']);
    expect(allowed.code).toBe(0);
    expect(allowed.json()).toMatchObject({ target: '8.8.8.0/30', scanned: 2, hubs: [], others: [] });
    expect(connects).toHaveBeenCalledTimes(2);
  });
});
