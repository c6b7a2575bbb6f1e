import type { DispatchContext, HandlerGroup } from './context';

/** Starting and ending site visits (the state of every site comes back, and to every client as an event). */
export function visitHandlers(ctx: DispatchContext): HandlerGroup<'visit:start' | 'visit:end'> {
  const { visits } = ctx.services;
  return {
    'visit:start': async ({ siteId }) => {
      const started = await visits.start(siteId);
      return started.ok ? { ok: true, value: { visits: started.value } } : started;
    },
    'visit:end': async ({ siteId }) => {
      const ended = await visits.end(siteId);
      return ended.ok ? { ok: true, value: { visits: ended.value } } : ended;
    },
  };
}
