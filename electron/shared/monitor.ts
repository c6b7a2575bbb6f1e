import { z } from 'zod';
import { appErrorSchema, errorCodeSchema } from './errors';
import { stateInfoSchema, systemStatusSchema, updateStatusSchema } from './domain';
import { updateRecordSchema } from './timeline';

/**
 * What the monitor knows about one hub right now. The monitor pushes CHANGES of this object
 * (only the fields that differ, with the time they were observed), never whole snapshots: the
 * renderer and the IPC transport rely on small diffs with 500 hubs updating each second.
 * Add fields, never rename.
 */
export const hubLiveStateSchema = z.object({
  hubId: z.string(),
  // The last update status read (the default page of versions as `history`), every field as
  // the hub client returns it; `state` is null until the first successful read.
  ...updateStatusSchema.shape,
  state: stateInfoSchema.nullable(),
  system: systemStatusSchema.nullable(),
  /** ISO time of the last successful status read, or null. The "as of" of every figure above. */
  lastSuccessAt: z.string().nullable(),
  /** ISO time the last request to the hub started, or null. */
  lastAttemptAt: z.string().nullable(),
  /** ISO time of the last successful /api/system/status read. */
  systemAt: z.string().nullable(),
  /** Last success older than twice the polling interval: the figures are not live. */
  stale: z.boolean(),
  /** Repeated transport failures: the hub is not answering. */
  offline: z.boolean(),
  consecutiveFailures: z.number().int(),
  /** The last failure, cleared by the next success. */
  error: appErrorSchema.nullable(),
  /** Paused by the user (per hub or all). */
  paused: z.boolean(),
  /** Polling stopped by the monitor itself until resumed (wrong password, changed certificate). */
  blockedBy: errorCodeSchema.nullable(),
  /** The polling interval the monitor currently uses for this hub, in ms. */
  intervalMs: z.number(),
  /** The newest update record (open or closed) of this hub, or null. */
  update: updateRecordSchema.nullable(),
});
export type HubLiveState = z.infer<typeof hubLiveStateSchema>;

export const hubChangeSchema = z.object({
  hubId: z.string(),
  /** ISO time the change was observed. */
  at: z.string(),
  changes: hubLiveStateSchema.omit({ hubId: true }).partial(),
});
export type HubChange = z.infer<typeof hubChangeSchema>;

/** Monitor settings: intervals in ms. Every field is configurable in the app and on the CLI. */
export const monitorConfigSchema = z.object({
  /** Interval while the hub's update service is busy. */
  busyMs: z.number().int().min(100).max(3_600_000),
  /** Interval while idle (stretched automatically when the fleet would exceed maxRequestsPerSecond). */
  idleMs: z.number().int().min(100).max(3_600_000),
  /** Upper bound of the idle interval after stretching. */
  idleMaxMs: z.number().int().min(100).max(3_600_000),
  /** Bound on the fleet's total request rate. */
  maxRequestsPerSecond: z.number().min(0.1).max(100_000),
  /** At most this many requests in flight across all hubs. */
  concurrency: z.number().int().min(1).max(1024),
  /** First retry delay after a transport failure, doubled per failure up to backoffMaxMs. */
  backoffBaseMs: z.number().int().min(100).max(3_600_000),
  backoffMaxMs: z.number().int().min(100).max(3_600_000),
  /** While an update waits for the hub to come back, retries never wait longer than this. */
  restartProbeMs: z.number().int().min(100).max(3_600_000),
  /** Consecutive transport failures after which the hub is marked offline. */
  offlineAfterFailures: z.number().int().min(1).max(100),
  /** Interval of /api/system/status reads. */
  systemEveryMs: z.number().int().min(1000).max(86_400_000),
  /** Re-read the full published version list at least this often (also on every newest-version change). */
  versionsEveryMs: z
    .number()
    .int()
    .min(10_000)
    .max(7 * 86_400_000),
  /** An update whose hub is not back within this time after its restart ends `unverified`. */
  backTimeoutMs: z.number().int().min(1000).max(86_400_000),
  /**
   * Each interval is lengthened by a random 0…jitterRatio of itself, so hubs started together
   * drift apart and the fleet's requests spread evenly instead of arriving in bursts.
   */
  jitterRatio: z.number().min(0).max(0.5),
  /** Re-read each visited hub's managed devices this often (never at the status-poll rate). */
  devicesEveryMs: z.number().int().min(10_000).max(86_400_000),
  /** While a device of a hub shows an upgrade in progress, re-read that hub's devices this often. */
  devicesUpgradeEveryMs: z.number().int().min(250).max(600_000),
});
export type MonitorConfig = z.infer<typeof monitorConfigSchema>;

export const DEFAULT_MONITOR_CONFIG: MonitorConfig = {
  busyMs: 1000,
  idleMs: 5000,
  idleMaxMs: 120_000,
  maxRequestsPerSecond: 100,
  concurrency: 32,
  backoffBaseMs: 2000,
  backoffMaxMs: 60_000,
  restartProbeMs: 2000,
  offlineAfterFailures: 3,
  systemEveryMs: 30_000,
  versionsEveryMs: 6 * 3_600_000,
  backTimeoutMs: 15 * 60_000,
  jitterRatio: 0.1,
  devicesEveryMs: 5 * 60_000,
  devicesUpgradeEveryMs: 3000,
};
