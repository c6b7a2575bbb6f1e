import { describe, expect, it } from 'vitest';
import { logBackendEvents, logHubCallFailure, withLoginLog, withSweepLog } from '../../electron/core/app/event-log';
import type { DiscoveryPort, InventoryPort, MonitorPort, SessionPort } from '../../electron/core/app/ports';
import type { HubChange } from '../../electron/shared/monitor';
import type { InventoryHub } from '../../electron/shared/inventory';
import type { UpdateRecord } from '../../electron/shared/timeline';

/** The backend's events become log lines with the hub id: failures, logins, certificates, sweeps, updates. */

function recorder() {
  const lines: { level: string; message: string; detail?: Record<string, unknown> }[] = [];
  const at = (level: string) => (message: string, detail?: Record<string, unknown>) =>
    lines.push({ level, message, ...(detail ? { detail } : {}) });
  return { lines, log: { info: at('info'), warn: at('warn'), error: at('error') } };
}

const hub = (pin: string | null): InventoryHub => ({
  id: 'hub-1',
  siteId: 's1',
  name: 'Rack',
  address: '127.0.10.5',
  endpoints: [{ scheme: 'https', port: 443, pin }],
  notes: '',
  addedAt: '2026-01-01T00:00:00.000Z',
});

function sources() {
  let onChanges: (c: HubChange[]) => void = () => {};
  let onEnded: (id: string, r: UpdateRecord) => void = () => {};
  let onInventory: Parameters<InventoryPort['onChange']>[0] = () => {};
  const monitor = {
    onChanges: (fn: typeof onChanges) => ((onChanges = fn), () => (onChanges = () => {})),
    onUpdateEnded: (fn: typeof onEnded) => ((onEnded = fn), () => {}),
  } as unknown as MonitorPort;
  const inventory = {
    get: () => ({ sites: [], hubs: [hub(null)] }),
    onChange: (fn: typeof onInventory) => ((onInventory = fn), () => {}),
  } as unknown as InventoryPort;
  return {
    monitor,
    inventory,
    changes: (c: HubChange['changes']) => onChanges([{ hubId: 'hub-1', at: '2026-01-01T00:00:00.000Z', changes: c }]),
    ended: (r: Partial<UpdateRecord>) => onEnded('hub-1', r as UpdateRecord),
    inventoryChanged: (hubs: InventoryHub[]) =>
      onInventory({ upsertedSites: [], upsertedHubs: hubs, removedSiteIds: [], removedHubIds: [] }),
  };
}

describe('logBackendEvents', () => {
  it('logs hub failures, offline and back, login failures and certificate changes with the hub id', () => {
    const { lines, log } = recorder();
    const s = sources();
    const off = logBackendEvents(s, log);
    s.changes({
      error: { code: 'TIMEOUT', hubCode: null, message: 'The hub did not answer in time.' },
      consecutiveFailures: 1,
    });
    s.changes({ offline: true });
    s.changes({ offline: false, error: null });
    s.changes({ blockedBy: 'AUTH_FAILED', error: { code: 'AUTH_FAILED', hubCode: null, message: 'Wrong password.' } });
    s.changes({ blockedBy: 'CERT_CHANGED' });
    s.changes({ consecutiveFailures: 2 }); // nothing new: no line
    expect(lines.map((l) => [l.level, l.message, l.detail?.hubId])).toEqual([
      ['warn', 'hub request failed', 'hub-1'],
      ['warn', 'hub offline', 'hub-1'],
      ['info', 'hub answering again', 'hub-1'],
      ['warn', 'login failed: polling stopped until the password is entered again', 'hub-1'],
      ['warn', 'hub request failed', 'hub-1'],
      ['error', 'certificate changed: polling stopped until the new certificate is trusted', 'hub-1'],
    ]);
    expect(lines[0]!.detail).toMatchObject({ code: 'TIMEOUT' });
    off();
    s.changes({ offline: true });
    expect(lines).toHaveLength(6);
  });

  it('logs update outcomes and certificate pins set or removed', () => {
    const { lines, log } = recorder();
    const s = sources();
    logBackendEvents(s, log);
    s.ended({ outcome: 'verified', from: '1.0', to: '1.1', updateResult: null });
    s.ended({ outcome: 'failed', from: '1.0', to: '1.1', updateResult: 7 });
    s.inventoryChanged([hub('AA:BB')]);
    s.inventoryChanged([hub('AA:BB')]); // unchanged: no line
    s.inventoryChanged([hub(null)]);
    expect(lines.map((l) => [l.level, l.message])).toEqual([
      ['info', 'update verified'],
      ['error', 'update failed'],
      ['info', 'certificate pinned'],
      ['info', 'certificate pin removed'],
    ]);
    expect(lines[1]!.detail).toMatchObject({ hubId: 'hub-1', updateResult: 7 });
  });
});

describe('withSweepLog and withLoginLog', () => {
  it('logs a sweep when it starts and ends, and a failed login without the password', async () => {
    const { lines, log } = recorder();
    const discovery = withSweepLog(
      {
        sweep: async () => ({
          ok: true,
          value: {
            cancelled: false,
            result: { target: '127.0.10.0/29', ports: [80], scanned: 6, elapsedMs: 12, hubs: [], others: [] },
          },
        }),
      } as unknown as DiscoveryPort,
      log,
    );
    await discovery.sweep('127.0.10.0/29', [80], { signal: new AbortController().signal, onProgress() {}, onHub() {} });
    const sessions = withLoginLog(
      {
        login: async () => ({ ok: false, error: { code: 'AUTH_FAILED', message: 'Wrong user name or password.' } }),
        loginRemembered: async () => ({ ok: true, value: {} }),
      } as unknown as SessionPort,
      log,
    );
    await sessions.login('hub-1', 'admin', 'typed-secret');
    await sessions.loginRemembered('hub-1');
    expect(lines.map((l) => [l.level, l.message])).toEqual([
      ['info', 'sweep started'],
      ['info', 'sweep finished'],
      ['warn', 'login failed'],
      ['info', 'logged in'],
    ]);
    expect(lines[1]!.detail).toMatchObject({ scanned: 6, hubs: 0 });
    expect(JSON.stringify(lines)).not.toContain('typed-secret');
  });
});

describe("logHubCallFailure (the CLI's one-shot commands)", () => {
  it('says a refused login, a changed certificate and any other failure as the backend does, with the hub', () => {
    const { lines, log } = recorder();
    const error = (code: string) => ({ code, hubCode: null, message: `${code} happened` }) as never;
    logHubCallFailure(log, 'http://127.0.10.5', 'Reading the update status', error('AUTH_FAILED'));
    logHubCallFailure(log, 'https://127.0.10.5', 'Reading the update status', error('CERT_CHANGED'));
    logHubCallFailure(log, 'http://127.0.10.5', 'Reading the devices', error('TIMEOUT'));
    expect(lines.map((l) => [l.level, l.message, l.detail?.hubId, l.detail?.code])).toEqual([
      ['warn', 'login failed', 'http://127.0.10.5', 'AUTH_FAILED'],
      ['error', 'certificate changed: not the pinned certificate', 'https://127.0.10.5', 'CERT_CHANGED'],
      ['warn', 'hub request failed', 'http://127.0.10.5', 'TIMEOUT'],
    ]);
    expect(lines[2]!.detail).toMatchObject({ what: 'Reading the devices', message: 'TIMEOUT happened' });
  });
});
