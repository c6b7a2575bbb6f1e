import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addManually } from '../../../electron/core/discovery/manual-add';
import { sweep } from '../../../electron/core/discovery/sweep';
import { sweepResultSchema } from '../../../electron/shared/discovery';
import { startHub, type SimulatedHub } from '../../simulator';
import { cli } from '../cli-harness';
import { listenCounting, type CountingListener } from '../counting-listener';
import { startFakeHost, type FakeHost } from '../discovery-fake-hosts';
import { serverCertificate } from './nginx-certs';
import { nginxMissingReason, proxyTo, startNginx, type NginxInstance } from './nginx-server';

/**
 * Discovery of hubs behind Debian's nginx, as real HTTPS-only sites run them: a TLS port that
 * answers plain HTTP with nginx's "400 plain HTTP request was sent to HTTPS port" page, and a
 * plain port that only redirects to https://. Addresses 127.0.150.x are this file's own.
 */
const NET = '127.0.150';
const missing = nginxMissingReason();
if (missing) console.warn(`[skipped] nginx discovery tests: ${missing}`);

// Ports are random, so none is in the sweep's TLS-first list unless a test says so: the plain
// probe meets nginx's TLS port first, exactly as with a hub on an unusual port.
const TIMEOUTS = { probeTimeoutMs: 3000, connectTimeoutMs: 1000, tlsPorts: [] as number[] };

type Ports = 'http' | 'https';
const servers: Array<{ stop(): Promise<void> }> = [];
let httpsOnly: NginxInstance<'https'>;
let selfRedirecting: NginxInstance<'https'>;
let redirecting: NginxInstance<Ports>;
let redirectElsewhere: NginxInstance<'http'>;
let redirectToName: NginxInstance<'http'>;
let jsonBehindRedirect: NginxInstance<Ports>;
let elsewhere: CountingListener | undefined;
let hub: SimulatedHub;
let jsonApi: FakeHost;
let fingerprint: string;

beforeAll(async () => {
  if (missing) return;
  const cert = await serverCertificate('rsa-2048');
  fingerprint = cert.fingerprint;
  const files = { 'hub.crt': cert.cert, 'hub.key': cert.key };
  const tls = (dir: string) => `ssl_certificate ${dir}/hub.crt; ssl_certificate_key ${dir}/hub.key;`;
  hub = await startHub({ host: `${NET}.1`, port: 0 });
  jsonApi = await startFakeHost({ host: `${NET}.1`, port: 0, kind: 'json-api' });
  servers.push(hub, jsonApi);
  const upstream = `http://${hub.host}:${hub.port}`;

  // An address outside the sweep's target, counting every connection it gets (must stay 0).
  elsewhere = await listenCounting(`${NET}.99`);
  const elsewherePort = elsewhere.port;

  httpsOnly = await startNginx({
    host: `${NET}.2`,
    ports: ['https'],
    files,
    http: (p, dir) => `server { listen ${NET}.2:${p.https} ssl; ${tls(dir)} ${proxyTo(upstream)} }`,
  });
  selfRedirecting = await startNginx({
    host: `${NET}.7`,
    ports: ['https'],
    files,
    // The usual nginx recipe for an HTTPS-only port: plain HTTP on it is redirected to itself.
    http: (p, dir) => `server { listen ${NET}.7:${p.https} ssl; ${tls(dir)}
      error_page 497 =301 https://$host:$server_port$request_uri; ${proxyTo(upstream)} }`,
  });
  redirecting = await startNginx({
    host: `${NET}.3`,
    ports: ['http', 'https'],
    files,
    http: (p, dir) => `
      server { listen ${NET}.3:${p.http}; return 301 https://$host:${p.https}$request_uri; }
      server { listen ${NET}.3:${p.https} ssl; ${tls(dir)} ${proxyTo(upstream)} }`,
  });
  redirectElsewhere = await startNginx({
    host: `${NET}.4`,
    ports: ['http'],
    http: (p) => `server { listen ${NET}.4:${p.http}; return 301 https://${NET}.99:${elsewherePort}$request_uri; }`,
  });
  redirectToName = await startNginx({
    host: `${NET}.5`,
    ports: ['http'],
    // A name, even one that resolves to loopback, is not the probed address: never followed.
    http: (p) => `server { listen ${NET}.5:${p.http}; return 302 https://localhost:${elsewherePort}/; }`,
  });
  jsonBehindRedirect = await startNginx({
    host: `${NET}.6`,
    ports: ['http', 'https'],
    files,
    http: (p, dir) => `
      server { listen ${NET}.6:${p.http}; return 308 https://$host:${p.https}$request_uri; }
      server { listen ${NET}.6:${p.https} ssl; ${tls(dir)} ${proxyTo(`http://${jsonApi.host}:${jsonApi.port}`)} }`,
  });
  servers.push(httpsOnly, selfRedirecting, redirecting, redirectElsewhere, redirectToName, jsonBehindRedirect);
}, 30_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await elsewhere?.close();
});

