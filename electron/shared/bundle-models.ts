import { z } from 'zod';
import { hubDevicesSchema } from './devices';
import { versionEntrySchema } from './domain';
import { inventoryEndpointSchema } from './inventory';
import { hubLiveStateSchema } from './monitor';
import { timelineEventSchema, updateRecordSchema } from './timeline';

/**
 * What the window sees of opened site bundles (contract block "bundles"). Bundled hubs are
 * addressed by bundle id + hub id and never by the inventory's channels: nothing that reaches a
 * hub (log in, refresh, certificate probe, visit) accepts them.
 */

const id = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'not a valid id');

export const bundleSummarySchema = z.object({
  bundleId: id,
  siteName: z.string(),
  /** When the bundle was made (ISO). */
  takenAt: z.string(),
  /** Who made it ('' when unknown). */
  technician: z.string(),
  hubkeeperVersion: z.string(),
  hubCount: z.number().int(),
  /** When it was opened here (ISO). */
  openedAt: z.string(),
  /** SHA-256 of the content, as checked when it was opened. */
  sha256: z.string(),
});
export type BundleSummary = z.infer<typeof bundleSummarySchema>;

export const bundlesListSchema = z.object({ bundles: z.array(bundleSummarySchema) });

export const bundledHubSchema = z.object({
  hubId: id,
  name: z.string(),
  address: z.string(),
  endpoints: z.array(inventoryEndpointSchema),
  notes: z.string(),
  /** Last-known status in the bundle (null: never read before the bundle was made). */
  live: hubLiveStateSchema.nullable(),
  versionCount: z.number().int().nullable(),
  eventCount: z.number().int(),
  /** Devices known to the bundle (null: not known). */
  deviceCount: z.number().int().nullable(),
});
export type BundledHub = z.infer<typeof bundledHubSchema>;

export const bundleViewSchema = z.object({
  summary: bundleSummarySchema,
  siteNotes: z.string(),
  visit: z.object({ startedAt: z.string(), endedAt: z.string().nullable() }).nullable(),
  hubs: z.array(bundledHubSchema),
});
export type BundleView = z.infer<typeof bundleViewSchema>;

/** One bundled hub in full: timeline (newest `limit` events), update records, versions, devices. */
export const bundledHubDetailSchema = z.object({
  hub: bundledHubSchema,
  events: z.array(timelineEventSchema),
  updates: z.array(updateRecordSchema),
  versions: z
    .object({ asOf: z.string(), total: z.number().int().nullable(), entries: z.array(versionEntrySchema) })
    .nullable(),
  devices: hubDevicesSchema.nullable(),
});
export type BundledHubDetail = z.infer<typeof bundledHubDetailSchema>;

export const bundleOpenedSchema = z.object({
  /** False when the user cancelled the file dialog. */
  opened: z.boolean(),
  bundle: bundleSummarySchema.nullable(),
  /** An earlier copy of the same bundle was replaced. */
  replaced: z.boolean(),
});
export type BundleOpened = z.infer<typeof bundleOpenedSchema>;

export const bundleAdoptedSchema = z.object({
  /** The user's own site the hubs went into (found by the bundle's site name, else created). */
  siteId: id,
  added: z.array(id),
  /** Hubs whose address was already in the inventory (merged, not duplicated). */
  existing: z.array(id),
  /**
   * HTTPS endpoints whose certificate must be confirmed again (the bundle's pin is shown for
   * comparison, never trusted).
   */
  pinsToConfirm: z.array(z.object({ hubId: id, port: z.number().int(), bundledPin: z.string() })),
});
export type BundleAdopted = z.infer<typeof bundleAdoptedSchema>;

// ── a bundle sent in pieces (bundles:uploadBegin / uploadChunk / uploadFinish) ──

export const bundleUploadBegunSchema = z.object({
  uploadId: z.string().regex(/^[0-9a-f]{32}$/),
  /** Largest piece accepted, in UTF-16 code units. */
  chunkChars: z.number().int(),
  /** The upload is dropped after this long without a piece. */
  idleMs: z.number().int(),
});

export const bundleUploadProgressSchema = z.object({ received: z.number().int() });
