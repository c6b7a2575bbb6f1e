// Data folders for the watch/timeline/report CLI tests: an inventory made through the inventory
// module's own API, and a store written through the store's API.
import { InventoryStore } from '../../electron/core/inventory';
import type { InventoryHub } from '../../electron/shared/inventory';

export async function makeInventory(
  dataDir: string,
  site: { name: string; defaultUser?: string },
  hubs: Array<{ host: string; port: number; name: string }>,
): Promise<InventoryHub[]> {
  const opened = await InventoryStore.open(dataDir, { now: () => new Date(Date.UTC(2024, 0, 1)) });
  if (!opened.ok) throw new Error(opened.error.message);
  const inv = opened.value;
  const created = await inv.addSite({ name: site.name, defaultUser: site.defaultUser ?? 'Admin', notes: '' });
  if (!created.ok) throw new Error(created.error.message);
  const added = await inv.addHubs(
    created.value.id,
    hubs.map((h) => ({ address: h.host, endpoints: [{ scheme: 'http' as const, port: h.port, fingerprint: null }] })),
  );
  if (!added.ok) throw new Error(added.error.message);
  const out: InventoryHub[] = [];
  for (const [i, hub] of added.value.added.entries()) {
    const renamed = await inv.updateHub(hub.id, { name: hubs[i]!.name });
    if (!renamed.ok) throw new Error(renamed.error.message);
    out.push(renamed.value);
  }
  return out;
}
