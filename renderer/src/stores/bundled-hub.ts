import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { BundledHubDetail, BundleSummary, HistoryResult, HubTimeline } from '../../../electron/shared/contract';
import type { AppError } from '../../../electron/shared/errors';
import { call } from '../bridge';
import { HISTORY_PAGE_SIZE } from './hub-detail';

/** Newest timeline events shown (the timeline list shows at most 200 too). */
const TIMELINE_LIMIT = 200;

/**
 * One hub of an opened site bundle, read-only: what the bundle carries (last-known status,
 * published versions, timeline, devices) and where it came from. Everything is read from the
 * bundle through `bundles:get` / `bundles:hub`; nothing here can reach a hub. The version
 * history is paged here, from the bundle's copy, as the hub detail pages the hub's.
 */
export const useBundledHubStore = defineStore('bundledHub', () => {
  const key = ref<{ bundleId: string; hubId: string } | null>(null);
  const summary = shallowRef<BundleSummary | null>(null);
  const detail = shallowRef<BundledHubDetail | null>(null);
  const error = shallowRef<AppError | null>(null);
  const loading = ref(false);
  const historyStart = ref(0);

  const history = computed<HistoryResult | null>(() => {
    const versions = detail.value?.versions;
    if (!versions) return null;
    return {
      page: {
        start: historyStart.value,
        total: versions.total ?? versions.entries.length,
        entries: versions.entries.slice(historyStart.value, historyStart.value + HISTORY_PAGE_SIZE),
      },
      // Not read just now: the bundle's copy, as of when it was read at the exporter's site.
      source: 'store',
      asOf: versions.asOf,
    };
  });
  const hasPrevious = computed(() => historyStart.value > 0);
  const hasNext = computed(
    () => historyStart.value + HISTORY_PAGE_SIZE < (detail.value?.versions?.entries.length ?? 0),
  );
  const timeline = computed<HubTimeline | null>(() => {
    const d = detail.value;
    return d ? { hubId: d.hub.hubId, hub: d.hub.name || d.hub.address, events: d.events, updates: d.updates } : null;
  });

  async function open(bundleId: string, hubId: string): Promise<void> {
    key.value = { bundleId, hubId };
    summary.value = null;
    detail.value = null;
    error.value = null;
    historyStart.value = 0;
    loading.value = true;
    const [bundle, hub] = await Promise.all([
      call('bundles:get', { bundleId }),
      call('bundles:hub', { bundleId, hubId, limit: TIMELINE_LIMIT }),
    ]);
    // The user may have gone to another hub meanwhile: only the last one asked for shows.
    if (key.value?.bundleId !== bundleId || key.value.hubId !== hubId) return;
    loading.value = false;
    if (!bundle.ok) error.value = bundle.error;
    else if (!hub.ok) error.value = hub.error;
    else {
      summary.value = bundle.value.summary;
      detail.value = hub.value;
    }
  }

  function nextPage(): void {
    if (hasNext.value) historyStart.value += HISTORY_PAGE_SIZE;
  }

  function previousPage(): void {
    historyStart.value = Math.max(0, historyStart.value - HISTORY_PAGE_SIZE);
  }

  return {
    key,
    summary,
    detail,
    error,
    loading,
    history,
    hasPrevious,
    hasNext,
    timeline,
    open,
    nextPage,
    previousPage,
  };
});
