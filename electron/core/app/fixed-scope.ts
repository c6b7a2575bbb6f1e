import { fail, type Result } from '../../shared/errors';
import type { HubLiveState } from '../../shared/monitor';
import type { SiteVisit } from '../../shared/visits';
import type { Monitor } from '../monitor/monitor';
import type { SessionPool } from '../sessions/session-pool';
import type { SessionTarget } from '../sessions/session-target';
import type { HubStore } from '../store/hub-store';
import type { HubScope } from './hub-scope';
import type { Log } from './log';
import type { InventoryPort } from './ports';
import { readRestoredHub } from './restored-hub';

export interface FixedScopeDeps {
  /** The hubs polled for as long as the backend runs (inventory hubs or hubs given by address). */
  targets: readonly SessionTarget[];
  inventory: InventoryPort;
  pool: SessionPool;
  monitor: Monitor;
  store: HubStore;
  log: Log;
}

/**
 * The scope of `hubkeeper watch`: the hubs named on its command line (a site's hubs or bare
 * addresses), visited from start to stop, and nothing else. It reads the visit book of the app
 * not at all and writes nothing to it: the app may be running on the same data folder with
 * visits of its own. Inventory changes made meanwhile do not change what this run watches.
 */
export class FixedScope implements HubScope {
  private readonly ids: ReadonlySet<string>;
  private synced: Promise<void> | null = null;

  constructor(private readonly deps: FixedScopeDeps) {
    this.ids = new Set(deps.targets.map((t) => t.hubId));
  }

  /** No site is visited: this run's hubs are its own list, not a site visit. */
  list(): SiteVisit[] {
    return [];
  }

  isSiteVisited(): boolean {
    return false;
  }

  isHubVisited(hubId: string): boolean | null {
    if (this.ids.has(hubId)) return true;
    return this.deps.inventory.get().hubs.some((h) => h.id === hubId) ? false : null;
  }

  async start(): Promise<Result<SiteVisit[]>> {
    return fail('UNAVAILABLE', 'This run watches a fixed list of hubs; site visits are started in the app.');
  }

  async end(): Promise<Result<SiteVisit[]>> {
    return fail('UNAVAILABLE', 'This run watches a fixed list of hubs; site visits are ended in the app.');
  }

  onChange(): () => void {
    return () => undefined;
  }

  snapshot(): HubLiveState[] {
    return this.deps.monitor.snapshot();
  }

  /** The first call puts every hub in the pool and the monitor, from its stored state; later ones wait for that. */
  sync(): Promise<void> {
    return (this.synced ??= this.add());
  }

  async inventoryChanged(): Promise<void> {}

  async endAll(): Promise<void> {}

  span(): null {
    return null;
  }

  private async add(): Promise<void> {
    const { targets, pool, monitor, store, log } = this.deps;
    pool.sync(targets);
    for (const target of targets) monitor.addHub(target.hubId, await readRestoredHub(store, target.hubId, log));
  }
}
