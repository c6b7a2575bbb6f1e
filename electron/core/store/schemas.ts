import { z } from 'zod';
import { hubLiveStateSchema } from '../../shared/monitor';
import { versionEntrySchema } from '../../shared/domain';
import { managedDeviceSchema } from '../../shared/devices';

/**
 * On-disk shapes of the store. Every file carries its schema number (`schema`; event lines `v`)
 * so that a later Hubkeeper can migrate what an older one wrote (see migrate.ts).
 */
export const STORE_SCHEMA_VERSION = 1;

export const storeMetaSchema = z.object({ schema: z.number().int().min(1) });

const openUpdateSchema = z.object({
  startedAt: z.number(),
  from: z.string().nullable(),
  target: z.string().nullable(),
  phase: z.enum(['downloading', 'uploading', 'verifying', 'cancelling', 'restarting', 'offline', 'other']),
  milestone: z.number(),
  restartAt: z.number().nullable(),
  restartRecorded: z.boolean(),
});

export const trackerStateSchema = z.object({
  version: z.string().nullable(),
  newest: z.string().nullable(),
  reachable: z.boolean().nullable(),
  consecutiveFailures: z.number().int(),
  open: openUpdateSchema.nullable(),
});

export const storedStatusSchema = z.object({
  schema: z.literal(STORE_SCHEMA_VERSION),
  hubId: z.string(),
  /** When this snapshot was written (ISO). The status's own as-of time is `live.lastSuccessAt`. */
  savedAt: z.string(),
  live: hubLiveStateSchema,
  tracker: trackerStateSchema,
});
export type StoredStatus = z.infer<typeof storedStatusSchema>;

export const storedVersionsSchema = z.object({
  schema: z.literal(STORE_SCHEMA_VERSION),
  hubId: z.string(),
  /** When the list was read from the hub (ISO). */
  asOf: z.string(),
  total: z.number().int().nullable(),
  /** Newest first, as the hub lists them. */
  entries: z.array(versionEntrySchema),
});
export type StoredVersions = z.infer<typeof storedVersionsSchema>;

export const storedDevicesSchema = z.object({
  schema: z.literal(STORE_SCHEMA_VERSION),
  hubId: z.string(),
  /** When the list was read completely from the hub (ISO). */
  asOf: z.string(),
  /** Sorted by serial. */
  devices: z.array(managedDeviceSchema),
  /** The hub listed more than the bound: the list stops there. */
  truncated: z.boolean(),
});
export type StoredDevices = z.infer<typeof storedDevicesSchema>;
