import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { AppError } from '../../../electron/shared/errors';
import type { HistoryResult, HubTimeline } from '../../../electron/shared/contract';
import { call } from '../bridge';

export const HISTORY_PAGE_SIZE = 10;

/**
 * The hub detail page's on-demand data: one page of the published version history (paged by
 * `start`/`count` exactly as the hub pages it) and the recorded timeline. Live status comes from
 * the hubs store; this holds only what is fetched when the page is open.
 */
export const useHubDetailStore = defineStore('hubDetail', () => {
  const hubId = ref<string | null>(null);
  const history = shallowRef<HistoryResult | null>(null);
  const historyStart = ref(0);
  const historyLoading = ref(false);
  const historyError = shallowRef<AppError | null>(null);
  const timeline = shallowRef<HubTimeline | null>(null);
  const timelineError = shallowRef<AppError | null>(null);
  let historyRequest = 0;

  const total = computed(() => history.value?.page.total ?? null);
  const hasPrevious = computed(() => historyStart.value > 0);
  const hasNext = computed(() => {
    const page = history.value?.page;
    if (!page) return false;
    if (page.total !== null) return page.start + page.entries.length < page.total;
    // The hub did not say how many there are: a full page suggests there may be more.
    return page.entries.length >= HISTORY_PAGE_SIZE;
  });

  async function open(id: string): Promise<void> {
    if (hubId.value !== id) {
      hubId.value = id;
      history.value = null;
      timeline.value = null;
      historyStart.value = 0;
    }
    await Promise.all([loadHistory(historyStart.value), loadTimeline()]);
  }

  async function loadHistory(start: number): Promise<void> {
    const id = hubId.value;
    if (!id) return;
    const request = ++historyRequest;
    historyLoading.value = true;
    const result = await call('history:page', { hubId: id, start: Math.max(0, start), count: HISTORY_PAGE_SIZE });
    // A slower earlier page must not overwrite the page the user asked for last.
    if (request !== historyRequest || id !== hubId.value) return;
    historyLoading.value = false;
    if (result.ok) {
      history.value = result.value;
      historyStart.value = result.value.page.start;
      historyError.value = null;
    } else {
      historyError.value = result.error;
    }
  }

  async function nextPage(): Promise<void> {
    const page = history.value?.page;
    if (page) await loadHistory(page.start + Math.max(page.entries.length, 1));
  }

  async function previousPage(): Promise<void> {
    await loadHistory(Math.max(0, historyStart.value - HISTORY_PAGE_SIZE));
  }

  async function loadTimeline(): Promise<void> {
    const id = hubId.value;
    if (!id) return;
    const result = await call('timeline:get', { hubId: id, limit: 200 });
    if (id !== hubId.value) return;
    if (result.ok) {
      timeline.value = result.value;
      timelineError.value = null;
    } else {
      timelineError.value = result.error;
    }
  }

  return {
    hubId,
    history,
    historyStart,
    historyLoading,
    historyError,
    timeline,
    timelineError,
    total,
    hasPrevious,
    hasNext,
    open,
    loadHistory,
    nextPage,
    previousPage,
    loadTimeline,
  };
});
