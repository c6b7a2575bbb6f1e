import { describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../electron/core/app/dispatcher';
import { MemorySecretStore } from '../../electron/core/app/memory-secret-store';
import { hubWebUiUrl } from '../../electron/core/app/handlers-app';
import type { Services, SweepCallbacks } from '../../electron/core/app/ports';
import { DEFAULT_SETTINGS } from '../../electron/core/app/settings-service';
import { parseSweepTarget } from '../../electron/core/discovery/targets';
import { calls, envelopeSchema, type CallChannel, type EventChannel } from '../../electron/shared/contract';
import type { DiscoveredHub, SweepResult } from '../../electron/shared/discovery';
import { fail, ok, type Result } from '../../electron/shared/errors';
import type { Inventory, InventoryChange } from '../../electron/shared/inventory';
import type { HubChange } from '../../electron/shared/monitor';
import type { SiteVisit } from '../../electron/shared/visits';
import type { HubDevices } from '../../electron/shared/devices';

// The dispatcher over fake services: every branch that is the dispatcher's own (lookups,
// remember/refuse, trust re-probe, sweeps, batching, events) without sockets.
const FP_A = `sha256:${'a'.repeat(64)}`;
const FP_B = `sha256:${'b'.repeat(64)}`;

function setup(opts: { keychain?: 'memory' | 'unavailable'; visited?: string[]; noDevices?: boolean } = {}) {
  const inv: Inventory = {
    schemaVersion: 1,
    sites: [{ id: 's1', name: 'Studio', defaultUser: 'Admin', notes: '' }],
    hubs: [
      {
        id: 'h1',
        siteId: 's1',
        name: 'Rack A',
        address: '127.0.0.2',
        endpoints: [
          { scheme: 'http', port: 80, pin: null },
          { scheme: 'https', port: 443, pin: null },
        ],
        notes: '',
        addedAt: '2026-01-01T00:00:00.000Z',
      },
    ],
  };
  const inventoryListeners = new Set<(c: InventoryChange) => void>();
  const changeListeners = new Set<(c: HubChange[]) => void>();
  const visitListeners = new Set<(v: SiteVisit[]) => void>();
  const deviceListeners = new Set<(d: HubDevices) => void>();
  const visitedSites = new Set(opts.visited ?? ['s1']);
  const visitList = (): SiteVisit[] =>
    inv.sites.map((s) => ({
      siteId: s.id,
      visited: visitedSites.has(s.id),
      alwaysWatched: false,
      startedAt: null,
      endedAt: null,
      resumable: false,
    }));
  let presented = FP_A;
  let sweepCallbacks: SweepCallbacks | null = null;
  let finishSweep: ((v: { cancelled: boolean }) => void) | null = null;
  const foundHub: DiscoveredHub = {
    address: '127.0.0.9',
    endpoints: [{ scheme: 'http', port: 80, fingerprint: null }],
  };

  const services: Services = {
    inventory: {
      get: () => inv,
      addSite: vi.fn(),
      updateSite: vi.fn(),
      removeSite: vi.fn(),
      updateHub: vi.fn(),
      removeHubs: vi.fn(async (ids) => ok({ removedHubIds: [...ids] })),
      addHubs: vi.fn(async (_site: string, hubs: readonly DiscoveredHub[]) => {
        const added = hubs.map((h, i) => ({
          ...inv.hubs[0]!,
          id: `new${i}`,
          address: h.address,
          endpoints: h.endpoints.map((e) => ({ scheme: e.scheme, port: e.port, pin: null })),
        }));
        return ok({ added, existing: [] });
      }),
      setPin: vi.fn(async (hubId, port, pin) => {
        const hub = inv.hubs.find((h) => h.id === hubId)!;
        hub.endpoints = hub.endpoints.map((e) => (e.port === port ? { ...e, pin } : e));
        return ok(hub);
      }),
      importText: vi.fn(),
      exportText: vi.fn(() => ok('site,name\n')),
      onChange: (l) => {
        inventoryListeners.add(l as never);
        return () => inventoryListeners.delete(l as never);
      },
    },
    discovery: {
      interfaces: () => [],
      count: (target, _ports, allowPublic) => {
        if (target === 'bad') return fail('BAD_INPUT', 'Not an address range.');
        // The real target rules (sizes, and the public-range guard), without any socket.
        const parsed = parseSweepTarget(target, { allowPublic });
        return parsed.ok ? ok({ total: parsed.value.addresses.length }) : parsed;
      },
      sweep: vi.fn((_t: string, _p: readonly number[] | undefined, callbacks: SweepCallbacks) => {
        sweepCallbacks = callbacks;
        return new Promise<Result<{ cancelled: boolean; result: SweepResult }>>((resolve) => {
          finishSweep = ({ cancelled }) =>
            resolve(
              ok({
                cancelled,
                result: {
                  target: '127.0.0.0/24',
                  ports: [80],
                  scanned: 254,
                  elapsedMs: 5,
                  hubs: [foundHub],
                  others: [],
                },
              }),
            );
        });
      }),
      manual: vi.fn(async () =>
        ok({
          entries: [{ input: '127.0.0.9', line: 1, outcome: 'hub' as const, hub: foundHub, message: null }],
          hubs: [foundHub],
        }),
      ),
    },
    certs: {
      probe: vi.fn(async () =>
        ok({ fingerprint: presented, subject: 'CN=hub', issuer: 'CN=hub', validFrom: null, validTo: null }),
      ),
    },
    sessions: {
      login: vi.fn(async (_id, user, password) =>
        password === 'right'
          ? ok({ user, userType: 1, permission: 1, groupName: null, isHardware: null })
          : fail('AUTH_FAILED', 'Wrong password.', 39),
      ),
      loginRemembered: vi.fn(async () =>
        ok({ user: 'Admin', userType: 1, permission: 1, groupName: null, isHardware: null }),
      ),
      binding: vi.fn(() => ({ pin: null, mac: null })),
      logout: vi.fn(async () => {}),
    },
    monitor: {
      snapshot: () => [],
      onChanges: (l) => {
        changeListeners.add(l);
        return () => changeListeners.delete(l);
      },
      onUpdateEnded: () => () => {},
      refresh: vi.fn(),
      pause: vi.fn(),
      resume: vi.fn(),
      unblock: vi.fn(),
      configure: vi.fn(),
    },
    visits: {
      list: visitList,
      isSiteVisited: (id) => visitedSites.has(id),
      isHubVisited: (id) => {
        const hub = inv.hubs.find((h) => h.id === id);
        return hub ? visitedSites.has(hub.siteId) : null;
      },
      start: vi.fn(async (id: string) => {
        visitedSites.add(id);
        visitListeners.forEach((l) => l(visitList()));
        return ok(visitList());
      }),
      end: vi.fn(async (id: string) => {
        visitedSites.delete(id);
        visitListeners.forEach((l) => l(visitList()));
        return ok(visitList());
      }),
      onChange: (l) => {
        visitListeners.add(l);
        return () => visitListeners.delete(l);
      },
    },
    history: { page: vi.fn() },
    devices: {
      list: vi.fn(async (ids?: readonly string[]) =>
        (ids ?? inv.hubs.map((h) => h.id)).map((hubId) => ({
          hubId,
          asOf: null,
          devices: null,
          truncated: false,
          error: null,
          upgrading: false,
          stale: false,
        })),
      ),
      refresh: vi.fn(),
      onChange: (l) => {
        deviceListeners.add(l);
        return () => deviceListeners.delete(l);
      },
    },
    timeline: { get: vi.fn(async () => ok({ hub: 'h1', events: [], updates: [] })) },
    reports: {
      preview: vi.fn(),
      render: vi.fn(async (_request, format) =>
        ok({ content: `<html>report</html>`, suggestedName: `hubkeeper-report-studio.${format}` }),
      ),
    },
    settings: { get: () => structuredClone(DEFAULT_SETTINGS), set: vi.fn(), onChange: () => () => {} },
    secrets: new MemorySecretStore(opts.keychain ?? 'memory'),
    host: {
      transport: 'web',
      version: '0.1.0',
      platform: 'linux',
      capabilities: { printPdf: false, openExternal: false, fileDialogs: false },
      openTextFile: vi.fn(),
      saveFile: vi.fn(async (name) => ok({ saved: true, fileName: name })),
      openExternal: vi.fn(async () => true),
      printToPdf: vi.fn(),
    },
  };
  // A backend built without the device reader (`hubkeeper watch`).
  if (opts.noDevices) delete services.devices;
  const dispatcher = createDispatcher(services, {
    log: { info() {}, warn() {}, error() {} },
    checkResults: true,
    changeFlushMs: 10,
  });
  const events: { event: EventChannel; payload: unknown }[] = [];
  dispatcher.connect({ id: 'c1', send: (event, payload) => events.push({ event, payload }) });
  const call = async <C extends CallChannel>(channel: C, args: unknown) => {
    const envelope = await dispatcher.invoke(channel, args, { clientId: 'c1' });
    expect(envelopeSchema(calls[channel].result).safeParse(envelope).success, JSON.stringify(envelope)).toBe(true);
    return envelope as { ok: true; value: never } | { ok: false; error: { code: string; message: string } };
  };
  return {
    services,
    dispatcher,
    events,
    call,
    inv,
    setPresented: (fp: string) => (presented = fp),
    emitChanges: (c: HubChange[]) => changeListeners.forEach((l) => l(c)),
    emitDevices: (d: HubDevices) => deviceListeners.forEach((l) => l(d)),
    sweep: () => ({ callbacks: sweepCallbacks!, finish: finishSweep! }),
  };
}

describe('dispatcher: sessions and remembered passwords', () => {
  it('logs in, remembers when asked, and tells the renderer hasSavedPassword only', async () => {
    const t = setup();
    const res = await t.call('session:login', { hubId: 'h1', user: 'Admin', password: 'right', remember: true });
    expect(res).toMatchObject({ ok: true, value: { hubId: 'h1', remembered: true, refusedReason: null } });
    expect(JSON.stringify(res)).not.toContain('right');
    expect(t.services.monitor.unblock).toHaveBeenCalledWith(['h1']);
    const changed = t.events.find((e) => e.event === 'inventory:changed')!.payload as {
      upsertedHubs: { hasSavedPassword: boolean }[];
    };
    expect(changed.upsertedHubs[0]!.hasSavedPassword).toBe(true);
    expect(JSON.stringify(t.events)).not.toContain('right');
    // Next time without typing: the remembered password is used.
    // Next time without typing: the remembered password is used, through the session layer's
    // binding checks (not handed to it as if typed).
    (t.services.sessions.login as ReturnType<typeof vi.fn>).mockClear();
    expect(await t.call('session:login', { hubId: 'h1', user: 'Admin' })).toMatchObject({ ok: true });
    expect(t.services.sessions.loginRemembered).toHaveBeenCalledWith('h1');
    expect(t.services.sessions.login).not.toHaveBeenCalled();
  });

  it('remembers a password bound to what it was just sent to (pin and hardware address)', async () => {
    const t = setup();
    (t.services.sessions.binding as ReturnType<typeof vi.fn>).mockReturnValue({ pin: FP_A, mac: '02:00:00:00:00:01' });
    await t.call('session:login', { hubId: 'h1', user: 'Admin', password: 'right', remember: true });
    const saved = await t.services.secrets.load('h1');
    expect(saved.ok && JSON.parse(saved.value!)).toMatchObject({ pin: FP_A, mac: '02:00:00:00:00:01' });
  });

  it('refuses to remember without a keychain, explains why, and still logs in', async () => {
    const t = setup({ keychain: 'unavailable' });
    const res = await t.call('session:login', { hubId: 'h1', user: 'Admin', password: 'right', remember: true });
    expect(res).toMatchObject({
      ok: true,
      value: { remembered: false, refusedReason: expect.stringMatching(/keychain/) },
    });
    expect(t.services.secrets.has('h1')).toBe(false);
  });

  it('never stores a password that failed to log in', async () => {
    const t = setup();
    expect(
      await t.call('session:login', { hubId: 'h1', user: 'Admin', password: 'wrong', remember: true }),
    ).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    expect(t.services.secrets.has('h1')).toBe(false);
    expect(await t.call('session:login', { hubId: 'h1', user: 'Admin' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('logs in to a whole site and reports each hub', async () => {
    const t = setup();
    const res = await t.call('session:loginSite', { siteId: 's1', user: 'Admin', password: 'right' });
    expect(res).toMatchObject({
      ok: true,
      value: { results: [{ hubId: 'h1', ok: true, error: null }], remembered: false },
    });
  });

  it('forgets passwords and says how many', async () => {
    const t = setup();
    await t.call('session:login', { hubId: 'h1', user: 'Admin', password: 'right', remember: true });
    expect(await t.call('credentials:forget', { hubIds: ['h1'] })).toEqual({ ok: true, value: { forgotten: 1 } });
    expect(t.services.secrets.has('h1')).toBe(false);
  });
});

describe('dispatcher: certificate trust', () => {
  it('shows an unpinned certificate, pins exactly what was shown, then matches', async () => {
    const t = setup();
    expect(await t.call('cert:inspect', { hubId: 'h1' })).toMatchObject({
      ok: true,
      value: { state: 'unpinned', pinned: null, presented: { fingerprint: FP_A }, port: 443 },
    });
    expect(await t.call('cert:trust', { hubId: 'h1', fingerprint: FP_A })).toMatchObject({
      ok: true,
      value: { state: 'matches', pinned: FP_A },
    });
    expect(t.services.inventory.setPin).toHaveBeenCalledWith('h1', 443, FP_A);
    expect(t.services.monitor.unblock).toHaveBeenCalledWith(['h1']);
  });

  it('reports a changed certificate, and refuses to pin one the user was not shown', async () => {
    const t = setup();
    await t.call('cert:trust', { hubId: 'h1', fingerprint: FP_A });
    t.setPresented(FP_B);
    expect(await t.call('cert:inspect', { hubId: 'h1' })).toMatchObject({
      ok: true,
      value: { state: 'changed', pinned: FP_A, presented: { fingerprint: FP_B } },
    });
    (t.services.inventory.setPin as ReturnType<typeof vi.fn>).mockClear();
    expect(await t.call('cert:trust', { hubId: 'h1', fingerprint: FP_A })).toMatchObject({
      ok: false,
      error: { code: 'CERT_CHANGED' },
    });
    expect(t.services.inventory.setPin).not.toHaveBeenCalled();
    // Re-trust: the user looked at the new fingerprint and accepts it.
    expect(await t.call('cert:trust', { hubId: 'h1', fingerprint: FP_B })).toMatchObject({
      ok: true,
      value: { pinned: FP_B },
    });
  });

  it('forgets the remembered password when a hub is re-pinned, so a login needs it typed again', async () => {
    const t = setup();
    await t.call('cert:trust', { hubId: 'h1', fingerprint: FP_A });
    await t.call('session:login', { hubId: 'h1', user: 'Admin', password: 'right', remember: true });
    expect(t.services.secrets.has('h1')).toBe(true);
    t.setPresented(FP_B);
    expect(await t.call('cert:trust', { hubId: 'h1', fingerprint: FP_B })).toMatchObject({ ok: true });
    expect(t.services.secrets.has('h1')).toBe(false);
    const announced = t.events.filter((e) => e.event === 'inventory:changed').at(-1)!.payload as {
      upsertedHubs: { hasSavedPassword: boolean }[];
    };
    expect(announced.upsertedHubs[0]!.hasSavedPassword).toBe(false);
    (t.services.sessions.loginRemembered as ReturnType<typeof vi.fn>).mockClear();
    expect(await t.call('session:login', { hubId: 'h1', user: 'Admin' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringMatching(/type it/) },
    });
    expect(t.services.sessions.loginRemembered).not.toHaveBeenCalled();
  });

  it('keeps the remembered password when the same certificate is trusted again', async () => {
    const t = setup();
    await t.call('cert:trust', { hubId: 'h1', fingerprint: FP_A });
    await t.call('session:login', { hubId: 'h1', user: 'Admin', password: 'right', remember: true });
    await t.call('cert:trust', { hubId: 'h1', fingerprint: FP_A });
    expect(t.services.secrets.has('h1')).toBe(true);
  });

  it('answers NOT_FOUND for unknown hubs rather than guessing', async () => {
    const t = setup();
    for (const [channel, args] of [
      ['cert:inspect', { hubId: 'nope' }],
      ['session:login', { hubId: 'nope', user: 'Admin', password: 'x' }],
      ['history:page', { hubId: 'nope', start: 0, count: 5 }],
      ['timeline:get', { hubId: 'nope' }],
      ['monitor:refresh', { hubIds: ['nope'] }],
      ['app:openHubWebUi', { hubId: 'nope' }],
    ] as const) {
      expect(await t.call(channel, args)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });
});

describe('dispatcher: discovery', () => {
  it('runs one sweep at a time, pushes progress and finds, and adds finds by candidate id', async () => {
    const t = setup();
    expect(await t.call('discovery:start', { target: 'bad' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    const started = (await t.call('discovery:start', { target: '127.0.0.0/24' })) as {
      ok: true;
      value: { sweepId: string; total: number };
    };
    expect(started.value.total).toBe(254);
    expect(await t.call('discovery:start', { target: '127.0.0.0/24' })).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    });
    const { callbacks, finish } = t.sweep();
    callbacks.onProgress({ done: 10, total: 254, hubsFound: 0, othersFound: 0 });
    callbacks.onHub({ address: '127.0.0.9', endpoints: [{ scheme: 'http', port: 80, fingerprint: null }] });
    finish({ cancelled: false });
    await new Promise((r) => setTimeout(r, 0));
    const names = t.events.map((e) => e.event);
    expect(names).toEqual(expect.arrayContaining(['discovery:progress', 'discovery:found', 'discovery:finished']));
    const found = t.events.find((e) => e.event === 'discovery:found')!.payload as { hub: { candidateId: string } };
    const finished = t.events.find((e) => e.event === 'discovery:finished')!.payload as {
      outcome: string;
      result: { hubs: { candidateId: string }[] };
    };
    expect(finished.outcome).toBe('done');
    expect(finished.result.hubs[0]!.candidateId).toBe(found.hub.candidateId);
    const added = await t.call('discovery:addFound', {
      sweepId: started.value.sweepId,
      candidateIds: [found.hub.candidateId],
      siteId: 's1',
    });
    expect(added).toMatchObject({ ok: true, value: { added: [{ address: '127.0.0.9', hasSavedPassword: false }] } });
    expect(
      await t.call('discovery:addFound', { sweepId: started.value.sweepId, candidateIds: ['made-up'], siteId: 's1' }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses a public target until the user confirms it, then sweeps it with allowPublic', async () => {
    const t = setup();
    const sweepMock = t.services.discovery.sweep as ReturnType<typeof vi.fn>;
    const refused = await t.call('discovery:start', { target: '8.8.8.0/24' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_PERMITTED' } });
    expect(!refused.ok && refused.error.message).toMatch(/254 public addresses/);
    expect(await t.call('discovery:start', { target: '224.0.0.1', allowPublic: false })).toMatchObject({
      ok: false,
      error: { code: 'NOT_PERMITTED' },
    });
    expect(sweepMock).not.toHaveBeenCalled();
    expect(await t.call('discovery:start', { target: '8.8.8.0/24', allowPublic: true })).toMatchObject({
      ok: true,
      value: { total: 254 },
    });
    expect(sweepMock).toHaveBeenCalledTimes(1);
    expect(sweepMock.mock.calls[0]![0]).toBe('8.8.8.0/24');
    expect(sweepMock.mock.calls[0]![3]).toBe(true);
    expect(await t.call('discovery:start', { target: '8.8.8.0/24', allowPublic: 'yes' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
  });

  it('cancels a sweep through its signal', async () => {
    const t = setup();
    const started = (await t.call('discovery:start', { target: '127.0.0.0/24' })) as {
      ok: true;
      value: { sweepId: string };
    };
    expect(await t.call('discovery:cancel', { sweepId: started.value.sweepId })).toEqual({
      ok: true,
      value: { done: true },
    });
    expect(t.sweep().callbacks.signal.aborted).toBe(true);
  });

  it('adds typed entries with a per-entry outcome', async () => {
    const t = setup();
    expect(await t.call('discovery:addManual', { text: '127.0.0.9', siteId: 's1' })).toMatchObject({
      ok: true,
      value: { entries: [{ outcome: 'hub' }], added: [{ address: '127.0.0.9' }] },
    });
    expect(await t.call('discovery:addManual', { text: '127.0.0.9', siteId: 'gone' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('dispatcher: monitor pushes', () => {
  it('coalesces changes per hub into one numbered push, only to subscribers', async () => {
    const t = setup();
    t.emitChanges([{ hubId: 'h1', at: 't1', changes: { progress: 10 } }]);
    await new Promise((r) => setTimeout(r, 30));
    expect(t.events.filter((e) => e.event === 'monitor:changed')).toHaveLength(0);
    const snap = (await t.call('monitor:subscribe', {})) as { ok: true; value: { seq: number } };
    t.emitChanges([{ hubId: 'h1', at: 't2', changes: { progress: 20 } }]);
    t.emitChanges([{ hubId: 'h1', at: 't3', changes: { progress: 30, version: '2.1.28' } }]);
    await new Promise((r) => setTimeout(r, 30));
    const pushes = t.events
      .filter((e) => e.event === 'monitor:changed')
      .map((e) => e.payload as { seq: number; changes: HubChange[] });
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.seq).toBe(snap.value.seq + 1);
    expect(pushes[0]!.changes).toEqual([{ hubId: 'h1', at: 't3', changes: { progress: 30, version: '2.1.28' } }]);
  });
});

describe('dispatcher: reports, app', () => {
  it('saves a report through the host and refuses PDF where printing is unavailable', async () => {
    const t = setup();
    expect(await t.call('report:save', { scope: { siteId: 's1' }, technician: 'Li', format: 'html' })).toEqual({
      ok: true,
      value: { saved: true, fileName: 'hubkeeper-report-studio.html' },
    });
    expect(await t.call('report:printPdf', { scope: { siteId: 's1' }, technician: 'Li' })).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    });
    expect(await t.call('report:save', { scope: { hubIds: ['zz'] }, technician: 'Li', format: 'csv' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('builds the hub web-UI URL itself and only from the inventory', async () => {
    const t = setup();
    expect(await t.call('app:openHubWebUi', { hubId: 'h1' })).toEqual({
      ok: true,
      value: { opened: false, url: 'https://127.0.0.2/' },
    });
    expect(hubWebUiUrl('fe80::1', [{ scheme: 'http', port: 8080 }])).toBe('http://[fe80::1]:8080/');
    expect(hubWebUiUrl('evil.example/path?x', [{ scheme: 'http', port: 80 }])).toBeNull();
    expect(hubWebUiUrl('user@host', [{ scheme: 'http', port: 80 }])).toBeNull();
    expect(hubWebUiUrl('127.0.0.2', [])).toBeNull();
  });

  it('reports keychain availability in app:info', async () => {
    expect(await setup({ keychain: 'unavailable' }).call('app:info', {})).toMatchObject({
      ok: true,
      value: { keychain: { available: false }, transport: 'web' },
    });
  });
});

describe('dispatcher: site visits', () => {
  it('sends nothing to a hub of a site nobody visits: login, refresh, history, certificate and web UI answer NOT_VISITED', async () => {
    const t = setup({ visited: [] });
    await t.services.secrets.save('h1', JSON.stringify({ user: 'Admin', password: 'right' }));
    const refusals = [
      await t.call('session:login', { hubId: 'h1', user: 'Admin', password: 'right' }),
      await t.call('session:login', { hubId: 'h1', user: 'Admin' }),
      await t.call('monitor:refresh', { hubIds: ['h1'] }),
      await t.call('history:page', { hubId: 'h1', start: 0, count: 10 }),
      await t.call('cert:inspect', { hubId: 'h1' }),
      await t.call('cert:trust', { hubId: 'h1', fingerprint: FP_A }),
      await t.call('app:openHubWebUi', { hubId: 'h1' }),
    ];
    for (const res of refusals) expect(res).toMatchObject({ ok: false, error: { code: 'NOT_VISITED' } });
    expect(refusals[0]!.ok ? '' : refusals[0]!.error.message).toMatch(/Studio/);
    expect(t.services.sessions.login).not.toHaveBeenCalled();
    expect(t.services.monitor.refresh).not.toHaveBeenCalled();
    expect(t.services.history.page).not.toHaveBeenCalled();
    expect(t.services.certs.probe).not.toHaveBeenCalled();
    expect(t.services.host.openExternal).not.toHaveBeenCalled();
  });

  it("starts and ends visits, answers and broadcasts every site's state, and lists it with the inventory and the snapshot", async () => {
    const t = setup({ visited: [] });
    const started = await t.call('visit:start', { siteId: 's1' });
    expect(started).toMatchObject({ ok: true, value: { visits: [{ siteId: 's1', visited: true }] } });
    expect(t.events.filter((e) => e.event === 'visit:changed').at(-1)?.payload).toMatchObject({
      visits: [{ siteId: 's1', visited: true }],
    });
    expect(await t.call('inventory:list', {})).toMatchObject({ ok: true, value: { visits: [{ visited: true }] } });
    expect(await t.call('monitor:subscribe', {})).toMatchObject({ ok: true, value: { visits: [{ visited: true }] } });
    expect(await t.call('session:login', { hubId: 'h1', user: 'Admin', password: 'right' })).toMatchObject({
      ok: true,
    });
    expect(await t.call('visit:end', { siteId: 's1' })).toMatchObject({
      ok: true,
      value: { visits: [{ siteId: 's1', visited: false }] },
    });
  });

  it('logging in to a site and adding hubs to a site start its visit', async () => {
    const t = setup({ visited: [] });
    expect(await t.call('session:loginSite', { siteId: 's1', user: 'Admin', password: 'right' })).toMatchObject({
      ok: true,
    });
    expect(t.services.visits.start).toHaveBeenCalledWith('s1');
    const other = setup({ visited: [] });
    expect(await other.call('discovery:addManual', { text: '127.0.0.9', siteId: 's1' })).toMatchObject({ ok: true });
    expect(other.services.visits.start).toHaveBeenCalledWith('s1');
  });
});

describe('dispatcher: managed devices', () => {
  it('lists last-known devices of known hubs only, reads a visited hub on refresh and pushes devices:changed', async () => {
    const t = setup();
    expect(await t.call('devices:list', {})).toMatchObject({ ok: true, value: { hubs: [{ hubId: 'h1' }] } });
    expect(await t.call('devices:list', { hubIds: ['h1', 'nope'] })).toMatchObject({
      ok: true,
      value: { hubs: [{ hubId: 'h1' }] },
    });
    expect(t.services.devices?.list).toHaveBeenLastCalledWith(['h1']);
    expect(await t.call('devices:refresh', { hubId: 'h1' })).toMatchObject({ ok: true, value: { done: true } });
    expect(t.services.devices?.refresh).toHaveBeenCalledWith('h1');
    const pushed: HubDevices = {
      hubId: 'h1',
      asOf: '2026-01-01T00:00:00.000Z',
      devices: [],
      truncated: false,
      error: null,
      upgrading: false,
      stale: false,
    };
    t.emitDevices(pushed);
    expect(t.events.filter((e) => e.event === 'devices:changed').map((e) => e.payload)).toEqual([pushed]);
  });

  it('refuses to read the devices of a hub nobody visits, or of an unknown hub', async () => {
    const t = setup({ visited: [] });
    expect(await t.call('devices:refresh', { hubId: 'h1' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_VISITED' },
    });
    expect(await t.call('devices:refresh', { hubId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(t.services.devices?.refresh).not.toHaveBeenCalled();
  });

  it('answers UNAVAILABLE when the backend was built without devices', async () => {
    const t = setup({ noDevices: true });
    expect(await t.call('devices:list', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(await t.call('devices:refresh', { hubId: 'h1' })).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    });
  });
});
