import { z } from 'zod';

/**
 * The normalised domain model of a hub's update service. Every hub variant described in
 * controlhub-api.md is parsed (in core) into exactly this shape. Absent information is `null`,
 * never invented. Times are ISO-8601 strings in UTC.
 */

export const versionEntrySchema = z.object({
  version: z.string(),
  digest: z.string().nullable(),
  preRelease: z.boolean().nullable(),
  releasedAt: z.string().nullable(),
});
export type VersionEntry = z.infer<typeof versionEntrySchema>;

export const historyPageSchema = z.object({
  /** Sequence number of the first entry, as the hub reports it (newest is 0). */
  start: z.number().int(),
  /** Total published versions, or null when the hub did not say. */
  total: z.number().int().nullable(),
  entries: z.array(versionEntrySchema),
});
export type HistoryPage = z.infer<typeof historyPageSchema>;

export const stateInfoSchema = z.object({
  code: z.number().int(),
  hex: z.string(),
  names: z.array(z.string()),
  unknownBits: z.number().int(),
});

export const onlineInfoSchema = z.object({
  checkedAt: z.string().nullable(),
  checkResult: z.number().int().nullable(),
  updateResult: z.number().int().nullable(),
  isNewest: z.boolean().nullable(),
  newest: versionEntrySchema.nullable(),
  checkEnabled: z.boolean().nullable(),
  includePreRelease: z.boolean().nullable(),
});
export type OnlineInfo = z.infer<typeof onlineInfoSchema>;

export const updateStatusSchema = z.object({
  state: stateInfoSchema,
  /** Download progress clamped to 0–100, null when the hub sent none. */
  progress: z.number().nullable(),
  /** The progress exactly as the hub sent it (may be out of range). */
  progressRaw: z.number().nullable(),
  version: z.string().nullable(),
  osName: z.string().nullable(),
  updateEnabled: z.boolean().nullable(),
  online: onlineInfoSchema.nullable(),
  history: historyPageSchema.nullable(),
  info: z.string().nullable(),
});
export type UpdateStatus = z.infer<typeof updateStatusSchema>;

export const SYSTEM_FLAG_BITS = [
  [0x1000, 'new-version'],
  [0x2000, 'rebooting'],
  [0x4000, 'srt-failed'],
  [0x8000, 'updating'],
  [0x10000, 'resetting'],
  [0x20000, 'importing'],
  [0x40000, 'low-memory'],
] as const;

export const systemStatusSchema = z.object({
  clock: z.string().nullable(),
  cloudVersion: z.string().nullable(),
  hardwareVersion: z.string().nullable(),
  sessionTimeoutMin: z.number().nullable(),
  cpu: z.number().nullable(),
  mem: z.number().nullable(),
  netTxMbps: z.number().nullable(),
  netRxMbps: z.number().nullable(),
  diskTotalMb: z.number().nullable(),
  diskFreeMb: z.number().nullable(),
  statusCode: z.number().int().nullable(),
  /** Names of the set bits of `status-code` above the update-state bits. */
  flags: z.array(z.string()),
});
export type SystemStatus = z.infer<typeof systemStatusSchema>;

export const hubSettingsSchema = z.object({
  sessionTimeoutMin: z.number().nullable(),
  httpPort: z.number().int().nullable(),
  httpsEnabled: z.boolean().nullable(),
  httpsPort: z.number().int().nullable(),
});
export type HubSettings = z.infer<typeof hubSettingsSchema>;

export const loginInfoSchema = z.object({
  user: z.string(),
  userType: z.number().int().nullable(),
  permission: z.number().nullable(),
  groupName: z.string().nullable(),
  isHardware: z.boolean().nullable(),
});
export type LoginInfo = z.infer<typeof loginInfoSchema>;
