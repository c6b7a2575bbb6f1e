import type { Inventory, InventoryHub } from '../../shared/inventory';
import { sessionEndpoint } from '../../shared/login-endpoint';
import type { HubOrigin } from '../hub/hub-url';

/** What the session layer needs to know about a hub to open a session with it. */
export interface SessionTarget {
  hubId: string;
  endpoint: HubOrigin;
  /** `sha256:<hex>` pinned for the endpoint (https), or null. */
  pin: string | null;
  siteId: string | null;
  defaultUser: string | null;
  /** The hub's display name ('' falls back to the URL). */
  name: string;
  /** The site forbids logins over plain HTTP (absent: allowed). */
  forbidHttpLogin?: boolean;
}

/**
 * Which of a hub's endpoints a session uses: HTTPS whenever the hub has it, pinned first, then
 * unpinned (which asks for trust before sending anything); plain HTTP only when there is nothing
 * else (see `sessionEndpoint`: the window warns about exactly that endpoint).
 */
export function chooseEndpoint(hub: InventoryHub): { endpoint: HubOrigin; pin: string | null } | null {
  const host = hub.address.toLowerCase();
  const chosen = sessionEndpoint(hub.endpoints);
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
  return {
    hubId: hub.id,
    ...chosen,
    siteId: hub.siteId,
    defaultUser: site?.defaultUser || null,
    name: hub.name,
    ...(site?.forbidHttpLogin ? { forbidHttpLogin: true } : {}),
  };
}

export function targetsFromInventory(inventory: Pick<Inventory, 'sites' | 'hubs'>): SessionTarget[] {
  return inventory.hubs.map((h) => targetFromInventoryHub(h, inventory)).filter((t): t is SessionTarget => t !== null);
}
