import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { SiteVisit } from '../../../electron/shared/contract';
import { call, on } from '../bridge';
import { useHubsStore } from './hubs';
import { useNoticesStore } from './notices';

/** An action on a hub the user asked for while its site is not visited: it waits for their answer. */
export interface VisitOffer {
  siteId: string;
  /** What the user asked for: 'refresh' | 'login' | 'open' … (for the dialog's words). */
  action: string;
  run: () => unknown;
}

/**
 * Which sites are being visited. Hubkeeper sends nothing to the hubs of other sites; their rows
 * show the last-known state marked "not visited", and an action on one of them first offers to
 * start the visit to its site (never acting alone). Sites whose visit ended because Hubkeeper
 * quit are offered for resuming, and nothing is sent to them before the user says so.
 */
export const useVisitsStore = defineStore('visits', () => {
  // A reactive Map keyed by site id: on an object, a site id such as "__proto__" would set the
  // prototype instead of an entry, and Vue would not track it. In a ref so hydration can replace it.
  const visits = ref(new Map<string, SiteVisit>());
  /** The backend told us the visit state (older backends and test fakes may not: then nothing is marked). */
  const known = ref(false);
  const offer = shallowRef<VisitOffer | null>(null);
  const busy = ref(false);
  let stopListening: (() => void) | null = null;

  function setAll(list: readonly SiteVisit[] | undefined): void {
    if (!list) return;
    const wasVisited = new Set([...visits.value.values()].filter((v) => v.visited).map((v) => v.siteId));
    visits.value.clear();
    for (const visit of list) visits.value.set(visit.siteId, visit);
    known.value = true;
    // The monitor snapshot leaves out hubs nothing is known of (never read, site not visited):
    // when a visit starts, take a fresh one so its hubs have their state from the start.
    if (list.some((v) => v.visited && !wasVisited.has(v.siteId))) useHubsStore().visitStarted();
  }

  function listen(): void {
    stopListening ??= on('visit:changed', (payload) => setAll(payload.visits));
  }

  // Getters (not actions): rows and filters read them on every render, and tests that stub
  // actions still see the real answer.
  const isSiteVisited = computed(() => (siteId: string): boolean => {
    if (!known.value) return true;
    return visits.value.get(siteId)?.visited ?? false;
  });

  const isHubVisited = computed(() => {
    const hubs = useHubsStore();
    return (hubId: string): boolean => {
      const siteId = hubs.hubs.get(hubId)?.siteId;
      return siteId === undefined ? true : isSiteVisited.value(siteId);
    };
  });

  const resumable = computed(() => [...visits.value.values()].filter((v) => v.resumable));

  async function change(channel: 'visit:start' | 'visit:end', siteId: string): Promise<boolean> {
    busy.value = true;
    try {
      const result = await call(channel, { siteId });
      if (result.ok) {
        setAll(result.value.visits);
        return true;
      }
      useNoticesStore().push({ tone: 'danger', key: 'visits.failed', params: { message: result.error.message } });
      return false;
    } finally {
      busy.value = false;
    }
  }

  const start = (siteId: string) => change('visit:start', siteId);
  const end = (siteId: string) => change('visit:end', siteId);

  /** The user said yes: the visit starts, then what they asked for happens. */
  async function acceptOffer(): Promise<void> {
    const pending = offer.value;
    offer.value = null;
    if (pending && (await start(pending.siteId))) await pending.run();
  }

  function declineOffer(): void {
    offer.value = null;
  }

  return {
    visits,
    known,
    offer,
    busy,
    resumable,
    setAll,
    listen,
    isSiteVisited,
    isHubVisited,
    start,
    end,
    acceptOffer,
    declineOffer,
  };
});

/**
 * Run `run` now when the hub's site is visited; otherwise ask to start the visit first (the
 * answer comes through `acceptOffer` / `declineOffer`). A plain function, not a store action:
 * it only reads the store and sets its pending offer.
 */
export function withVisit(hubId: string, action: string, run: () => unknown): void {
  const visits = useVisitsStore();
  const siteId = useHubsStore().hubs.get(hubId)?.siteId;
  if (siteId === undefined || visits.isSiteVisited(siteId)) {
    void run();
    return;
  }
  visits.offer = { siteId, action, run };
}
