import type { Inventory, InventoryHub, Site } from '../../shared/inventory';
import { formatHubUrl, type HubOrigin } from '../hub/hub-url';
import { chooseEndpoint, targetFromInventoryHub, type SessionTarget } from '../sessions/session-target';

/**
 * Finding hubs for the CLI's `watch`, `timeline` and `report`: by site name or by address, in
 * the inventory when they are there. A hub given by address that the inventory does not know
 * gets a stable id derived from its address, so its timeline is found again next time.
 */

export function findSite(inventory: Pick<Inventory, 'sites'>, name: string): Site | null {
  const wanted = name.trim().toLowerCase();
  return inventory.sites.find((s) => s.name.trim().toLowerCase() === wanted) ?? null;
}

export function hubsOfSite(inventory: Pick<Inventory, 'hubs'>, siteId: string): InventoryHub[] {
  return inventory.hubs.filter((h) => h.siteId === siteId);
}

/** The inventory hub with an endpoint at this scheme, host and port, if any. */
export function findHubByEndpoint(inventory: Pick<Inventory, 'hubs'>, endpoint: HubOrigin): InventoryHub | null {
  const host = endpoint.host.toLowerCase();
  return (
    inventory.hubs.find(
      (h) =>
        h.address.toLowerCase() === host &&
        h.endpoints.some((e) => e.scheme === endpoint.scheme && e.port === endpoint.port),
    ) ?? null
  );
}

/** `adhoc:http:127.0.0.2:8080`: fits the contract's id pattern ([A-Za-z0-9._:-]). */
export function adhocHubId(endpoint: HubOrigin): string {
  const host = endpoint.host.replace(/[^A-Za-z0-9._:-]/g, '-');
  return `adhoc:${endpoint.scheme}:${host}:${endpoint.port}`.slice(0, 128);
}

/** A hub the commands work on: its id in the store, its URL, its display name, how to reach it. */
export interface ResolvedHub {
  hubId: string;
  url: string;
  name: string;
  target: SessionTarget;
}

export function resolveByEndpoint(
  inventory: Pick<Inventory, 'hubs' | 'sites'>,
  endpoint: HubOrigin,
  pin: string | null,
): ResolvedHub {
  const known = findHubByEndpoint(inventory, endpoint);
  const url = formatHubUrl(endpoint);
  if (known) {
    const stored = known.endpoints.find((e) => e.scheme === endpoint.scheme && e.port === endpoint.port)?.pin ?? null;
    const target: SessionTarget = {
      ...(targetFromInventoryHub(known, inventory) as SessionTarget),
      endpoint,
      pin: pin ?? stored,
    };
    return { hubId: known.id, url, name: known.name || url, target };
  }
  const hubId = adhocHubId(endpoint);
  return { hubId, url, name: url, target: { hubId, endpoint, pin, siteId: null, defaultUser: null, name: url } };
}

export function resolveInventoryHub(
  inventory: Pick<Inventory, 'hubs' | 'sites'>,
  hub: InventoryHub,
): ResolvedHub | null {
  const target = targetFromInventoryHub(hub, inventory);
  const chosen = chooseEndpoint(hub);
  if (!target || !chosen) return null;
  const url = formatHubUrl(chosen.endpoint);
  return { hubId: hub.id, url, name: hub.name || url, target };
}
