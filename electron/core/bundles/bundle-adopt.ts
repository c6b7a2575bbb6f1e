import type { BundleContent } from '../../shared/bundle';
import type { BundleAdopted } from '../../shared/bundle-models';
import { fail, ok, type Result } from '../../shared/errors';
import type { InventoryPort } from '../inventory/inventory-port';

/**
 * Take bundled hubs into the user's own inventory. They go to the user's site of the same name
 * (created when there is none) with their names and notes, but WITHOUT their certificate pins:
 * a pin read from a file is not trust, so every HTTPS endpoint is confirmed again by the user
 * (the bundled fingerprint is handed back only to compare). Adding hubs starts no visit: a new
 * site is not visited, and a site being visited is refused so nothing is sent by surprise.
 */
export async function adoptBundleHubs(
  inventory: InventoryPort,
  /** Whether a site is being visited now (the app's visit scope). */
  visits: { isSiteVisited(siteId: string): boolean },
  content: BundleContent,
  hubIds: readonly string[] | undefined,
): Promise<Result<BundleAdopted>> {
  const wanted = hubIds === undefined ? content.hubs : content.hubs.filter((h) => hubIds.includes(h.id));
  if (wanted.length === 0) return fail('NOT_FOUND', 'None of those hubs is in this bundle.');
  const name = content.site.name;
  let site = inventory.get().sites.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (site && visits.isSiteVisited(site.id))
    return fail(
      'BAD_INPUT',
      `Your site "${site.name}" is being visited: end the visit first, so the adopted hubs get no traffic until you start one.`,
    );
  if (!site) {
    const created = await inventory.addSite({ name, defaultUser: '', notes: content.site.notes });
    if (!created.ok) return created;
    site = created.value;
  }
  const added = await inventory.addHubs(
    site.id,
    wanted.map((h) => ({
      address: h.address,
      endpoints: h.endpoints.map((e) => ({ scheme: e.scheme, port: e.port, fingerprint: null })),
    })),
  );
  if (!added.ok) return added;
  // Names and notes come along for the hubs that are new here (existing ones keep the user's).
  for (const hub of added.value.added) {
    const source = wanted.find((w) => w.address === hub.address);
    if (source && (source.name !== '' || source.notes !== ''))
      await inventory.updateHub(hub.id, { name: source.name, notes: source.notes });
  }
  const byAddress = new Map(inventory.get().hubs.map((h) => [h.address, h.id]));
  const pinsToConfirm = wanted.flatMap((h) =>
    h.endpoints
      .filter((e) => e.scheme === 'https' && e.pin !== null)
      .map((e) => ({ hubId: byAddress.get(h.address) ?? h.id, port: e.port, bundledPin: e.pin as string })),
  );
  return ok({
    siteId: site.id,
    added: added.value.added.map((h) => h.id),
    existing: added.value.existing,
    pinsToConfirm,
  });
}
