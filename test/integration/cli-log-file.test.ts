import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runWatch } from '../../electron/cli/commands/watch';
import type { CliIo } from '../../electron/cli/io';
import { PERMISSION, startHub, USER_TYPE, type SimulatedHub } from '../simulator';
import { openTestBackend } from './backend-harness';
import { cli } from './cli-harness';
import { makeInventory } from './cli-data-fixtures';
import { FAST_TIMING, waitFor } from './monitor-harness';

/**
 * The CLI's log (issue 14): `hubkeeper watch` and the other commands that talk to hubs write the
 * backend's hub events to `<data folder>/logs/cli.log`, one redacted line each with time, level
 * and hub id, stdout left to the output and stderr to the warnings the user must read. Watch
 * builds only what it uses: no bundle folder, no device list requests. Hubs on this file's own
 * loopback addresses (127.0.74.x), random ports.
 */

const PASSWORD = 'Watch-Pw-7c41e9';
const SECRETS = {
  cookie: 'CookieSecret9f3b',
  token: 'TOKENSECRETABCDEFGHIJKLMNOPQRSTU',
  urlPassword: 'UrlPassSecret55',
  queryToken: 'QueryTokenSecret77',
  queryPassword: 'QueryPassSecret31',
};
const LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (INFO|WARN|ERROR)( hub=\S+)? \S/;

let dir: string;
let hubs: SimulatedHub[] = [];
let servers: http.Server[] = [];
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hk-cli-log-'));
});
afterEach(async () => {
  await Promise.all(hubs.map((h) => h.stop()));
  await Promise.all(
    servers.map((s) => {
      s.closeAllConnections();
      return new Promise((resolve) => s.close(resolve));
    }),
  );
  hubs = [];
  servers = [];
  await rm(dir, { recursive: true, force: true });
});

function captureIo(env: Record<string, string>) {
  let out = '';
  let err = '';
  const io: CliIo & { text: () => string; errors: () => string } = {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    env,
    stdin: new PassThrough(),
    isTty: false,
    setExitCode: () => {},
    text: () => out,
    errors: () => err,
  };
  return io;
}

const admin = (password: string) => [
  { name: 'Admin', password, type: USER_TYPE.ADMIN, permission: PERMISSION.ALL, groupName: 'Admin', id: 1 },
];

/**
 * A hub whose answers carry secrets: its login sets a session cookie and a token, and its status
 * answer redirects to an address with a password in it and a token and password in its query,
 * which the client's error message quotes.
 */
async function startSecretHub(host: string): Promise<{ host: string; port: number; url: string }> {
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    req.resume();
    if (url.startsWith('/api/login')) {
      res.writeHead(200, {
        'content-type': 'application/json',
        'set-cookie': [`mwcloud-sid=${SECRETS.cookie}; Path=/; HttpOnly`, 'mwcloud-uid=1; Path=/'],
      });
      res.end(JSON.stringify({ result: 0, token: SECRETS.token, user: { name: 'Admin', type: 1, permission: -1 } }));
    } else if (url.startsWith('/api/logout')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"result":0}');
    } else {
      res.writeHead(302, {
        location: `http://admin:${SECRETS.urlPassword}@127.0.74.99/?token=${SECRETS.queryToken}&password=${SECRETS.queryPassword}`,
        'content-length': '0',
      });
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  servers.push(server);
  const port = (server.address() as AddressInfo).port;
  return { host, port, url: `http://${host}:${port}` };
}

async function logLines(dataDir: string): Promise<string[]> {
  return (await readFile(path.join(dataDir, 'logs', 'cli.log'), 'utf8')).split('\n').filter(Boolean);
}

function expectNoSecret(text: string): void {
  for (const secret of [PASSWORD, ...Object.values(SECRETS)]) expect(text).not.toContain(secret);
}

