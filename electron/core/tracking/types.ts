import { z } from 'zod';
import type { AppError } from '../../shared/errors';
import type { UpdateStatus } from '../../shared/domain';

/** One thing the monitor saw when it asked a hub for its update status. `at` is epoch ms. */
export type Observation = { at: number; ok: true; status: UpdateStatus } | { at: number; ok: false; error: AppError };

export const UPDATE_PHASES = [
  'downloading',
  'uploading',
  'verifying',
  'cancelling',
  'restarting',
  'offline',
  'other',
] as const;

/**
 * The update currently being followed. Serialisable: it is kept in the store between runs
 * (`core/store/schemas.ts` embeds this schema in the stored status: one shape on disk and in memory).
 */
export const openUpdateSchema = z.object({
  startedAt: z.number(),
  from: z.string().nullable(),
  /** The newest version known before the restart; frozen once a restart is seen. */
  target: z.string().nullable(),
  phase: z.enum(UPDATE_PHASES),
  /** Highest progress milestone already recorded. */
  milestone: z.number(),
  /** When the first sign of the restart was seen (state 0x40 or the hub going silent). */
  restartAt: z.number().nullable(),
  /** A `restarting` event was already recorded for this update. */
  restartRecorded: z.boolean(),
});
export type OpenUpdate = z.infer<typeof openUpdateSchema>;

/** Everything the tracker remembers about one hub between observations (plain JSON). */
export const trackerStateSchema = z.object({
  /** Installed version from the last successful read. */
  version: z.string().nullable(),
  /** Newest published version from the last read that named one. */
  newest: z.string().nullable(),
  /** false after the hub was declared offline, true after a success, null before anything. */
  reachable: z.boolean().nullable(),
  consecutiveFailures: z.number().int(),
  open: openUpdateSchema.nullable(),
});
export type TrackerState = z.infer<typeof trackerStateSchema>;

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
