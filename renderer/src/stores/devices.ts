import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef, type ComputedRef } from 'vue';
import type { AppError } from '../../../electron/shared/errors';
import type { HubDevices, ManagedDevice } from '../../../electron/shared/devices';
import {
  countDevices,
  firmwareByModel,
  newestByModel,
  type DeviceCounts,
  type ModelFirmware,
} from '../../../electron/shared/device-firmware';
import { call, on } from '../bridge';
import { sameCounts, sameNewest, shareUnchanged } from '../lib/device-sharing';
import { useHubsStore } from './hubs';

const EMPTY_NEWEST: ReadonlyMap<string, string> = new Map();

/**
 * The managed devices (encoders, decoders) behind each hub: the last list the backend read,
 * fed by `devices:list` at start and by `devices:changed` afterwards. A hub's list is stored
 * whole and raw (markRaw): 20 hubs × 200 devices would otherwise be 4,000 deep proxies, and a
 * refreshed list replaces the old one anyway. The Map itself is reactive per key, so a new list
 * for one hub re-renders what reads that hub (and its site's firmware summary), nothing else.
 *
 * "Behind" is judged against the newest firmware seen per model on the hub's whole SITE.
 */
export const useDevicesStore = defineStore('devices', () => {
  const hubsStore = useHubsStore();
  const lists = ref(new Map<string, HubDevices>());
  /** The last `devices:refresh` call for a hub failed (e.g. NOT_VISITED); cleared by a good one. */
  const refreshErrors = ref(new Map<string, AppError>());
  const loaded = ref(false);
  const error = shallowRef<AppError | null>(null);
  let stopListening: (() => void) | null = null;
  /** Hubs whose list came by event while `devices:list` was on its way: the event is newer. */
  let arrivedWhileLoading: Set<string> | null = null;

  function apply(entry: HubDevices): void {
    arrivedWhileLoading?.add(entry.hubId);
    store(entry);
  }

  /** Unchanged devices keep their objects (see device-sharing.ts): their rows do not re-render. */
  function store(entry: HubDevices): void {
    const devices = shareUnchanged(lists.value.get(entry.hubId)?.devices, entry.devices);
    lists.value.set(entry.hubId, markRaw({ ...entry, devices }));
  }

  /** Load every hub's last-known list and follow changes. Safe to call twice. */
  async function start(): Promise<void> {
    stopListening ??= on('devices:changed', apply);
    const arrived = (arrivedWhileLoading = new Set());
    const result = await call('devices:list', {});
    arrivedWhileLoading = null;
    if (!result.ok) {
      error.value = result.error;
      return;
    }
    error.value = null;
    for (const entry of result.value.hubs) if (!arrived.has(entry.hubId)) lists.value.set(entry.hubId, markRaw(entry));
    loaded.value = true;
  }

  function stop(): void {
    stopListening?.();
    stopListening = null;
  }

  /** Ask the backend to read this hub's list now; the list itself arrives as `devices:changed`. */
  async function refresh(hubId: string) {
    const result = await call('devices:refresh', { hubId });
    if (result.ok) refreshErrors.value.delete(hubId);
    else refreshErrors.value.set(hubId, result.error);
    return result;
  }

  function devicesOf(hubId: string): readonly ManagedDevice[] {
    return lists.value.get(hubId)?.devices ?? [];
  }

  // One cached computation per site and per hub: a new list for one hub recomputes its site's
  // summary and the counts of that site's hubs, and every other cell keeps its cached answer.
  const siteCache = new Map<string, ComputedRef<ModelFirmware[]>>();
  const newestCache = new Map<string, ComputedRef<ReadonlyMap<string, string>>>();
  const countCache = new Map<string, ComputedRef<DeviceCounts | null>>();

  function hubIdsOfSite(siteId: string): string[] {
    return hubsStore.hubIds.filter((id) => hubsStore.hubs.get(id)?.siteId === siteId);
  }

  function siteFirmware(siteId: string): ModelFirmware[] {
    let c = siteCache.get(siteId);
    if (!c) {
      c = computed(() => firmwareByModel(hubIdsOfSite(siteId).flatMap((id) => devicesOf(id))));
      siteCache.set(siteId, c);
    }
    return c.value;
  }

  function siteNewest(siteId: string): ReadonlyMap<string, string> {
    let c = newestCache.get(siteId);
    if (!c) {
      // The same Map while its content is the same: a list read on another hub of the site then
      // recomputes nothing that depends on "newest" (Vue stops at an identical computed value).
      c = computed<ReadonlyMap<string, string>>((previous) => {
        const next = newestByModel(siteFirmware(siteId));
        return previous && sameNewest(previous, next) ? previous : next;
      });
      newestCache.set(siteId, c);
    }
    return c.value;
  }

  function hubNewest(hubId: string): ReadonlyMap<string, string> {
    const siteId = hubsStore.hubs.get(hubId)?.siteId;
    return siteId === undefined ? EMPTY_NEWEST : siteNewest(siteId);
  }

  function hubCounts(hubId: string): DeviceCounts | null {
    let c = countCache.get(hubId);
    if (!c) {
      c = computed<DeviceCounts | null>((previous) => {
        const devices = lists.value.get(hubId)?.devices;
        const next = devices ? countDevices(devices, hubNewest(hubId)) : null;
        return previous !== undefined && sameCounts(previous, next) ? previous : next;
      });
      countCache.set(hubId, c);
    }
    return c.value;
  }

  // Getters, not actions: table rows read them on every render (an action is wrapped for
  // $onAction on each call), and tests that stub actions still see the real answers.
  /** Firmware in use per model across every hub of the site, newest version first. */
  const firmwareOfSite = computed(() => siteFirmware);
  /** The newest firmware seen per model on the site: the yardstick for "behind". */
  const newestOfSite = computed(() => siteNewest);
  /** The newest firmware per model on the hub's site. */
  const newestForHub = computed(() => hubNewest);
  /** Null while the hub's devices were never read: "no devices" and "not known" differ. */
  const countsOf = computed(() => hubCounts);

  /** Sites that have at least one device read, by site name. */
  const sitesWithDevices = computed(() =>
    hubsStore.siteList.filter((site) => hubIdsOfSite(site.id).some((id) => devicesOf(id).length > 0)),
  );

  return {
    lists,
    refreshErrors,
    loaded,
    error,
    apply,
    start,
    stop,
    refresh,
    firmwareOfSite,
    newestOfSite,
    newestForHub,
    countsOf,
    sitesWithDevices,
  };
});
