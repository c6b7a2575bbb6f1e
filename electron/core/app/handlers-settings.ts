import { ok } from '../../shared/errors';
import type { DispatchContext, HandlerGroup } from './context';

/** Reading and changing the app's settings (every client hears of a change as an event). */
export function settingsHandlers(ctx: DispatchContext): HandlerGroup<'settings:get' | 'settings:set'> {
  const { settings } = ctx.services;
  return {
    'settings:get': async () => ok(settings.get()),
    'settings:set': async (patch) => settings.set(patch),
  };
}
