import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import type { AppError } from '../../../electron/shared/errors';
import type {
  Hub,
  HubChange,
  HubLiveState,
  InventoryChanged,
  InventoryView,
  MonitorChanged,
  Site,
} from '../../../electron/shared/contract';
import { emptyLiveState } from '../../../electron/shared/live-state';
import { call, on, type BridgeResult } from '../bridge';
import { hubLabel } from '../lib/hub-view';
import { useVisitsStore } from './visits';

/**
 * The inventory (sites, hubs) and the live state of every hub, kept in sync with the backend.
 * `monitor:changed` carries only what changed; each changed field is written into the hub's
 * existing reactive object, so a progress tick re-renders that one progress bar, not the
 * table. A gap in `seq` means changes were missed: re-subscribe for a fresh snapshot.
 */
export const useHubsStore = defineStore('hubs', () => {
  // Reactive Maps keyed by id, not objects: an id is data, so "constructor" or "toString" must
  // not find an Object.prototype member, and Vue tracks every Map key, while on a reactive
  // object it never tracks "__proto__" (a hub with that id would show but never update).
  // Held in refs so that Pinia's hydration (and @pinia/testing's initialState) can replace them.
  const sites = ref(new Map<string, Site>());
  const hubs = ref(new Map<string, Hub>());
  /**
   * A hub entry is replaced whole when it changes, never edited in place: stored raw, so reading
   * 5,000 of them (filters, sort, summary) does not wrap each one in a proxy and track each
   * field. The Map itself stays reactive, so replacing one entry still re-renders its row.
   */
  const setHub = (hub: Hub): void => void hubs.value.set(hub.id, markRaw(hub));
  const live = ref(new Map<string, HubLiveState>());
  /** Hub ids in inventory order; a separate list so adding a hub does not re-sort everything. */
  const hubIds = ref<string[]>([]);
  const seq = ref(-1);
  const loaded = ref(false);
  const subscribed = ref(false);
  const error = shallowRef<AppError | null>(null);
  let stopListening: Array<() => void> = [];
  let resyncing = false;
  let inventoryRequest: Promise<BridgeResult<InventoryView>> | null = null;

  const siteList = computed(() => [...sites.value.values()].sort((a, b) => a.name.localeCompare(b.name)));

  function setInventory(inventory: InventoryView): void {
    sites.value.clear();
    for (const site of inventory.sites) sites.value.set(site.id, site);
    hubs.value.clear();
    for (const hub of inventory.hubs) setHub(hub);
    hubIds.value = inventory.hubs.map((h) => h.id);
  }

  function applyInventoryChange(change: InventoryChanged): void {
    for (const site of change.upsertedSites) sites.value.set(site.id, site);
    for (const id of change.removedSiteIds) sites.value.delete(id);
    let added = false;
    for (const hub of change.upsertedHubs) {
      if (!hubs.value.has(hub.id)) added = true;
      setHub(hub);
    }
    for (const id of change.removedHubIds) {
      hubs.value.delete(id);
      live.value.delete(id);
    }
    if (added || change.removedHubIds.length) {
      const removed = new Set(change.removedHubIds);
      const next = hubIds.value.filter((id) => !removed.has(id));
      const present = new Set(next);
      for (const hub of change.upsertedHubs) if (!present.has(hub.id)) next.push(hub.id);
      hubIds.value = next;
    }
  }

  /** Write the changed fields only; an equal value is skipped so nothing re-renders for it. */
  function applyChange(change: HubChange): void {
    let target = live.value.get(change.hubId);
    if (!target) {
      live.value.set(change.hubId, emptyLiveState(change.hubId, 0));
      // Read back: the Map hands out the reactive wrapper, whose writes re-render.
      target = live.value.get(change.hubId)!;
    }
    const record = target as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(change.changes)) {
      if (value !== undefined && record[key] !== value) record[key] = value;
    }
  }

  function applyMonitorChange(event: MonitorChanged): void {
    if (seq.value >= 0 && event.seq <= seq.value) return; // already folded into the snapshot
    if (seq.value >= 0 && event.seq !== seq.value + 1) {
      void resync();
      return;
    }
    seq.value = event.seq;
    for (const change of event.changes) applyChange(change);
    for (const id of event.removed) live.value.delete(id);
  }

  async function resync(): Promise<void> {
    if (resyncing) return;
    resyncing = true;
    try {
      const snapshot = await call('monitor:subscribe', {});
      if (!snapshot.ok) {
        error.value = snapshot.error;
        return;
      }
      live.value.clear();
      for (const hub of snapshot.value.hubs) live.value.set(hub.hubId, hub);
      useVisitsStore().setAll(snapshot.value.visits);
      seq.value = snapshot.value.seq;
      subscribed.value = true;
    } finally {
      resyncing = false;
    }
  }

  /** A site's visit started: its hubs are polled now, and some may be missing from the last snapshot. */
  function visitStarted(): void {
    if (subscribed.value) void resync();
  }

  /**
   * Listen, and ask for the inventory now; `start` applies the answer. The app asks at once, in
   * the same round trip as the settings, instead of one round trip later (on a busy machine each
   * round trip between window and backend costs tens of milliseconds of the first paint).
   */
  function requestInventory(): void {
    if (stopListening.length === 0) {
      stopListening = [on('monitor:changed', applyMonitorChange), on('inventory:changed', applyInventoryChange)];
    }
    inventoryRequest ??= call('inventory:list', {});
  }

  /** Load the inventory and start following the monitor. Safe to call twice. */
  async function start(): Promise<void> {
    requestInventory();
    const inventory = await inventoryRequest!;
    inventoryRequest = null;
    if (!inventory.ok) {
      error.value = inventory.error;
      return;
    }
    setInventory(inventory.value);
    const visits = useVisitsStore();
    visits.listen();
    visits.setAll(inventory.value.visits);
    loaded.value = true;
    await resync();
  }

  async function stop(): Promise<void> {
    for (const off of stopListening) off();
    stopListening = [];
    if (subscribed.value) await call('monitor:unsubscribe', {});
    subscribed.value = false;
  }

  function hubName(id: string): string {
    const hub = hubs.value.get(id);
    return hub ? hubLabel(hub) : id;
  }

  async function refresh(ids?: string[]) {
    return call('monitor:refresh', ids ? { hubIds: ids } : {});
  }
  async function pause(ids?: string[]) {
    return call('monitor:pause', ids ? { hubIds: ids } : {});
  }
  async function resume(ids?: string[]) {
    return call('monitor:resume', ids ? { hubIds: ids } : {});
  }
  async function addSite(name: string, defaultUser?: string) {
    const result = await call('inventory:addSite', defaultUser === undefined ? { name } : { name, defaultUser });
    if (result.ok) sites.value.set(result.value.id, result.value);
    return result;
  }
  /** Change a site's settings: "always watched" (the visit state follows by event), HTTP logins. */
  async function updateSite(args: { siteId: string; alwaysWatched?: boolean; forbidHttpLogin?: boolean }) {
    const result = await call('inventory:updateSite', args);
    if (result.ok) sites.value.set(result.value.id, result.value);
    return result;
  }
  /** Whether logins over plain HTTP are refused for the site's hubs. */
  async function setSiteForbidHttpLogin(siteId: string, forbidHttpLogin: boolean) {
    const result = await call('inventory:updateSite', { siteId, forbidHttpLogin });
    if (result.ok) sites.value.set(result.value.id, result.value);
    return result;
  }
  async function updateHub(args: { hubId: string; name?: string; siteId?: string; notes?: string }) {
    const result = await call('inventory:updateHub', args);
    if (result.ok) setHub(result.value);
    return result;
  }
  async function removeHubs(ids: string[]) {
    const result = await call('inventory:removeHubs', { hubIds: ids });
    if (result.ok)
      applyInventoryChange({ upsertedSites: [], upsertedHubs: [], removedSiteIds: [], removedHubIds: ids });
    return result;
  }
  async function openWebUi(hubId: string) {
    return call('app:openHubWebUi', { hubId });
  }

  return {
    sites,
    hubs,
    live,
    hubIds,
    seq,
    loaded,
    subscribed,
    error,
    siteList,
    start,
    stop,
    resync,
    visitStarted,
    requestInventory,
    applyChange,
    applyMonitorChange,
    applyInventoryChange,
    setInventory,
    hubName,
    refresh,
    pause,
    resume,
    addSite,
    setSiteForbidHttpLogin,
    updateHub,
    updateSite,
    removeHubs,
    openWebUi,
  };
});
