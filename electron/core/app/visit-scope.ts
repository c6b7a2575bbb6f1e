import { fail, ok, type Result } from '../../shared/errors';
import type { HubLiveState } from '../../shared/monitor';
import type { SiteVisit } from '../../shared/visits';
import type { Monitor, RestoredHub } from '../monitor/monitor';
import type { SessionPool } from '../sessions/session-pool';
import { targetsFromInventory } from '../sessions/session-target';
import type { HubStore } from '../store/hub-store';
import { settleWithin } from '../time-budget';
import type { VisitBook } from '../visits/visit-book';
import type { HubScope } from './hub-scope';
import type { Log } from './log';
import type { InventoryPort } from './ports';
import { readRestoredHub } from './restored-hub';

/** Logging out of the hubs of a site the user left is polite, not essential: never wait long. */
const LEAVE_LOGOUT_MS = 3000;

export interface VisitScopeDeps {
  inventory: InventoryPort;
  book: VisitBook;
  pool: SessionPool;
  monitor: Monitor;
  store: HubStore;
  log: Log;
}

/**
 * Keeps the session pool and the monitor to the hubs of visited sites, and nothing else.
 *
 * An address means something only on its site's network, so only hubs of a site being visited
 * (or marked always watched) have a client in the pool and a place in the monitor's schedule;
 * every other hub is "dormant": its last-known state (as stored) is kept here for the window,
 * and no code path can send it anything because no client exists for it. Starting a visit moves
 * its hubs into the pool and the monitor; ending one moves them back out (after a bounded
 * logout, so the hub keeps no session of ours).
 */
export class VisitScope implements HubScope {
  private readonly dormant = new Map<string, RestoredHub>();
  private readonly listeners = new Set<(visits: SiteVisit[]) => void>();
  private syncing: Promise<void> = Promise.resolve();
  /** What clients were last told (an inventory change may alter it: "always watched", a new site). */
  private announced: string;

  constructor(private readonly deps: VisitScopeDeps) {
    this.announced = JSON.stringify(this.list());
  }

  list(): SiteVisit[] {
    return this.deps.book.states(this.deps.inventory.get().sites);
  }

  isSiteVisited(siteId: string): boolean {
    return this.list().some((v) => v.siteId === siteId && v.visited);
  }

  /** The hub's site is visited; null when the hub is not in the inventory. */
  isHubVisited(hubId: string): boolean | null {
    const hub = this.deps.inventory.get().hubs.find((h) => h.id === hubId);
    return hub ? this.isSiteVisited(hub.siteId) : null;
  }

  async start(siteId: string): Promise<Result<SiteVisit[]>> {
    return this.change(siteId, 'start');
  }

  async end(siteId: string): Promise<Result<SiteVisit[]>> {
    return this.change(siteId, 'end');
  }

  /** Starts or ends a site's visit in the book, then polls (or stops polling) its hubs to match. */
  private async change(siteId: string, how: 'start' | 'end'): Promise<Result<SiteVisit[]>> {
    if (!this.deps.inventory.get().sites.some((s) => s.id === siteId))
      return fail('NOT_FOUND', 'That site is not in the inventory.');
    const changed = how === 'start' ? await this.deps.book.start(siteId) : await this.deps.book.end(siteId);
    await this.sync();
    if (changed) this.deps.log.info(how === 'start' ? 'visit started' : 'visit ended', { site: siteId });
    return ok(this.announce(changed));
  }

  /** Quitting: every visit ends (the next start offers to resume them). */
  async endAll(): Promise<void> {
    await this.deps.book.endAll();
  }

  span(siteId: string): { startedAt: string; endedAt: string | null } | null {
    return this.deps.book.span(siteId);
  }

  onChange(listener: (visits: SiteVisit[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The monitor's live state for every hub of a visited site, the last-known one for every other
   * hub that has one. A hub never read outside a visit is left out: nothing is known of it, and
   * 5,000 imported hubs would otherwise cost 5,000 empty states (2 MB of JSON) on every load of
   * the window, for rows that read "not visited, never read" either way.
   */
  snapshot(): HubLiveState[] {
    const dormant: HubLiveState[] = [];
    for (const [hubId, restored] of this.dormant) {
      if (!restored.live) continue;
      const live = structuredClone(restored.live);
      // Not polled: never presented as live, never as paused or blocked by us.
      dormant.push({ ...live, hubId, stale: live.lastSuccessAt !== null, paused: false, blockedBy: null });
    }
    return [...this.deps.monitor.snapshot(), ...dormant];
  }

  /**
   * Bring the pool and the monitor in line with the inventory and the visits (after start, after
   * every inventory change, after a visit starts or ends). Runs one at a time, in order.
   */
  sync(): Promise<void> {
    const run = this.syncing.then(() => this.syncNow());
    this.syncing = run.catch((error: unknown) => this.deps.log.error('syncing visited hubs failed', { error }));
    return run;
  }

  /** The inventory changed: a site's "always watched" may have flipped, so tell the clients too. */
  async inventoryChanged(): Promise<void> {
    await this.sync();
    await this.deps.book.prune(new Set(this.deps.inventory.get().sites.map((s) => s.id)));
    this.announce(JSON.stringify(this.list()) !== this.announced);
  }

  private announce(changed: boolean): SiteVisit[] {
    const visits = this.list();
    if (!changed) return visits;
    this.announced = JSON.stringify(visits);
    for (const listener of this.listeners) listener(visits);
    return visits;
  }

  private async syncNow(): Promise<void> {
    const { inventory, pool, monitor } = this.deps;
    const inv = inventory.get();
    const visitedSites = new Set(
      this.list()
        .filter((v) => v.visited)
        .map((v) => v.siteId),
    );
    const targets = targetsFromInventory(inv).filter((t) => t.siteId !== null && visitedSites.has(t.siteId));
    const wanted = new Set(targets.map((t) => t.hubId));
    const inInventory = new Set(inv.hubs.map((h) => h.id));

    // Leaving: keep what the monitor knew as the last-known state, stop polling, log out.
    const leaving = monitor.hubIds().filter((id) => !wanted.has(id));
    for (const id of leaving) {
      if (inInventory.has(id)) this.dormant.set(id, { live: monitor.get(id), tracker: monitor.trackerState(id) });
      monitor.removeHub(id);
    }
    await this.logOut(pool.hubIds().filter((id) => !wanted.has(id) && pool.isLoggedIn(id)));
    pool.sync(targets);

    const watched = new Set(monitor.hubIds());
    for (const hub of inv.hubs) {
      if (wanted.has(hub.id)) {
        if (watched.has(hub.id)) continue;
        const restored = this.dormant.get(hub.id) ?? (await this.readStored(hub.id));
        this.dormant.delete(hub.id);
        monitor.addHub(hub.id, restored);
      } else if (!this.dormant.has(hub.id)) {
        this.dormant.set(hub.id, await this.readStored(hub.id));
      }
    }
    for (const id of this.dormant.keys()) if (!inInventory.has(id)) this.dormant.delete(id);
  }

  private readStored(hubId: string): Promise<RestoredHub> {
    return readRestoredHub(this.deps.store, hubId, this.deps.log);
  }

  private async logOut(hubIds: readonly string[]): Promise<void> {
    if (hubIds.length === 0) return;
    await settleWithin(Promise.allSettled(hubIds.map((id) => this.deps.pool.logout(id))), LEAVE_LOGOUT_MS);
  }
}
