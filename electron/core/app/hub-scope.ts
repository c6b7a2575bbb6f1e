import type { HubLiveState } from '../../shared/monitor';
import type { VisitPort } from './ports';

/**
 * Which hubs the backend polls, and what it knows of the others. The app and the browser preview
 * poll the hubs of visited sites (visit-scope.ts); `hubkeeper watch` polls the hubs named on its
 * command line for as long as it runs (fixed-scope.ts). Either way nothing outside the scope has
 * a session, so nothing can be sent to it.
 */
export interface HubScope extends VisitPort {
  /** Every hub the window may show: the monitor's live state, the last-known one for the rest. */
  snapshot(): HubLiveState[];
  /** Brings the session pool and the monitor in line with the scope (at start, after changes). */
  sync(): Promise<void>;
  /** The inventory changed (another process, the window): follow it where the scope depends on it. */
  inventoryChanged(): Promise<void>;
  /** Quitting: what the scope must record before the backend stops. */
  endAll(): Promise<void>;
  /** A site's current or last visit, the default span of its report (null: none recorded). */
  span(siteId: string): { startedAt: string; endedAt: string | null } | null;
}
