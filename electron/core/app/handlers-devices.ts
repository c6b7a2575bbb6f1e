import { fail, ok } from '../../shared/errors';
import { refuseUnvisited, type DispatchContext, type HandlerGroup } from './context';

const unavailable = () => fail('UNAVAILABLE', 'Managed devices are not read in this Hubkeeper run.');

/**
 * Managed devices: the last-known lists (no traffic), and a read of one visited hub on demand
 * (its outcome arrives as `devices:changed`, pushed by the dispatcher). A backend built without
 * devices (`hubkeeper watch`) answers both calls UNAVAILABLE.
 */
export function deviceHandlers(ctx: DispatchContext): HandlerGroup<'devices:list' | 'devices:refresh'> {
  const { devices } = ctx.services;
  return {
    'devices:list': async ({ hubIds }) => {
      if (!devices) return unavailable();
      const known = new Set(ctx.services.inventory.get().hubs.map((h) => h.id));
      // Unknown ids are left out rather than invented as empty hubs.
      const ids = hubIds?.filter((id) => known.has(id));
      return ok({ hubs: await devices.list(ids) });
    },
    'devices:refresh': async ({ hubId }) => {
      if (!devices) return unavailable();
      const refused = refuseUnvisited(ctx, hubId);
      if (refused) return refused;
      devices.refresh(hubId);
      return ok({ done: true as const });
    },
  };
}
