import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runWatch } from '../../../electron/cli/commands/watch';
import type { CliIo } from '../../../electron/cli/io';
import { HubClient } from '../../../electron/core/hub/hub-client';
import { isTransportFailure } from '../../../electron/core/tracking/tracker';
import { startHub, type SimulatedHub } from '../../simulator';
import { FAST_TIMING, waitFor } from '../monitor-harness';
import { nginxMissingReason, proxyTo, startNginx, type NginxInstance } from './nginx-server';

/**
 * nginx in front of a hub that restarts or is slow: while the hub's port refuses (its restart
 * after an update) nginx answers 502 Bad Gateway, and when the hub is slower than nginx's
 * proxy_read_timeout it answers 504 Gateway Timeout. Both mean "the hub is not answering", so
 * the update watch must see a restart, not a failed update or a failing hub. 127.0.152.x.
 */
const HOST = '127.0.152.1';
const missing = nginxMissingReason();
if (missing) console.warn(`[skipped] nginx restart tests: ${missing}`);

let dir: string;
const running: Array<{ stop(): Promise<void> }> = [];
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hk-nginx-restart-'));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
  await rm(dir, { recursive: true, force: true });
});

async function hubBehindNginx(
  hubOptions: Parameters<typeof startHub>[0],
  location = '',
): Promise<{ hub: SimulatedHub; nginx: NginxInstance<'front'> }> {
  const hub = await startHub({ host: HOST, port: 0, ...hubOptions });
  running.push(hub);
  const nginx = await startNginx({
    host: HOST,
    ports: ['front'],
    // A short connect timeout: a refused upstream port gives 502 at once either way.
    http: (p) => `server { listen ${HOST}:${p.front}; ${proxyTo(hub.url, `proxy_connect_timeout 2s; ${location}`)} }`,
  });
  running.push(nginx);
  return { hub, nginx };
}

function captureIo(): CliIo & { text: () => string } {
  let out = '';
  return {
    out: (s) => void (out += s),
    err: (s) => void (out += s),
    env: { HUBKEEPER_PASSWORD: 'Admin' },
    stdin: new PassThrough(),
    isTty: false,
    setExitCode: () => {},
    text: () => out,
  };
}

describe.skipIf(missing !== null)('a hub behind nginx that restarts or is slow', () => {
  it('watch follows an update through the restart: nginx’s 502s are the hub being away, then verified', async () => {
    const { hub, nginx } = await hubBehindNginx({
      scenario: 'full-update',
      // The restart notice (0x40) shorter than a poll: the watch learns of the restart from the
      // 502s, as it would from a refused port.
      timing: { ...FAST_TIMING, leadMs: 800, restartNoticeMs: 50, restartMs: 2500 },
    });
    const url = nginx.url('front');
    const io = captureIo();
    const stop = new AbortController();
    const watching = runWatch(
      [url],
      { dataDir: dir, passwordStdin: false, timeout: 2000, busyInterval: 200, idleInterval: 300 },
      io,
      { stop: stop.signal, columns: 0 },
    );
    try {
      await waitFor(
        () => /update (VERIFIED|UNVERIFIED|FAILED)/.test(io.text()),
        30_000,
        // Said when it fails: how far the watch and the hub got (one CI run under heavy load
        // saw no output at all in 30 s).
        () => `the update's end (the hub is ${hub.phase}, ${hub.requests.length} requests reached it): ${io.text()}`,
      );
    } finally {
      stop.abort();
    }
    expect(await watching).toBe(0);
    const text = io.text();
    expect(text).toMatch(/hub offline/);
    expect(text).toMatch(/hub back online/);
    expect(text).toMatch(/update VERIFIED/);
    expect(text).not.toMatch(/failed internally/);

    // The simulator was really reached through nginx during the restart's 502s.
    expect(await nginx.errorLog()).toMatch(/connect\(\) failed \(111: Connection refused\)/);
    expect(hub.requests.length).toBeGreaterThan(0);
  }, 45_000);

  it('a slow upstream (nginx proxy_read_timeout 1 s, ours 5 s): a clear timeout through the gateway, then normal again', async () => {
    const { hub, nginx } = await hubBehindNginx({}, 'proxy_read_timeout 1s;');
    const client = new HubClient({
      endpoint: { scheme: 'http', host: HOST, port: nginx.ports.front },
      credentials: { user: 'Admin', password: 'Admin' },
      timeoutMs: 5000,
    });
    running.push({ stop: async () => client.close() });
    expect((await client.updateStatus()).ok).toBe(true);

    hub.injectFault({ kind: 'latency', ms: 2500, paths: ['/api/update/status'] });
    const started = Date.now();
    const slow = await client.updateStatus();
    expect(slow.ok).toBe(false);
    if (slow.ok) return;
    expect(slow.error.code).toBe('TIMEOUT');
    expect(slow.error.message).toMatch(/504 \(Gateway Timeout\)/);
    // nginx's 1 s gave up first, well before our own 5 s.
    expect(Date.now() - started).toBeLessThan(4500);
    expect(isTransportFailure(slow.error)).toBe(true);

    hub.injectFault(null);
    const back = await client.updateStatus();
    expect(back.ok).toBe(true);
  }, 20_000);
});
