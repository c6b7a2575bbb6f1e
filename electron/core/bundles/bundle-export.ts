import { randomUUID } from 'node:crypto';
import { BUNDLE_MAX_EVENTS_PER_HUB, type BundleContent, type BundleHub } from '../../shared/bundle';
import type { HubDevices } from '../../shared/devices';
import { fail, ok, type Result } from '../../shared/errors';
import type { Inventory } from '../../shared/inventory';
import type { HubStore } from '../store/hub-store';

/** Where the device lists come from, when this Hubkeeper has a device store (optional). */
export type BundleDeviceSource = (hubIds: readonly string[]) => Promise<readonly HubDevices[]>;

export interface BundleExportSource {
  inventory: Inventory;
  store: HubStore;
  /** The site's current or last visit, if known. */
  visitSpan?: (siteId: string) => { startedAt: string; endedAt: string | null } | null;
  devices?: BundleDeviceSource;
  hubkeeperVersion: string;
  technician: string;
  now?: () => Date;
  newId?: () => string;
}

/**
 * Gather one site's bundle content from the inventory and the offline store (no network).
 * Only what is listed here is copied: inventory fields, last-known status, version list,
 * timeline, devices. Passwords, cookies and sessions live elsewhere and never come near it; the
 * site's default user name is left out too (it names an account on the customer's hubs).
 */
export async function collectBundle(siteId: string, source: BundleExportSource): Promise<Result<BundleContent>> {
  const site = source.inventory.sites.find((s) => s.id === siteId);
  if (!site) return fail('NOT_FOUND', 'That site is not in the inventory.');
  const hubs = source.inventory.hubs.filter((h) => h.siteId === siteId);
  const devices = new Map<string, HubDevices>();
  if (source.devices) {
    try {
      for (const d of await source.devices(hubs.map((h) => h.id))) devices.set(d.hubId, d);
    } catch {
      // Devices are "where known": a failing device store leaves them out, the bundle is still made.
    }
  }
  const out: BundleHub[] = [];
  for (const hub of hubs) {
    const [status, versions, events] = await Promise.all([
      source.store.readStatus(hub.id),
      source.store.readVersions(hub.id),
      source.store.readEvents(hub.id),
    ]);
    const all = events.ok ? events.value.events : [];
    out.push({
      id: hub.id,
      name: hub.name,
      address: hub.address,
      endpoints: hub.endpoints,
      notes: hub.notes,
      addedAt: hub.addedAt,
      status: status.ok && status.value ? { savedAt: status.value.savedAt, live: status.value.live } : null,
      versions:
        versions.ok && versions.value
          ? { asOf: versions.value.asOf, total: versions.value.total, entries: versions.value.entries }
          : null,
      events: all.slice(-BUNDLE_MAX_EVENTS_PER_HUB),
      eventsTruncated: all.length > BUNDLE_MAX_EVENTS_PER_HUB,
      ...(source.devices ? { devices: devices.get(hub.id) ?? null } : {}),
    });
  }
  const visit = source.visitSpan?.(siteId) ?? null;
  return ok({
    bundleId: (source.newId ?? randomUUID)(),
    takenAt: (source.now ?? (() => new Date()))().toISOString(),
    hubkeeperVersion: source.hubkeeperVersion,
    technician: source.technician,
    site: { name: site.name, notes: site.notes },
    visit,
    hubs: out,
  });
}

/** `hubkeeper-bundle-<site>-<date>.json`, filesystem-safe. */
export function suggestedBundleName(content: Pick<BundleContent, 'site' | 'takenAt'>): string {
  const site =
    content.site.name
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'site';
  return `hubkeeper-bundle-${site}-${content.takenAt.slice(0, 10)}.json`;
}
