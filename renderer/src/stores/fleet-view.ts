import { defineStore } from 'pinia';
import { computed, ref, watch, type ComputedRef } from 'vue';
import type { Hub, HubLiveState } from '../../../electron/shared/contract';
import { primaryState } from '../lib/state-style';
import { compareVersions } from '../../../electron/shared/version-status';
import {
  addUp,
  classify,
  freshnessOf,
  hubAddress,
  hubLabel,
  hubVersionStatus,
  matchesQuickFilter,
  type HubClass,
  type QuickFilter,
} from '../lib/hub-view';
import { useHubsStore } from './hubs';
import { useVisitsStore } from './visits';
import { useSortOrder } from '../composables/use-sort-order';

export type SortKey = 'name' | 'state' | 'progress' | 'installed' | 'newest' | 'versionStatus' | 'lastCheck' | 'asOf';

/** Order in which states sort: what needs eyes first. */
const STATE_RANK: Record<string, number> = {
  failed: 0,
  unavailable: 1,
  restarting: 2,
  verifying: 3,
  downloading: 4,
  uploading: 5,
  cancelling: 6,
  'checking-online': 7,
  'checking-local': 8,
  idle: 9,
};
const VERSION_RANK = { 'update-available': 0, 'pre-release-available': 1, unknown: 2, 'up-to-date': 3 } as const;
const FRESH_RANK = {
  offline: 0,
  blocked: 1,
  stale: 2,
  restarting: 3,
  paused: 4,
  never: 5,
  live: 6,
  'not-visited': 7,
} as const;
/** How every hub of a site not being visited counts in the summary. */
const NOT_VISITED: HubClass = classify(undefined, undefined, false);
/** "Hub 9" before "Hub 10", and 127.0.0.5 before 127.0.0.200. */
const natural = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Which hubs the fleet screen shows and in what order: site, quick filter (summary chips),
 * state and version filters, search, sort. Kept in a store so it survives a visit to a hub's
 * detail page. The visible list is ids only; each row reads its own hub, so a progress tick
 * re-sorts only when the sort key is progress.
 */
