import { describe, expect, it } from 'vitest';
import { useSortOrder } from '../../renderer/src/composables/use-sort-order';

// One rule for every sortable table (the fleet, a hub's devices).
describe('useSortOrder', () => {
  it('starts ascending by the first column; the same column flips, another sorts ascending', () => {
    const order = useSortOrder<'name' | 'state'>('name');
    expect([order.sortKey.value, order.sortDir.value]).toEqual(['name', 1]);
    order.sortBy('name');
    expect([order.sortKey.value, order.sortDir.value]).toEqual(['name', -1]);
    order.sortBy('state');
    expect([order.sortKey.value, order.sortDir.value]).toEqual(['state', 1]);
    order.sortBy('state');
    order.sortBy('state');
    expect([order.sortKey.value, order.sortDir.value]).toEqual(['state', 1]);
  });
});
