import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SweepFinished } from '../../../electron/shared/contract';
import { openPreviewClient, type PreviewClient } from '../preview-client';
import { until } from '../until';
import { startHub, type SimulatedHub } from '../../simulator';
import { serverCertificate } from './nginx-certs';
import { nginxMissingReason, proxyTo, startNginx, type NginxInstance } from './nginx-server';

/**
 * The browser preview's backend (the real dispatcher over its WebSocket, as the renderer uses
 * it) with a hub that is only reachable through nginx on HTTPS, its plain port redirecting:
 * found by a sweep via the redirect, its certificate shown and trusted on first use, logged in,
 * its status and history read. Addresses 127.0.153.x.
 */
const HOST = '127.0.153.1';
const missing = nginxMissingReason();
if (missing) console.warn(`[skipped] nginx preview test: ${missing}`);

let dataDir: string;
let hub: SimulatedHub;
let nginx: NginxInstance<'http' | 'https'>;
let fingerprint: string;
let call: PreviewClient['call'];
let seen: PreviewClient['seen'];
let client: PreviewClient | undefined;

beforeAll(async () => {
  if (missing) return;
  dataDir = mkdtempSync(path.join(tmpdir(), 'hk-nginx-preview-'));
  hub = await startHub({ host: HOST, port: 0 });
  const cert = await serverCertificate('rsa-2048');
  fingerprint = cert.fingerprint;
  nginx = await startNginx({
    host: HOST,
    ports: ['http', 'https'],
    files: { 'hub.crt': cert.cert, 'hub.key': cert.key },
    http: (p, dir) => `
      server { listen ${HOST}:${p.http}; return 301 https://$host:${p.https}$request_uri; }
      server { listen ${HOST}:${p.https} ssl; ssl_certificate ${dir}/hub.crt; ssl_certificate_key ${dir}/hub.key;
               ${proxyTo(hub.url)} }`,
  });
  client = await openPreviewClient(dataDir);
  ({ seen, call } = client);
}, 30_000);

afterAll(async () => {
  await client?.close();
  await Promise.all([nginx?.stop(), hub?.stop()]);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

describe.skipIf(missing !== null)('the browser preview with a hub behind nginx', () => {
  it('finds the HTTPS-only hub via the redirect, trusts its certificate on first use, logs in and reads it', async () => {
    await call('settings:set', { monitor: { busyMs: 200, idleMs: 300 } });
    const started = await call('discovery:start', { target: HOST, ports: [nginx.ports.http] });
    const finished = await until('the sweep to finish', () =>
      seen.find((e) => e.event === 'discovery:finished' && (e.payload as SweepFinished).sweepId === started.sweepId),
    );
    const result = (finished.payload as SweepFinished).result!;
    expect(result.hubs).toHaveLength(1);
    const found = result.hubs[0]!;
    expect(found.endpoints).toEqual([
      {
        scheme: 'https',
        port: nginx.ports.https,
        fingerprint,
        redirectedFrom: { scheme: 'http', port: nginx.ports.http },
      },
    ]);

    const site = await call('inventory:addSite', { name: 'Behind nginx', defaultUser: 'Admin' });
    const added = await call('discovery:addFound', {
      sweepId: started.sweepId,
      candidateIds: [found.candidateId],
      siteId: site.id,
    });
    const hubId = added.added[0]!.id;

    const inspect = await call('cert:inspect', { hubId });
    expect(inspect.presented?.fingerprint).toBe(fingerprint);
    // Trust on first use: shown, not pinned until the technician says so.
    expect(inspect.state).toBe('unpinned');
    await call('cert:trust', { hubId, fingerprint });
    const login = await call('session:login', { hubId, user: 'Admin', password: 'Admin' });
    expect(login.login).toMatchObject({ user: 'Admin' });

    await call('monitor:subscribe', {});
    await call('monitor:refresh', { hubIds: [hubId] });
    await until('the live version', () =>
      seen.some(
        (e) =>
          e.event === 'monitor:changed' &&
          (e.payload as { changes: Array<{ hubId: string; changes: { version?: string } }> }).changes.some(
            (c) => c.hubId === hubId && c.changes.version === '2.1.28',
          ),
      ),
    );
    const history = await call('history:page', { hubId, start: 0, count: 10 });
    expect(history.page.total).toBe(50);
    expect(history.page.entries).toHaveLength(10);
    // Everything went through nginx: the simulator saw the login and the reads.
    expect(hub.requests.some((r) => r.path === '/api/login')).toBe(true);
  }, 40_000);
});
