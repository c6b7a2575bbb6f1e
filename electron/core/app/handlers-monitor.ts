import { fail, ok } from '../../shared/errors';
import { findHub, refuseUnvisited, type DispatchContext, type HandlerGroup } from './context';
import type { ChangeBatcher } from './change-batcher';

/** Watching hubs: the subscription to live changes, refresh, pause and resume. */
export function monitorHandlers(
  ctx: DispatchContext,
  batcher: ChangeBatcher,
  currentSeq: () => number,
): HandlerGroup<'monitor:subscribe' | 'monitor:unsubscribe' | 'monitor:refresh' | 'monitor:pause' | 'monitor:resume'> {
  const { monitor } = ctx.services;

  function checkIds(hubIds: readonly string[] | undefined): string | null {
    if (!hubIds) return null;
    const missing = hubIds.filter((id) => !findHub(ctx, id));
    return missing.length ? `Unknown hub: ${missing[0]}` : null;
  }

  return {
    'monitor:subscribe': async (_args, { clientId }) => {
      // Flush first: everything observed so far is in the snapshot, later changes carry a higher seq.
      batcher.flushNow();
      ctx.clients.subscribeMonitor(clientId);
      return ok({ seq: currentSeq(), hubs: monitor.snapshot(), visits: ctx.services.visits.list() });
    },
    'monitor:unsubscribe': async (_args, { clientId }) => {
      ctx.clients.unsubscribeMonitor(clientId);
      return ok({ done: true as const });
    },
    'monitor:refresh': async ({ hubIds }) => {
      const bad = checkIds(hubIds);
      if (bad) return fail('NOT_FOUND', bad);
      // Refreshing "all" means every visited hub (the monitor holds no other); named hubs must be visited.
      for (const id of hubIds ?? []) {
        const refused = refuseUnvisited(ctx, id);
        if (refused) return refused;
      }
      monitor.refresh(hubIds);
      return ok({ done: true as const });
    },
    'monitor:pause': async ({ hubIds }) => {
      const bad = checkIds(hubIds);
      if (bad) return fail('NOT_FOUND', bad);
      monitor.pause(hubIds);
      return ok({ done: true as const });
    },
    'monitor:resume': async ({ hubIds }) => {
      const bad = checkIds(hubIds);
      if (bad) return fail('NOT_FOUND', bad);
      monitor.resume(hubIds);
      return ok({ done: true as const });
    },
  };
}
