import { ref, type Ref } from 'vue';

/**
 * The order of a sortable table (the fleet, a hub's devices): the column sorted by and the
 * direction. Choosing the column already sorted by flips its direction; another column sorts
 * ascending by it.
 */
export function useSortOrder<K>(first: K): { sortKey: Ref<K>; sortDir: Ref<1 | -1>; sortBy: (key: K) => void } {
  const sortKey = ref(first) as Ref<K>;
  const sortDir = ref<1 | -1>(1);
  function sortBy(key: K): void {
    if (sortKey.value === key) sortDir.value = sortDir.value === 1 ? -1 : 1;
    else {
      sortKey.value = key;
      sortDir.value = 1;
    }
  }
  return { sortKey, sortDir, sortBy };
}
