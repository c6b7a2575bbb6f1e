import { fail, ok } from '../../shared/errors';
import type { DispatchContext, HandlerGroup } from './context';

/** `app:diagnostics`: the same redacted text as Help → Copy diagnostics, for the window's dialog. */
export function diagnosticsHandlers(ctx: DispatchContext): HandlerGroup<'app:diagnostics'> {
  return {
    'app:diagnostics': async () => {
      const diagnostics = ctx.services.diagnostics;
      if (!diagnostics) return fail('UNAVAILABLE', 'Diagnostics are not available in this build.');
      return ok({ text: diagnostics.text() });
    },
  };
}
