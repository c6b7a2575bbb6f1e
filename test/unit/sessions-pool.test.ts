import { describe, expect, it, vi } from 'vitest';
import { SessionPool, type PooledClient } from '../../electron/core/sessions/session-pool';
import {
  environmentCredentials,
  fixedCredentials,
  type CredentialProvider,
} from '../../electron/core/sessions/credential-provider';
import { chooseEndpoint, targetsFromInventory, type SessionTarget } from '../../electron/core/sessions/session-target';
import type { HubClientOptions, HubCredentials } from '../../electron/core/hub/hub-client';
import { fail, ok } from '../../electron/shared/errors';
import type { Inventory, InventoryHub } from '../../electron/shared/inventory';
import { downloading } from './tracking-fixtures';

/** A stand-in HubClient that records what the pool does with it. */
class FakeClient {
  credentials: HubCredentials | null = null;
  pin: string | null;
  loggedIn = false;
  closed = false;
  logins = 0;
  logouts = 0;
  constructor(
    readonly options: HubClientOptions,
    private readonly logoutHangs = false,
  ) {
    this.pin = options.pin ?? null;
  }
  get url() {
    return `${this.options.endpoint.scheme}://${this.options.endpoint.host}:${this.options.endpoint.port}`;
  }
  get isLoggedIn() {
    return this.loggedIn;
  }
  setCredentials(c: HubCredentials | null) {
    this.credentials = c;
    this.loggedIn = false;
  }
  setPin(pin: string | null) {
    this.pin = pin;
  }
  async login() {
    this.logins += 1;
    if (!this.credentials || this.credentials.password !== 'Admin') return fail('AUTH_FAILED', 'wrong password', 39);
    this.loggedIn = true;
    return ok({
      user: this.credentials.user,
      userType: 1,
      permission: 0xffffffff,
      groupName: 'Admin',
      isHardware: true,
    });
  }
  async logout() {
    this.logouts += 1;
    if (this.logoutHangs) await new Promise(() => undefined);
    this.loggedIn = false;
    return ok(undefined);
  }
  async updateStatus() {
    if (!this.credentials) return fail('AUTH_FAILED', 'no credentials');
    this.loggedIn = true;
    return ok(downloading(10));
  }
  async allVersions() {
    return ok({ start: 0, total: 0, entries: [] });
  }
  async systemStatus() {
    return fail('HUB_ERROR', 'not in this fake');
  }
  async settings() {
    return fail('HUB_ERROR', 'not in this fake');
  }
  close() {
    this.closed = true;
  }
}

function target(hubId: string, port = 80, extra: Partial<SessionTarget> = {}): SessionTarget {
  return {
    hubId,
    endpoint: { scheme: 'http', host: '127.0.0.2', port },
    pin: null,
    siteId: 'site-1',
    defaultUser: 'Admin',
    name: hubId,
    ...extra,
  };
}

function poolWith(credentials: CredentialProvider, logoutHangs = false) {
  const clients: FakeClient[] = [];
  const pool = new SessionPool({
    credentials,
    createClient: (o) => {
      const c = new FakeClient(o, logoutHangs);
      clients.push(c);
      return c as unknown as PooledClient;
    },
  });
  return { pool, clients };
}