describe('hubkeeper watch: only what it uses', () => {
  it('opens no bundle folder (nothing to watch) and asks no hub for its devices', async () => {
    hubs = await Promise.all([
      startHub({ host: '127.0.74.10', port: 0, scenario: 'idle', users: admin(PASSWORD) }),
      startHub({ host: '127.0.74.11', port: 0, scenario: 'full-update', timing: FAST_TIMING, users: admin(PASSWORD) }),
    ]);
    const io = captureIo({ HUBKEEPER_PASSWORD: PASSWORD, HOME: dir });
    const stop = new AbortController();
    const running = runWatch(
      hubs.map((h) => h.url),
      { dataDir: dir, passwordStdin: false, timeout: 2000, busyInterval: 200, idleInterval: 300 },
      io,
      { stop: stop.signal, columns: 0 },
    );
    // Several polls of each hub: the app's device reader reads a hub as soon as it is in scope.
    await waitFor(
      () => hubs.every((h) => h.requests.filter((r) => r.path === '/api/update/status').length >= 4),
      15_000,
      'four polls of each hub',
    );
    stop.abort();
    expect(await running).toBe(0);
    for (const hub of hubs) expect(hub.requests.filter((r) => r.path.startsWith('/api/device/'))).toEqual([]);
    expect(existsSync(path.join(dir, 'bundles'))).toBe(false);
    // What watch does use is there: the store of what it saw.
    expect(existsSync(path.join(dir, 'store'))).toBe(true);
  }, 30_000);

  it('logs hub failures, a failed login and a completed update to cli.log with time, level and hub id; no secrets', async () => {
    hubs = await Promise.all([
      startHub({ host: '127.0.74.2', port: 0, scenario: 'full-update', timing: FAST_TIMING, users: admin(PASSWORD) }),
      startHub({ host: '127.0.74.3', port: 0, scenario: 'idle', users: admin(PASSWORD) }),
      startHub({ host: '127.0.74.4', port: 0, scenario: 'idle', users: admin('another-password') }),
    ]);
    const [updating, failing, refusing] = hubs as [SimulatedHub, SimulatedHub, SimulatedHub];
    failing.injectFault({ kind: 'http500', paths: ['/api/update/status'] });
    const secretive = await startSecretHub('127.0.74.5');
    const inventory = await makeInventory(dir, { name: 'Logged' }, [
      { host: updating.host, port: updating.port, name: 'Updating' },
      { host: failing.host, port: failing.port, name: 'Failing' },
      { host: refusing.host, port: refusing.port, name: 'Refusing' },
      { host: secretive.host, port: secretive.port, name: 'Secretive' },
    ]);
    const id = (name: string) => inventory.find((h) => h.name === name)!.id;

    const io = captureIo({ HUBKEEPER_PASSWORD: PASSWORD, HOME: dir });
    const stop = new AbortController();
    const running = runWatch(
      [],
      { site: 'Logged', dataDir: dir, passwordStdin: false, timeout: 2000, busyInterval: 200, idleInterval: 300 },
      io,
      { stop: stop.signal, columns: 0 },
    );
    await waitFor(() => /Updating .*update VERIFIED/i.test(io.text()), 20_000, 'the update to be verified');
    const logFile = path.join(dir, 'logs', 'cli.log');
    await waitFor(
      () => existsSync(logFile) && readFileSync(logFile, 'utf8').includes('update verified'),
      10_000,
      'the update outcome in cli.log',
    );
    stop.abort();
    expect(await running).toBe(0);

    const lines = await logLines(dir);
    const text = lines.join('\n');
    for (const line of lines) expect(line).toMatch(LINE);
    expect(text).toMatch(new RegExp(`INFO hub=${id('Updating')} update verified `));
    expect(text).toMatch(new RegExp(`WARN hub=${id('Failing')} hub request failed .*"code":"HUB_ERROR"`));
    expect(text).toMatch(new RegExp(`WARN hub=${id('Refusing')} login failed`));
    expect(text).toMatch(new RegExp(`WARN hub=${id('Secretive')} hub request failed .*redirected`));
    expect(text).toMatch(/INFO backend started /);
    expect(text).toMatch(/INFO backend stopped/);
    // The secrets the hubs sent and the password typed reach neither the file nor the terminal.
    expectNoSecret(text);
    expectNoSecret(io.text() + io.errors());
    expect(text).toContain('[redacted]');
    // stdout is the view, stderr the warnings the user must read: no hub event lines on either.
    expect(io.text()).not.toMatch(/ (INFO|WARN|ERROR) hub=/);
    expect(io.errors()).not.toMatch(/hub request failed|login failed|update verified/);
  }, 40_000);

  it("the app's backend still builds the bundle library and the device reader", async () => {
    const hub = await startHub({ host: '127.0.74.6', port: 0, scenario: 'idle', users: admin(PASSWORD) });
    hubs.push(hub);
    const [stored] = await makeInventory(dir, { name: 'App' }, [{ host: hub.host, port: hub.port, name: 'App hub' }]);
    // Scoped to the hub by a fixed list (no visit to start first), every other option the app's.
    const { backend } = await openTestBackend(dir, {
      fixedHubs: [
        {
          hubId: stored!.id,
          endpoint: { scheme: 'http', host: hub.host, port: hub.port },
          pin: null,
          defaultUser: 'Admin',
          siteId: stored!.siteId,
          name: stored!.name,
        },
      ],
      credentials: { get: async () => ({ user: 'Admin', password: PASSWORD }) },
    });
    try {
      expect(backend.services.bundles).toBeDefined();
      expect(backend.services.devices).toBeDefined();
      expect(existsSync(path.join(dir, 'bundles'))).toBe(true);
      await waitFor(
        () => hub.requests.some((r) => r.path === '/api/device/list'),
        10_000,
        "the app's device reader reading the hub's devices",
      );
    } finally {
      await backend.stop();
    }
  }, 20_000);
});

