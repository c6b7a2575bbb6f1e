import type { Inventory, InventoryHub } from '../../shared/inventory';
import { formatHubUrl, type HubEndpoint } from '../hub/hub-url';

/** What the session layer needs to know about a hub to open a session with it. */
export interface SessionTarget {
  hubId: string;
  endpoint: HubEndpoint;
  /** `sha256:<hex>` pinned for the endpoint (https), or null. */
  pin: string | null;
  siteId: string | null;
  defaultUser: string | null;
  /** The hub's display name ('' falls back to the URL). */
  name: string;
}

/**
 * Which of a hub's endpoints a session uses: a pinned HTTPS endpoint first (the credentials
 * travel encrypted to a certificate the technician accepted), then plain HTTP, then an unpinned
 * HTTPS endpoint (which will ask for trust before sending anything).
 */
export function chooseEndpoint(hub: InventoryHub): { endpoint: HubEndpoint; pin: string | null } | null {
  const host = hub.address.toLowerCase();
  const pinned = hub.endpoints.find((e) => e.scheme === 'https' && e.pin);
  const http = hub.endpoints.find((e) => e.scheme === 'http');
  const chosen = pinned ?? http ?? hub.endpoints[0];
  if (!chosen) return null;
  return {
    endpoint: { scheme: chosen.scheme, host, port: chosen.port },
    pin: chosen.scheme === 'https' ? chosen.pin : null,
  };
}

export function targetFromInventoryHub(hub: InventoryHub, inventory: Pick<Inventory, 'sites'>): SessionTarget | null {
  const chosen = chooseEndpoint(hub);
  if (!chosen) return null;
  const site = inventory.sites.find((s) => s.id === hub.siteId);
  return { hubId: hub.id, ...chosen, siteId: hub.siteId, defaultUser: site?.defaultUser || null, name: hub.name };
}

export function targetsFromInventory(inventory: Pick<Inventory, 'sites' | 'hubs'>): SessionTarget[] {
  return inventory.hubs.map((h) => targetFromInventoryHub(h, inventory)).filter((t): t is SessionTarget => t !== null);
}

export function targetUrl(target: SessionTarget): string {
  return formatHubUrl(target.endpoint);
}
