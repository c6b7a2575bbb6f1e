import type { AppError } from '../../shared/errors';
import type { UpdateStatus } from '../../shared/domain';

/** One thing the monitor saw when it asked a hub for its update status. `at` is epoch ms. */
export type Observation = { at: number; ok: true; status: UpdateStatus } | { at: number; ok: false; error: AppError };

export type UpdatePhase = 'downloading' | 'uploading' | 'verifying' | 'cancelling' | 'restarting' | 'offline' | 'other';

/** The update currently being followed. Serialisable: it is kept in the store between runs. */
export interface OpenUpdate {
  startedAt: number;
  from: string | null;
  /** The newest version known before the restart; frozen once a restart is seen. */
  target: string | null;
  phase: UpdatePhase;
  /** Highest progress milestone already recorded. */
  milestone: number;
  /** When the first sign of the restart was seen (state 0x40 or the hub going silent). */
  restartAt: number | null;
  /** A `restarting` event was already recorded for this update. */
  restartRecorded: boolean;
}

/** Everything the tracker remembers about one hub between observations (plain JSON). */
export interface TrackerState {
  /** Installed version from the last successful read. */
  version: string | null;
  /** Newest published version from the last read that named one. */
  newest: string | null;
  /** false after the hub was declared offline, true after a success, null before anything. */
  reachable: boolean | null;
  consecutiveFailures: number;
  open: OpenUpdate | null;
}

export interface TrackerConfig {
  /** Progress percentages recorded as milestones, ascending. */
  milestones: readonly number[];
  /** Transport failures outside an update before `hub-offline` is recorded. */
  offlineAfterFailures: number;
  /** An update not back within this time after its restart ends `unverified`. */
  backTimeoutMs: number;
}

export const DEFAULT_TRACKER_CONFIG: TrackerConfig = {
  milestones: [25, 50, 75, 100],
  offlineAfterFailures: 3,
  backTimeoutMs: 15 * 60_000,
};

export function initialTrackerState(): TrackerState {
  return { version: null, newest: null, reachable: null, consecutiveFailures: 0, open: null };
}