describe('one-shot commands: the CLI log', () => {
  it('hubkeeper scan logs its sweep start and end to the data folder of HUBKEEPER_DATA_DIR', async () => {
    const hub = await startHub({ host: '127.0.74.7', port: 0, scenario: 'idle' });
    hubs.push(hub);
    const run = await cli(['scan', hub.host, '--ports', String(hub.port)], { env: { HUBKEEPER_DATA_DIR: dir } });
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('1 Control Hub');
    const lines = await logLines(dir);
    for (const line of lines) expect(line).toMatch(LINE);
    expect(lines[0]).toMatch(/ INFO sweep started \{"target":"127\.0\.74\.7",/);
    expect(lines[1]).toMatch(/ INFO sweep finished \{"target":"127\.0\.74\.7","scanned":1,"hubs":1,/);
    expect(run.out).not.toMatch(/sweep started/);
  }, 20_000);

  it('status, history, devices and cert log a refused login, a changed certificate and failing hubs; nothing of the password or the hub secrets', async () => {
    const [hub, tls] = await Promise.all([
      startHub({ host: '127.0.74.8', port: 0, scenario: 'idle', users: admin(PASSWORD) }),
      startHub({ host: '127.0.74.12', port: 0, https: true, scenario: 'idle', users: admin(PASSWORD) }),
    ]);
    hubs.push(hub, tls);
    const secretive = await startSecretHub('127.0.74.9');
    const env = { HUBKEEPER_DATA_DIR: dir, HUBKEEPER_PASSWORD: `${PASSWORD}-wrong` };
    expect((await cli(['status', hub.url], { env })).code).toBe(3);
    expect((await cli(['history', hub.url], { env })).code).toBe(3);
    const pin = `sha256:${'0'.repeat(64)}`;
    expect((await cli(['status', tls.url, '--pin', pin], { env })).code).not.toBe(0);
    // A plain HTTP port has no TLS handshake to give.
    expect((await cli(['cert', `https://${hub.host}:${hub.port}`, '--timeout', '3'], { env })).code).not.toBe(0);
    const devices = await cli(['devices', secretive.url, '--data-dir', path.join(dir, 'other')], {
      env: { HUBKEEPER_PASSWORD: PASSWORD },
    });
    expect(devices.code).not.toBe(0);
    // A command that succeeds leaves no line, and no log folder where there was none.
    const quiet = path.join(dir, 'quiet');
    const fine = await cli(['status', hub.url], { env: { HUBKEEPER_DATA_DIR: quiet, HUBKEEPER_PASSWORD: PASSWORD } });
    expect(fine.code).toBe(0);
    expect(existsSync(quiet)).toBe(false);

    const lines = await logLines(dir);
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).toMatch(LINE);
    const hubUrl = hub.url.replace(/[.]/g, '\\.');
    expect(lines[0]).toMatch(
      new RegExp(` WARN hub=${hubUrl} login failed .*"what":"Reading the update status","code":"AUTH_FAILED"`),
    );
    expect(lines[1]).toMatch(new RegExp(` WARN hub=${hubUrl} login failed .*"what":"Reading the version history"`));
    expect(lines[2]).toMatch(
      / ERROR hub=https:\/\/127\.0\.74\.12:\d+ certificate changed: not the pinned certificate .*"code":"CERT_CHANGED"/,
    );
    expect(lines[3]).toMatch(
      new RegExp(
        ` WARN hub=https://${hubUrl.slice('http://'.length)} hub request failed .*"what":"Reading the certificate"`,
      ),
    );
    // --data-dir decides where the line goes.
    const other = await logLines(path.join(dir, 'other'));
    expect(other).toHaveLength(1);
    expect(other[0]).toMatch(/ WARN hub=http:\/\/127\.0\.74\.9:\d+ hub request failed .*"code":"PROTOCOL"/);
    expectNoSecret([...lines, ...other].join('\n'));
    expect(other[0]).toContain('[redacted]');
  }, 30_000);
});
