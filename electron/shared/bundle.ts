import { z } from 'zod';
import { hubDevicesSchema } from './devices';
import { versionEntrySchema } from './domain';
import { inventoryEndpointSchema, inventoryIdSchema, inventoryNameSchema, inventoryNotesSchema } from './inventory';
import { hubLiveStateSchema } from './monitor';
import { timelineEventSchema } from './timeline';

/**
 * An offline review bundle: one site as Hubkeeper knew it at one moment, for support staff who
 * have never been there. One JSON file:
 *
 *   { "format": "hubkeeper-site-bundle", "formatVersion": 1, "sha256": "<hex>", "content": {…} }
 *
 * `sha256` is the SHA-256 of the canonical JSON of `content` (keys sorted, no spaces; see
 * core/bundles/canonical-json.ts), so any changed byte of the content is refused on open.
 * A bundle carries no password, session, cookie or remembered user: only what the inventory and
 * the offline store hold. Certificate pins travel as information; they are never trusted from a
 * bundle (adopting a hub asks the user to confirm its certificate again).
 */

export const BUNDLE_FORMAT = 'hubkeeper-site-bundle';
export const BUNDLE_FORMAT_VERSION = 1;
/** Bound on a bundle file: read no more than this (a site of 5,000 hubs with long timelines fits). */
export const BUNDLE_MAX_BYTES = 32 * 1024 * 1024;
/** Newest timeline events kept per hub in a bundle (older ones are cut, `eventsTruncated`). */
export const BUNDLE_MAX_EVENTS_PER_HUB = 10_000;
export const BUNDLE_MAX_HUBS = 5000;

// The contract's ISO form (reports hand these times to the window as they are).
const isoTime = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/, 'an ISO-8601 time');

export const bundleHubSchema = z.strictObject({
  /** The hub's id in the exporting inventory (unique within the bundle). */
  id: inventoryIdSchema,
  name: inventoryNameSchema,
  address: z.string().min(1).max(255),
  endpoints: z.array(inventoryEndpointSchema).min(1).max(16),
  notes: inventoryNotesSchema,
  addedAt: z.string().max(64),
  /** Last-known status as the offline store held it (null: never read). */
  status: z.strictObject({ savedAt: z.string().max(64), live: hubLiveStateSchema }).nullable(),
  /** The published version list last read (null: never read). */
  versions: z
    .strictObject({
      asOf: z.string().max(64),
      total: z.number().int().nullable(),
      entries: z.array(versionEntrySchema).max(100_000),
    })
    .nullable(),
  /** Timeline, oldest first (at most BUNDLE_MAX_EVENTS_PER_HUB newest). */
  events: z.array(timelineEventSchema).max(BUNDLE_MAX_EVENTS_PER_HUB),
  eventsTruncated: z.boolean(),
  /** Managed devices, where the exporting Hubkeeper knew them (absent: it had no device store). */
  devices: hubDevicesSchema.nullable().optional(),
});
export type BundleHub = z.infer<typeof bundleHubSchema>;

export const bundleContentSchema = z
  .strictObject({
    /** Unique per export: opening the same bundle twice replaces the first copy. */
    bundleId: inventoryIdSchema,
    takenAt: isoTime,
    hubkeeperVersion: z.string().min(1).max(64),
    /** Who exported it, when known ('' otherwise). */
    technician: inventoryNameSchema,
    site: z.strictObject({ name: inventoryNameSchema.min(1), notes: inventoryNotesSchema }),
    /** The site's current or last visit at export time (reports default to it). */
    visit: z.strictObject({ startedAt: isoTime, endedAt: isoTime.nullable() }).nullable(),
    hubs: z.array(bundleHubSchema).max(BUNDLE_MAX_HUBS),
  })
  .superRefine((content, ctx) => {
    const ids = new Set<string>();
    content.hubs.forEach((hub, i) => {
      if (ids.has(hub.id))
        ctx.addIssue({ code: 'custom', path: ['hubs', i, 'id'], message: `duplicate hub ${hub.id}` });
      ids.add(hub.id);
    });
  });
export type BundleContent = z.infer<typeof bundleContentSchema>;

export const bundleFileSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.literal(BUNDLE_FORMAT_VERSION),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  content: bundleContentSchema,
});
export type BundleFile = z.infer<typeof bundleFileSchema>;
