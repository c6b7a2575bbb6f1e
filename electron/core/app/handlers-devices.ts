import { fail } from '../../shared/errors';
import type { DispatchContext, HandlerGroup } from './context';

// Contract first: the device reader lands with issue 13; until then both calls say so plainly.
export function deviceHandlers(_ctx: DispatchContext): HandlerGroup<'devices:list' | 'devices:refresh'> {
  return {
    'devices:list': async () => fail('UNAVAILABLE', 'managed devices are not read yet'),
    'devices:refresh': async () => fail('UNAVAILABLE', 'managed devices are not read yet'),
  };
}