describe.skipIf(missing !== null)('discovery through nginx', () => {
  it('finds an HTTPS-only hub whose port answers plain HTTP with nginx’s 400 page, with its fingerprint', async () => {
    const outcome = await sweep(`${NET}.2`, { ...TIMEOUTS, ports: [httpsOnly.ports.https] });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.value.result.hubs).toEqual([
      { address: `${NET}.2`, endpoints: [{ scheme: 'https', port: httpsOnly.ports.https, fingerprint }] },
    ]);
    expect(outcome.value.result.others).toEqual([]);
  });

  it('takes a redirect to https:// on the very same port as a TLS hint (nginx error_page 497), with no redirect note', async () => {
    const port = selfRedirecting.ports.https;
    const outcome = await sweep(`${NET}.7`, { ...TIMEOUTS, ports: [port] });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.value.result.hubs).toEqual([
      { address: `${NET}.7`, endpoints: [{ scheme: 'https', port, fingerprint }] },
    ]);
  });

  it('follows a same-host redirect to https:// once and records the HTTPS endpoint with the redirect noted', async () => {
    const outcome = await sweep(`${NET}.3`, { ...TIMEOUTS, ports: [redirecting.ports.http] });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const result = outcome.value.result;
    expect(sweepResultSchema.parse(result)).toEqual(result);
    expect(result.hubs).toEqual([
      {
        address: `${NET}.3`,
        endpoints: [
          {
            scheme: 'https',
            port: redirecting.ports.https,
            fingerprint,
            redirectedFrom: { scheme: 'http', port: redirecting.ports.http },
          },
        ],
      },
    ]);
    expect(result.others).toEqual([]);
  });

  it('follows the redirect also when the plain port was tried in TLS first (a wrong guess)', async () => {
    const { http, https } = redirecting.ports;
    const outcome = await sweep(`${NET}.3`, { ...TIMEOUTS, ports: [http], tlsPorts: [http] });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.value.result.hubs).toEqual([
      {
        address: `${NET}.3`,
        endpoints: [{ scheme: 'https', port: https, fingerprint, redirectedFrom: { scheme: 'http', port: http } }],
      },
    ]);
  });

  it('lists the HTTPS endpoint once when both the redirecting port and the TLS port are swept', async () => {
    const { http, https } = redirecting.ports;
    const outcome = await sweep(`${NET}.3`, { ...TIMEOUTS, ports: [http, https], tlsPorts: [https] });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.value.result.hubs).toEqual([
      {
        address: `${NET}.3`,
        endpoints: [{ scheme: 'https', port: https, fingerprint, redirectedFrom: { scheme: 'http', port: http } }],
      },
    ]);
  });

  it('never follows a redirect to another address or to a host name: the port is a web server', async () => {
    elsewhere!.reset();
    const outcome = await sweep(`${NET}.4-5`, {
      ...TIMEOUTS,
      ports: [redirectElsewhere.ports.http, redirectToName.ports.http],
    });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.value.result.hubs).toEqual([]);
    expect(outcome.value.result.others).toEqual(
      expect.arrayContaining([
        { address: `${NET}.4`, port: redirectElsewhere.ports.http, kind: 'web' },
        { address: `${NET}.5`, port: redirectToName.ports.http, kind: 'web' },
      ]),
    );
    expect(elsewhere!.connections()).toBe(0);
  });

  it('keeps a JSON web server that is not a hub "not a hub", also behind a redirect to HTTPS', async () => {
    const { http, https } = jsonBehindRedirect.ports;
    const outcome = await sweep(`${NET}.6`, { ...TIMEOUTS, ports: [http, https] });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.value.result.hubs).toEqual([]);
    expect(outcome.value.result.others).toEqual([
      { address: `${NET}.6`, port: Math.min(http, https), kind: 'web' },
      { address: `${NET}.6`, port: Math.max(http, https), kind: 'web' },
    ]);
  });

  it('manual add of the redirecting address finds the hub on its HTTPS endpoint', async () => {
    const added = await addManually(`${NET}.3:${redirecting.ports.http}`, TIMEOUTS);
    if (!added.ok) throw new Error(added.error.message);
    expect(added.value.entries[0]).toMatchObject({ outcome: 'hub' });
    expect(added.value.hubs).toEqual([
      {
        address: `${NET}.3`,
        endpoints: [
          {
            scheme: 'https',
            port: redirecting.ports.https,
            fingerprint,
            redirectedFrom: { scheme: 'http', port: redirecting.ports.http },
          },
        ],
      },
    ]);
  });

  it('hubkeeper scan says how the hub was found and shows its certificate; status then reads it pinned', async () => {
    const { http, https } = redirecting.ports;
    const scan = await cli(['scan', `${NET}.3`, '--ports', String(http), '--timeout', '3']);
    expect(scan.code).toBe(0);
    expect(scan.out).toContain(`https://${NET}.3:${https} (found via redirect from http://${NET}.3:${http})`);
    expect(scan.out).toMatch(new RegExp(`${NET.replace(/\./g, '\\.')}\\.3:${https}\\s+${fingerprint}`));

    const status = await cli(['status', `https://${NET}.3:${https}`, '--pin', fingerprint, '--json']);
    expect(status.code, status.err).toBe(0);
    expect(status.out).toContain('2.1.28');
  });
});
