import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addManually } from '../../electron/core/discovery/manual-add';
import { manualAddResultSchema } from '../../electron/shared/discovery';
import { startHub, type SimulatedHub } from '../simulator';
import { closedPort, startFakeHost, type FakeHost } from './discovery-fake-hosts';

// Manual add against this file's own loopback addresses 127.31.3.x, random ports.
const NET = '127.31.3';
const OPTIONS = { probeTimeoutMs: 800, connectTimeoutMs: 500 };
let plain: SimulatedHub;
let secure: SimulatedHub;
let web: FakeHost;
let refused: number;

beforeAll(async () => {
  plain = await startHub({ host: `${NET}.2`, port: 0 });
  secure = await startHub({ host: `${NET}.3`, port: 0, https: true });
  web = await startFakeHost({ host: `${NET}.4`, kind: 'login-page' });
  refused = await closedPort(`${NET}.5`);
});

afterAll(async () => {
  await Promise.all([plain.stop(), secure.stop(), web.stop()]);
});

describe('addManually', () => {
  it('validates and probes every entry, merging duplicates into one hub', async () => {
    const text = [
      `${NET}.2:${plain.port}`,
      `https://${NET}.3:${secure.port}, http://${NET}.2:${plain.port}`,
      '# a comment line',
      // No scheme on a non-HTTPS port: the probe finds TLS by itself.
      `${NET}.3:${secure.port}`,
      // The wrong scheme typed: the hub is still found, in the protocol it really speaks.
      `http://${NET}.3:${secure.port}`,
      `${NET}.4:${web.port}`,
      `${NET}.5:${refused}`,
      '10.1',
      `ftp://${NET}.2`,
    ].join('\n');
    const r = await addManually(text, OPTIONS);
    if (!r.ok) throw new Error(r.error.message);
    expect(manualAddResultSchema.parse(r.value)).toEqual(r.value);
    expect(r.value.hubs).toEqual([
      { address: `${NET}.2`, endpoints: [{ scheme: 'http', port: plain.port, fingerprint: null }] },
      { address: `${NET}.3`, endpoints: [{ scheme: 'https', port: secure.port, fingerprint: secure.certFingerprint }] },
    ]);
    expect(r.value.entries.map((e) => [e.line, e.outcome])).toEqual([
      [1, 'hub'],
      [2, 'hub'],
      [2, 'hub'],
      [4, 'hub'],
      [5, 'hub'],
      [6, 'not-hub'],
      [7, 'unreachable'],
      [8, 'invalid'],
      [9, 'invalid'],
    ]);
    const [first, second, third, fourth, , webEntry, refusedEntry, typo, scheme] = r.value.entries;
    expect(first!.message).toBeNull();
    expect(second!.message).toBeNull();
    expect(third!.message).toBe('Same hub as line 1; merged into one entry.');
    expect(fourth!.message).toBe('Same hub as line 2; merged into one entry.');
    expect(fourth!.hub).toEqual({
      address: `${NET}.3`,
      endpoints: [{ scheme: 'https', port: secure.port, fingerprint: secure.certFingerprint }],
    });
    expect(webEntry!.message).toBe(`${NET}.4:${web.port} answers as a web server, but not as a Control Hub`);
    expect(refusedEntry!.message).toMatch(/refused the connection/);
    expect(typo!.message).toMatch(/four numbers/);
    expect(scheme!.message).toMatch(/only http:\/\/ and https:\/\//);
    // Each distinct host:port was probed once, however often it was typed.
    expect(plain.requests.filter((q) => q.path === '/api/update/status')).toHaveLength(1);
  });

  it('probes a bare host on both default ports and explains each when nothing answers', async () => {
    const r = await addManually(`${NET}.99`, OPTIONS);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.hubs).toEqual([]);
    expect(r.value.entries).toHaveLength(1);
    expect(r.value.entries[0]!.outcome).toBe('unreachable');
    expect(r.value.entries[0]!.message).toMatch(new RegExp(`${NET}\\.99:80 refused.*; ${NET}\\.99:443 refused`));
  });

  it('refuses empty input and honours a cancel', async () => {
    const empty = await addManually('  \n ', OPTIONS);
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.error.code).toBe('BAD_INPUT');
    const controller = new AbortController();
    controller.abort();
    const cancelled = await addManually(`${NET}.2:${plain.port}`, { ...OPTIONS, signal: controller.signal });
    expect(cancelled.ok).toBe(false);
    if (!cancelled.ok) expect(cancelled.error.code).toBe('CANCELLED');
  });
});
