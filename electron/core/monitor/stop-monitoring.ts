import type { HubStore } from '../store/hub-store';
import type { StoreRecorder } from '../store/recorder';
import type { SessionPool } from '../sessions/session-pool';
import { timeBudget } from '../time-budget';
import type { Monitor } from './monitor';

/**
 * How long stopping may take at most, whatever the hubs and the disk do: under the 2 s promised
 * to the user, leaving room for the steps around it and for late timers on a busy machine.
 */
export const STOP_WITHIN_MS = 1800;
/** Answers already on their way are worth recording; waiting longer for a hung hub is not. */
const POLL_GRACE_MS = 200;
/** Kept back from the logouts so that closing the sockets still fits in the bound. */
const CLOSE_MARGIN_MS = 100;

export interface MonitoringParts {
  monitor: Pick<Monitor, 'stop'>;
  recorder: Pick<StoreRecorder, 'stop'>;
  store: Pick<HubStore, 'flush'>;
  pool: Pick<SessionPool, 'closeAll'>;
}

export interface StopOptions {
  withinMs?: number;
  /** Other writes the caller started on the way out (e.g. the end of the visits): waited for too. */
  writes?: readonly Promise<unknown>[];
}

export interface StopOutcome {
  /** Every pending write (recorder, store, `writes`) finished within the bound. */
  flushed: boolean;
  /**
   * Every session was closed and every request in flight settled within the bound (the logouts
   * themselves get what is left of it; one a hub does not answer is given up, not waited for).
   */
  closed: boolean;
}

/**
 * Stops the monitoring stack that the app, the browser preview and `hubkeeper watch` share,
 * within `withinMs` however the hubs and the disk behave: polling stops, every pending write is
 * flushed while the hubs are logged out of (side by side: a slow disk must not cost the logouts,
 * nor a hung hub the writes), then every socket is closed, which cancels the requests still in
 * flight (a hung poll, a pending login); the stopped monitor drops their results.
 */
export async function stopMonitoring(parts: MonitoringParts, options: StopOptions = {}): Promise<StopOutcome> {
  const budget = timeBudget(options.withinMs ?? STOP_WITHIN_MS);
  const polls = parts.monitor.stop();
  await budget.settle(polls, POLL_GRACE_MS);
  const writes = Promise.allSettled([...(options.writes ?? []), parts.recorder.stop().then(() => parts.store.flush())]);
  const closing = parts.pool.closeAll(true, Math.max(0, budget.left() - CLOSE_MARGIN_MS));
  const flushed = await budget.settle(writes);
  const closed = await budget.settle(Promise.all([closing, polls]));
  return { flushed, closed };
}