describe('SessionPool', () => {
  it('keeps one client per hub and asks the provider for credentials once, on first use', async () => {
    const get = vi.fn(async () => ({ user: 'Admin', password: 'Admin' }));
    const { pool, clients } = poolWith({ get });
    pool.register(target('a'));
    pool.register(target('a')); // same endpoint: same client
    expect(clients).toHaveLength(1);
    expect(get).not.toHaveBeenCalled();
    expect((await pool.updateStatus('a')).ok).toBe(true);
    expect((await pool.updateStatus('a')).ok).toBe(true);
    expect(get).toHaveBeenCalledTimes(1);
    expect(get).toHaveBeenCalledWith({
      hubId: 'a',
      url: 'http://127.0.0.2',
      pin: null,
      siteId: 'site-1',
      defaultUser: 'Admin',
    });
  });

  it('reports AUTH_FAILED from the hub client when the provider knows no password', async () => {
    const { pool } = poolWith(fixedCredentials('Admin', null));
    pool.register(target('a'));
    const r = await pool.updateStatus('a');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('AUTH_FAILED');
    const login = await pool.login('a');
    expect(!login.ok && login.error.message).toMatch(/No user name and password are known/);
  });

  it('opens a new client when the endpoint changes and applies a new pin to the same client', () => {
    const { pool, clients } = poolWith(fixedCredentials('Admin', 'Admin'));
    pool.register(target('a', 80));
    pool.register(target('a', 80, { pin: 'sha256:' + 'a'.repeat(64) }));
    expect(clients).toHaveLength(1);
    expect(clients[0]!.pin).toBe('sha256:' + 'a'.repeat(64));
    pool.register(target('a', 8080));
    expect(clients).toHaveLength(2);
    expect(clients[0]!.closed).toBe(true);
    expect(pool.url('a')).toBe('http://127.0.0.2:8080');
    expect(pool.setPin('a', null)).toEqual({ ok: true, value: undefined });
    expect(pool.setPin('nope', null).ok).toBe(false);
  });

  it('logs in with typed credentials or the provider, per hub and for a whole site', async () => {
    const { pool, clients } = poolWith(fixedCredentials('Admin', 'Admin'));
    pool.register(target('a'));
    pool.register(target('b', 81));
    pool.register(target('c', 82, { siteId: 'site-2' }));
    const wrong = await pool.login('a', { user: 'Admin', password: 'nope' });
    expect(!wrong.ok && wrong.error.hubCode).toBe(39);
    const site = await pool.loginSite('site-1');
    expect(site.map((s) => [s.hubId, s.result.ok])).toEqual([
      ['a', true],
      ['b', true],
    ]);
    expect(clients[2]!.logins).toBe(0);
    expect(pool.isLoggedIn('a')).toBe(true);
    expect((await pool.login('zzz')).ok).toBe(false);
  });

  it('sync adds, updates and removes hubs, closing removed clients', () => {
    const { pool, clients } = poolWith(fixedCredentials('Admin', 'Admin'));
    pool.sync([target('a'), target('b', 81)]);
    const removed = pool.sync([target('b', 81), target('c', 82)]);
    expect(removed).toEqual(['a']);
    expect(pool.hubIds().sort()).toEqual(['b', 'c']);
    expect(clients[0]!.closed).toBe(true);
  });

  it('logs out of every hub on close, without waiting for a hub that does not answer', async () => {
    const { pool, clients } = poolWith(fixedCredentials('Admin', 'Admin'), true);
    pool.register(target('a'));
    await pool.login('a');
    const started = Date.now();
    await pool.closeAll(true, 100);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(clients[0]!.logouts).toBe(1);
    expect(clients[0]!.closed).toBe(true);
    expect(pool.hubIds()).toEqual([]);
  });
});

describe('credential providers', () => {
  it('takes the password from HUBKEEPER_PASSWORD and the user from --user, else the site default, else Admin', async () => {
    const req = { hubId: 'a', url: 'http://x', pin: null, siteId: null, defaultUser: 'operator' };
    expect(await environmentCredentials({ HUBKEEPER_PASSWORD: 'pw' }, null).get(req)).toEqual({
      user: 'operator',
      password: 'pw',
    });
    expect(await environmentCredentials({ HUBKEEPER_PASSWORD: 'pw' }, 'root').get(req)).toEqual({
      user: 'root',
      password: 'pw',
    });
    expect(await environmentCredentials({ HUBKEEPER_PASSWORD: 'pw' }, null).get({ ...req, defaultUser: '' })).toEqual({
      user: 'Admin',
      password: 'pw',
    });
    expect(await environmentCredentials({}, null).get(req)).toBeNull();
  });
});

describe('session targets from the inventory', () => {
  const hub = (endpoints: InventoryHub['endpoints']): InventoryHub => ({
    id: 'h',
    siteId: 's',
    name: 'Hub',
    address: 'HUB.local',
    endpoints,
    notes: '',
    addedAt: '2024-01-01T00:00:00.000Z',
  });
  it('prefers a pinned HTTPS endpoint, then unpinned HTTPS (trust first), and plain HTTP only when there is no HTTPS', () => {
    const pin = 'sha256:' + 'b'.repeat(64);
    expect(
      chooseEndpoint(
        hub([
          { scheme: 'http', port: 80, pin: null },
          { scheme: 'https', port: 443, pin },
        ]),
      ),
    ).toEqual({ endpoint: { scheme: 'https', host: 'hub.local', port: 443 }, pin });
    expect(
      chooseEndpoint(
        hub([
          { scheme: 'https', port: 443, pin: null },
          { scheme: 'http', port: 8080, pin: null },
        ]),
      ),
    ).toEqual({ endpoint: { scheme: 'https', host: 'hub.local', port: 443 }, pin: null });
    expect(chooseEndpoint(hub([{ scheme: 'http', port: 8080, pin: null }]))).toEqual({
      endpoint: { scheme: 'http', host: 'hub.local', port: 8080 },
      pin: null,
    });
    expect(chooseEndpoint(hub([{ scheme: 'https', port: 8443, pin: null }]))).toEqual({
      endpoint: { scheme: 'https', host: 'hub.local', port: 8443 },
      pin: null,
    });
  });
  it('carries the site default user', () => {
    const inv: Inventory = {
      schemaVersion: 1,
      sites: [{ id: 's', name: 'Acme', defaultUser: 'operator', notes: '' }],
      hubs: [hub([{ scheme: 'http', port: 80, pin: null }])],
    };
    expect(targetsFromInventory(inv)).toEqual([
      {
        hubId: 'h',
        endpoint: { scheme: 'http', host: 'hub.local', port: 80 },
        pin: null,
        siteId: 's',
        defaultUser: 'operator',
        name: 'Hub',
      },
    ]);
  });
});
