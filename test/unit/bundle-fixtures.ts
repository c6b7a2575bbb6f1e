// A data folder with one site, made through the inventory's and the store's own APIs, for the
// bundle tests: two hubs (one HTTPS with a pinned certificate), statuses, versions, timelines.
import { InventoryStore } from '../../electron/core/inventory';
import { HubStore } from '../../electron/core/store/hub-store';
import type { TimelineEvent } from '../../electron/shared/timeline';
import { encodeBundle } from '../../electron/core/bundles';
import type { BundleContent } from '../../electron/shared/bundle';
import { live } from './tracking-fixtures';

export const BUNDLE_PIN = `sha256:${'ab'.repeat(32)}`;
/** Appears in the site's default user: a bundle must never carry it. */
export const SECRET_USER = 'svc-operator-7731';

const iso = (h: number, m = 0) => new Date(Date.UTC(2026, 11, 1, h, m)).toISOString();

export const UPDATE_EVENTS: TimelineEvent[] = [
  { at: iso(9, 10), type: 'download-started', from: '2.1.27', target: '2.1.28' },
  { at: iso(9, 12), type: 'progress', percent: 50 },
  { at: iso(9, 15), type: 'restarting' },
  { at: iso(9, 18), type: 'version-changed', from: '2.1.27', to: '2.1.28' },
  {
    at: iso(9, 18),
    type: 'update-finished',
    outcome: 'verified',
    reason: 'new-version',
    to: '2.1.28',
    updateResult: null,
  },
];

export interface SeededSite {
  inventory: InventoryStore;
  store: HubStore;
  siteId: string;
  hubIds: string[];
}

/**
 * Seeds `dataDir` with the site `name` whose hubs answer (if anything ever asked) at `hosts`
 * on the given ports: the first over HTTP, the second over HTTPS with BUNDLE_PIN pinned.
 */
export async function seedSite(
  dataDir: string,
  name: string,
  hubs: { host: string; port: number; name: string }[],
): Promise<SeededSite> {
  const inventory = await InventoryStore.open(dataDir);
  if (!inventory.ok) throw new Error(inventory.error.message);
  const site = await inventory.value.addSite({ name, defaultUser: SECRET_USER, notes: 'Rack 3, behind the stage' });
  if (!site.ok) throw new Error(site.error.message);
  const hubIds: string[] = [];
  for (const [i, hub] of hubs.entries()) {
    const scheme = i % 2 === 0 ? ('http' as const) : ('https' as const);
    const added = await inventory.value.addHubs(site.value.id, [
      { address: hub.host, endpoints: [{ scheme, port: hub.port, fingerprint: null }] },
    ]);
    if (!added.ok) throw new Error(added.error.message);
    const id = added.value.added[0]!.id;
    await inventory.value.updateHub(id, { name: hub.name });
    if (scheme === 'https') await inventory.value.setPin(id, hub.port, BUNDLE_PIN);
    hubIds.push(id);
  }
  const store = await HubStore.open(dataDir);
  if (!store.ok) throw new Error(store.error.message);
  for (const id of hubIds) {
    const online = {
      checkedAt: iso(8),
      checkResult: 0,
      updateResult: 0,
      isNewest: true,
      newest: { version: '2.1.28', digest: 'c'.repeat(64), preRelease: false, releasedAt: iso(0) },
      checkEnabled: true,
      includePreRelease: false,
    };
    await store.value.writeStatus(id, {
      savedAt: iso(9, 30),
      live: live(id, { version: '2.1.28', online, lastSuccessAt: iso(9, 29) }),
      tracker: { version: '2.1.28', newest: '2.1.28', reachable: true, consecutiveFailures: 0, open: null },
    });
    await store.value.writeVersions(id, {
      asOf: iso(9, 20),
      total: 2,
      entries: [
        { version: '2.1.28', digest: 'c'.repeat(64), preRelease: false, releasedAt: iso(0) },
        { version: '2.1.27', digest: 'd'.repeat(64), preRelease: false, releasedAt: null },
      ],
    });
    await store.value.appendEvents(id, UPDATE_EVENTS);
  }
  await store.value.flush();
  return { inventory: inventory.value, store: store.value, siteId: site.value.id, hubIds };
}

const dayIso = (day: number) => new Date(Date.UTC(2026, 0, 1 + (day % 300))).toISOString();

/**
 * A valid bundle's text of about `megabytes` MB (larger than one message of the preview's
 * WebSocket when over 6): a site with a Chinese name and long version lists.
 */
export function bigBundle(bundleId: string, megabytes: number): string {
  const entries = (hub: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      version: `2.${hub}.${i}`,
      digest: (i * 7919 + hub).toString(16).padStart(64, 'f'),
      preRelease: i % 5 === 0,
      releasedAt: dayIso(i),
    }));
  const hub = (i: number, n: number): BundleContent['hubs'][number] => ({
    id: `hub-${i}`,
    name: `机架 ${i}`,
    address: `127.0.66.${i + 2}`,
    endpoints: [{ scheme: 'http', port: 80, pin: null }],
    notes: '',
    addedAt: dayIso(0),
    status: null,
    versions: { asOf: dayIso(1), total: n, entries: entries(i, n) },
    events: [],
    eventsTruncated: false,
  });
  // About 170 bytes per version entry as the encoder writes it.
  const perHub = Math.ceil((megabytes * 1024 * 1024) / 170 / 2);
  const content: BundleContent = {
    bundleId,
    takenAt: dayIso(2),
    hubkeeperVersion: '1.0.0-test',
    technician: '李伟',
    site: { name: '港口演播室 Harbour', notes: '' },
    visit: null,
    hubs: [hub(0, perHub), hub(1, perHub)],
  };
  const encoded = encodeBundle(content);
  if (!encoded.ok) throw new Error(encoded.error.message);
  return encoded.value;
}
