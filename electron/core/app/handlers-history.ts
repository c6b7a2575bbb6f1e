import { fail, ok } from '../../shared/errors';
import { findHub, refuseUnvisited, type DispatchContext, type HandlerGroup } from './context';

/** Reading a hub's past: its published version history (from the hub) and its stored timeline. */
export function historyHandlers(ctx: DispatchContext): HandlerGroup<'history:page' | 'timeline:get'> {
  const { history, timeline } = ctx.services;
  return {
    'history:page': async ({ hubId, start, count }) => {
      const refused = refuseUnvisited(ctx, hubId);
      if (refused) return refused;
      return history.page(hubId, start, count);
    },
    'timeline:get': async ({ hubId, limit }) => {
      if (!findHub(ctx, hubId)) return fail('NOT_FOUND', 'That hub is not in the inventory.');
      const t = await timeline.get(hubId, limit);
      return t.ok ? ok({ ...t.value, hubId }) : t;
    },
  };
}
