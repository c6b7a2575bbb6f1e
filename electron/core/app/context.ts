import type { Hub } from '../../shared/contract';
import { fail, type Result } from '../../shared/errors';
import type { InventoryHub, Site } from '../../shared/inventory';
import type { ClientRegistry } from './clients';
import type { Handlers } from './invoke';
import type { Log } from './log';
import type { Services } from './ports';

/** What every group of handlers gets: the services, the connected clients, and a few lookups. */
export interface DispatchContext {
  services: Services;
  clients: ClientRegistry;
  log: Log;
}

export type HandlerGroup<K extends keyof Handlers> = Pick<Handlers, K>;

export function hubView(ctx: DispatchContext, hub: InventoryHub): Hub {
  return { ...hub, hasSavedPassword: ctx.services.secrets.has(hub.id) };
}

export function findHub(ctx: DispatchContext, hubId: string): InventoryHub | undefined {
  return ctx.services.inventory.get().hubs.find((h) => h.id === hubId);
}

export function findSite(ctx: DispatchContext, siteId: string): Site | undefined {
  return ctx.services.inventory.get().sites.find((s) => s.id === siteId);
}

/** Tell every client that these hubs' views changed (e.g. hasSavedPassword flipped). */
export function announceHubs(ctx: DispatchContext, hubIds: readonly string[]): void {
  const ids = new Set(hubIds);
  const hubs = ctx.services.inventory.get().hubs.filter((h) => ids.has(h.id));
  if (hubs.length === 0) return;
  ctx.clients.broadcast('inventory:changed', {
    upsertedSites: [],
    upsertedHubs: hubs.map((h) => hubView(ctx, h)),
    removedSiteIds: [],
    removedHubIds: [],
  });
}

/**
 * A hub of a site nobody is visiting gets no traffic: anything that would reach it answers
 * NOT_VISITED (the window then offers to start the visit). Null when the call may go ahead;
 * NOT_FOUND when the hub is not in the inventory.
 */
export function refuseUnvisited(ctx: DispatchContext, hubId: string): Result<never> | null {
  const hub = findHub(ctx, hubId);
  if (!hub) return fail('NOT_FOUND', 'That hub is not in the inventory.');
  if (ctx.services.visits.isSiteVisited(hub.siteId)) return null;
  const site = findSite(ctx, hub.siteId)?.name ?? hub.siteId;
  return fail(
    'NOT_VISITED',
    `Nobody is visiting ${site}, so Hubkeeper sends nothing to its hubs. Start the visit to ${site} first.`,
  );
}