export const useFleetViewStore = defineStore('fleetView', () => {
  const hubsStore = useHubsStore();
  const visits = useVisitsStore();
  const siteId = ref<string>('');
  const quick = ref<QuickFilter>('all');
  const stateFilter = ref<string>('');
  const versionFilter = ref<string>('');
  const search = ref('');
  const { sortKey, sortDir, sortBy } = useSortOrder<SortKey>('name');

  const siteIds = computed(() =>
    siteId.value ? hubsStore.hubIds.filter((id) => hubsStore.hubs.get(id)?.siteId === siteId.value) : hubsStore.hubIds,
  );

  /**
   * One cached classification per hub: a change to one hub re-classifies that hub only, and
   * the summary just adds up 500 cached answers instead of re-deriving them all each second.
   */
  const classes = new Map<string, ComputedRef<HubClass>>();
  function classOf(id: string): HubClass {
    let c = classes.get(id);
    if (!c) {
      c = computed(() => classify(hubsStore.hubs.get(id), hubsStore.live.get(id), visits.isHubVisited(id)));
      classes.set(id, c);
    }
    return c.value;
  }
  watch(
    () => hubsStore.hubIds,
    (ids) => {
      const present = new Set(ids);
      for (const id of classes.keys()) if (!present.has(id)) classes.delete(id);
    },
  );

  /**
   * Whether a site is visited, asked of the visits store once per site in one pass over the
   * hubs: 5,000 hubs sit in a handful of sites, and every reactive read is tracked.
   */
  function siteVisitedOnce(): (siteId: string) => boolean {
    const isSiteVisited = visits.isSiteVisited;
    const known = new Map<string, boolean>();
    return (siteId) => {
      let visited = known.get(siteId);
      if (visited === undefined) known.set(siteId, (visited = isSiteVisited(siteId)));
      return visited;
    };
  }

  /**
   * A hub of a site nobody visits is only counted apart, whatever its last-known figures say:
   * it needs no classification of its own (5,000 unvisited hubs cost 5,000 lookups, not 5,000
   * cached computeds on the first paint).
   */
  const summary = computed(() => {
    const hubs = hubsStore.hubs;
    const siteVisited = siteVisitedOnce();
    return addUp(
      siteIds.value.map((id) => {
        const site = hubs.get(id)?.siteId;
        return site === undefined || siteVisited(site) ? classOf(id) : NOT_VISITED;
      }),
    );
  });

  const installedVersions = computed(() => {
    const versions = new Set<string>();
    const live = hubsStore.live;
    for (const id of siteIds.value) {
      const v = live.get(id)?.version;
      if (v) versions.add(v);
    }
    return [...versions].sort((a, b) => compareVersions(b, a));
  });

  /** The filters of one pass, read once (not once per hub). */
  interface Filters {
    quick: QuickFilter;
    state: string;
    version: string;
    needle: string;
  }

  function matches(hub: Hub, live: HubLiveState | undefined, visited: boolean, filters: Filters): boolean {
    const { state, version, needle } = filters;
    if (!matchesQuickFilter(filters.quick, hub, live, visited)) return false;
    if (state) {
      const names = live?.state?.names ?? [];
      if (state === 'unknown') {
        if (!live?.state || live.state.unknownBits === 0) return false;
      } else if (!names.includes(state)) return false;
    }
    if (version && live?.version !== version) return false;
    if (needle) {
      const haystack = `${hub.name}\n${hubAddress(hub)}\n${live?.version ?? ''}\n${hub.notes}`.toLowerCase();
      if (!haystack.includes(needle)) return false;
    }
    return true;
  }

  function sortValue(key: SortKey, hub: Hub, live: HubLiveState | undefined, visited: boolean): string | number {
    switch (key) {
      case 'name':
        return hubLabel(hub).toLowerCase();
      case 'state': {
        const primary = live?.state ? primaryState(live.state.names) : null;
        return primary ? (STATE_RANK[primary] ?? 10) : live?.state ? -1 : 11;
      }
      case 'progress':
        return live?.progress ?? -1;
      case 'installed':
        return live?.version ?? '';
      case 'newest':
        return live?.online?.newest?.version ?? '';
      case 'versionStatus':
        return VERSION_RANK[hubVersionStatus(live)];
      case 'lastCheck':
        return live?.online?.checkedAt ?? '';
      case 'asOf':
        return FRESH_RANK[freshnessOf(live, visited)];
    }
  }

  const visibleIds = computed(() => {
    const filters: Filters = {
      quick: quick.value,
      state: stateFilter.value,
      version: versionFilter.value,
      needle: search.value.trim().toLowerCase(),
    };
    const key = sortKey.value;
    const dir = sortDir.value;
    // Each hub is looked up once per pass (5,000 hubs: every reactive read counts).
    const hubs = hubsStore.hubs;
    const lives = hubsStore.live;
    const siteVisited = siteVisitedOnce();
    const keyed: Array<{ id: string; key: string | number; name: string }> = [];
    for (const id of siteIds.value) {
      const hub = hubs.get(id);
      if (!hub) continue;
      const live = lives.get(id);
      const visited = siteVisited(hub.siteId);
      if (!matches(hub, live, visited, filters)) continue;
      keyed.push({ id, key: sortValue(key, hub, live, visited), name: hubLabel(hub).toLowerCase() });
    }
    const versionKey = key === 'installed' || key === 'newest';
    keyed.sort((a, b) => {
      let order: number;
      if (versionKey) order = compareVersions(String(a.key), String(b.key));
      else if (typeof a.key === 'string' && typeof b.key === 'string') order = natural.compare(a.key, b.key);
      else order = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
      // Name breaks ties so equal rows never swap places between updates.
      return order * dir || natural.compare(a.name, b.name);
    });
    return keyed.map((k) => k.id);
  });

  function resetFilters(): void {
    quick.value = 'all';
    stateFilter.value = '';
    versionFilter.value = '';
    search.value = '';
  }

  return {
    siteId,
    quick,
    stateFilter,
    versionFilter,
    search,
    sortKey,
    sortDir,
    siteIds,
    summary,
    installedVersions,
    visibleIds,
    sortBy,
    resetFilters,
  };
});
