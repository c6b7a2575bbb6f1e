import type { DiscoveredHub } from '../../shared/discovery';
import type { Result } from '../../shared/errors';
import type { ImportReport, Inventory, InventoryChange, InventoryHub, Site } from '../../shared/inventory';

/**
 * The inventory as the app's dispatcher sees it. It lives here, beside `InventoryStore` which
 * implements it, so the store never imports from the app layer above it.
 */
export interface InventoryPort {
  get(): Inventory;
  addSite(input: {
    name: string;
    defaultUser: string;
    notes: string;
    forbidHttpLogin?: boolean;
  }): Promise<Result<Site>>;
  updateSite(
    siteId: string,
    patch: { name?: string; defaultUser?: string; notes?: string; alwaysWatched?: boolean; forbidHttpLogin?: boolean },
  ): Promise<Result<Site>>;
  /** Removes the site; with `withHubs` also its hubs, else refuses while it has any. */
  removeSite(siteId: string, withHubs: boolean): Promise<Result<{ removedHubIds: string[] }>>;
  updateHub(hubId: string, patch: { name?: string; siteId?: string; notes?: string }): Promise<Result<InventoryHub>>;
  removeHubs(hubIds: readonly string[]): Promise<Result<{ removedHubIds: string[] }>>;
  /** Adds discovered hubs to a site; hubs already present (same address) are merged, not duplicated. */
  addHubs(
    siteId: string,
    hubs: readonly DiscoveredHub[],
  ): Promise<Result<{ added: InventoryHub[]; existing: string[] }>>;
  /** Pins (or with null unpins) the certificate of a hub's HTTPS endpoint on `port`. */
  setPin(hubId: string, port: number, pin: string | null): Promise<Result<InventoryHub>>;
  importText(text: string, format: 'csv' | 'json'): Promise<Result<ImportReport>>;
  exportText(format: 'csv' | 'json'): Result<string>;
  /** Called after every change, whatever made it. */
  onChange(listener: (change: InventoryChange) => void): () => void;
}
