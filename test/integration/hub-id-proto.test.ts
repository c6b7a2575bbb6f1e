import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/core/app/backend';
import { inventoryToJson } from '../../electron/core/inventory/inventory-json';
import { InventoryStore } from '../../electron/core/inventory/inventory-store';
import { HubStore } from '../../electron/core/store/hub-store';
import { SafeStorageSecretStore, type SafeStorageLike } from '../../electron/main/secret-store';
import type { HubLiveState } from '../../electron/shared/monitor';
import type { Inventory } from '../../electron/shared/inventory';
import { startHub, type SimulatedHub } from '../simulator';
import { openTestBackend } from './backend-harness';
import { waitFor } from './monitor-harness';

/**
 * Hub and site ids such as `__proto__` or `constructor` are ids like any other, end to end: the
 * inventory, the remembered-password file, the monitor and the store. (A plain object keyed by
 * id would hand back Object.prototype members or silently drop the entry.) Hubs on 127.0.58.x.
 */
const IDS = ['__proto__', 'constructor', 'toString'];
const PASSWORD = 'Proto-Pass-58';
const USERS = [{ name: 'Admin', password: PASSWORD, type: 1, permission: 0xffffffff }];
const CTX = { clientId: 'test' };

const safeStorage: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (s) => Buffer.from(s, 'utf8').reverse(),
  decryptString: (b) => Buffer.from(b).reverse().toString('utf8'),
};

let dir: string;
let hubs: SimulatedHub[];
let backend: Backend;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hk-proto-'));
  hubs = await Promise.all(
    IDS.map((_, i) => startHub({ host: `127.0.58.${i + 2}`, port: 0, scenario: 'idle', users: USERS })),
  );
});
afterAll(async () => {
  await Promise.all(hubs.map((h) => h.stop()));
  await rm(dir, { recursive: true, force: true });
});

function stateOf(id: string): HubLiveState | undefined {
  return backend.services.monitor.snapshot().find((s) => s.hubId === id);
}

function secrets() {
  return new SafeStorageSecretStore(safeStorage, path.join(dir, 'credentials.json'), 'linux');
}

describe('hub ids that are Object.prototype names', () => {
  it('are imported, logged into with a remembered password, polled, recorded and read back', async () => {
    const inventory: Inventory = {
      schemaVersion: 1,
      sites: [{ id: 'constructor', name: 'Proto site', defaultUser: 'Admin', notes: '' }],
      hubs: IDS.map((id, i) => ({
        id,
        siteId: 'constructor',
        name: `Hub ${id}`,
        address: `127.0.58.${i + 2}`,
        endpoints: [{ scheme: 'http' as const, port: hubs[i]!.port, pin: null }],
        notes: '',
        addedAt: '2026-01-01T00:00:00.000Z',
      })),
    };
    ({ backend } = await openTestBackend(dir, { secrets: secrets() }));
    try {
      const { dispatcher } = backend;
      const imported = await dispatcher.invoke(
        'inventory:importText',
        { text: inventoryToJson(inventory), format: 'json' },
        CTX,
      );
      expect(imported).toMatchObject({ ok: true, value: { report: { added: 3, bad: [] } } });
      // Traffic follows the technician: the site is being visited.
      expect((await dispatcher.invoke('visit:start', { siteId: 'constructor' }, CTX)).ok).toBe(true);
      for (const id of IDS) {
        const login = await dispatcher.invoke(
          'session:login',
          { hubId: id, user: 'Admin', password: PASSWORD, remember: true },
          CTX,
        );
        expect(login, id).toMatchObject({ ok: true, value: { hubId: id, remembered: true } });
      }
      const list = await dispatcher.invoke('inventory:list', {}, CTX);
      expect(list.ok).toBe(true);
      if (list.ok) {
        const view = list.value as { hubs: Array<{ id: string; hasSavedPassword: boolean }> };
        expect(view.hubs.map((h) => [h.id, h.hasSavedPassword])).toEqual(IDS.map((id) => [id, true]));
      }
      // The monitor polls each one under its own id.
      await waitFor(() => IDS.every((id) => stateOf(id)?.lastSuccessAt), 20_000, 'a successful poll of every hub');
      const states = IDS.map((id) => stateOf(id) as HubLiveState);
      expect(states.map((s) => s.hubId)).toEqual(IDS);
    } finally {
      await backend.stop();
    }

    // On disk, each under its own id: the store, the inventory, the remembered passwords.
    const store = await HubStore.open(dir);
    if (!store.ok) throw new Error(store.error.message);
    expect(await store.value.hubIds()).toEqual([...IDS].sort());
    for (const id of IDS) {
      const status = await store.value.readStatus(id);
      expect(status.ok && status.value?.hubId, id).toBe(id);
    }
    const reopened = await InventoryStore.open(dir);
    if (!reopened.ok) throw new Error(reopened.error.message);
    expect(reopened.value.get().hubs.map((h) => h.id)).toEqual(IDS);
    const remembered = secrets();
    for (const id of IDS) expect(await remembered.load(id), id).toMatchObject({ ok: true, value: expect.any(String) });
  }, 60_000);
});

describe('CSV headers that are Object.prototype names', () => {
  it('are unknown columns, reported and ignored, like any other', async () => {
    const { parseInventoryCsv } = await import('../../electron/core/inventory/inventory-csv');
    const parsed = parseInventoryCsv('site,address,http_port,constructor,__proto__,toString\nS,127.0.58.9,80,x,y,z\n');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.bad).toEqual([]);
    expect(parsed.value.rows).toHaveLength(1);
    expect(parsed.value.warnings.map((w) => w.message)).toEqual([
      'column "constructor" is not known and was ignored',
      'column "__proto__" is not known and was ignored',
      'column "toString" is not known and was ignored',
    ]);
  });
});
