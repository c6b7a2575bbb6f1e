import { z } from 'zod';
import { certFingerprintSchema, endpointPortSchema } from './discovery';

/**
 * The inventory: customer sites and the hubs at each. Persisted as one JSON file
 * (`inventory.json` in the data folder) whose shape is exactly `inventorySchema`; the JSON export
 * is the same document. Bump `INVENTORY_SCHEMA_VERSION` only with a migration in core.
 */

export const INVENTORY_SCHEMA_VERSION = 1;

/** Ids appear in IPC calls, log lines and file names: a tight charset (same as the contract's ids). */
export const inventoryIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,128}$/, 'an id is 1–128 letters, digits or . _ : -');
// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
/** Names and user names: one line of at most 200 characters. */
export const inventoryNameSchema = z
  .string()
  .max(200, 'at most 200 characters')
  .regex(NO_CONTROL, 'control characters are not allowed');
/** Free notes: up to 4000 characters, line breaks allowed. */
export const inventoryNotesSchema = z.string().max(4000, 'at most 4000 characters');

export const inventoryEndpointSchema = endpointPortSchema.extend({
  /** Pinned certificate fingerprint (trust on first use, https only); null until the user accepts one. */
  pin: certFingerprintSchema.nullable(),
});
export type InventoryEndpoint = z.infer<typeof inventoryEndpointSchema>;

export const siteSchema = z.object({
  id: inventoryIdSchema,
  name: inventoryNameSchema.refine((n) => n.trim() !== '', 'a site needs a name'),
  /** User name pre-filled when logging in to this site's hubs ('' when none). */
  defaultUser: inventoryNameSchema,
  notes: inventoryNotesSchema,
  /** Keep this site visited permanently (reachable from anywhere, e.g. over a VPN, or a lab). Absent = false. */
  alwaysWatched: z.boolean().optional(),
  /** Refuse every login over plain HTTP to this site's hubs (the MD5 login is replayable); absent = allowed. */
  forbidHttpLogin: z.boolean().optional(),
});
export type Site = z.infer<typeof siteSchema>;

export const inventoryHubSchema = z.object({
  /** Stable id: never changes when the hub is renamed, moved or re-addressed. */
  id: inventoryIdSchema,
  siteId: inventoryIdSchema,
  /** Display name chosen by the technician ('' shows the address). */
  name: inventoryNameSchema,
  /** IPv4, IPv6 (compressed, without brackets) or host name, lowercase. */
  address: z.string().min(1).max(255),
  endpoints: z.array(inventoryEndpointSchema).min(1, 'a hub needs at least one endpoint'),
  notes: inventoryNotesSchema,
  /** ISO-8601 time the hub entered the inventory. */
  addedAt: z.string(),
});
export type InventoryHub = z.infer<typeof inventoryHubSchema>;

export const inventorySchema = z
  .object({
    schemaVersion: z.literal(INVENTORY_SCHEMA_VERSION),
    sites: z.array(siteSchema),
    hubs: z.array(inventoryHubSchema),
  })
  .superRefine((inv, ctx) => {
    const siteIds = new Set<string>();
    inv.sites.forEach((s, i) => {
      if (siteIds.has(s.id))
        ctx.addIssue({ code: 'custom', path: ['sites', i, 'id'], message: `duplicate site id ${s.id}` });
      siteIds.add(s.id);
    });
    const hubIds = new Set<string>();
    inv.hubs.forEach((h, i) => {
      if (hubIds.has(h.id))
        ctx.addIssue({ code: 'custom', path: ['hubs', i, 'id'], message: `duplicate hub id ${h.id}` });
      hubIds.add(h.id);
      if (!siteIds.has(h.siteId))
        ctx.addIssue({ code: 'custom', path: ['hubs', i, 'siteId'], message: `unknown site ${h.siteId}` });
    });
  });
export type Inventory = z.infer<typeof inventorySchema>;

/**
 * What one change to the inventory did (an edit, an import, another process's write), told to
 * every listener of the store. The `inventory:changed` event is this shape with each hub as the
 * window sees it (contract-models.ts `inventoryChangedSchema`).
 */
export const inventoryChangeSchema = z.object({
  /** Sites and hubs that are new or changed. */
  upsertedSites: z.array(siteSchema),
  upsertedHubs: z.array(inventoryHubSchema),
  removedSiteIds: z.array(inventoryIdSchema),
  removedHubIds: z.array(inventoryIdSchema),
});
export type InventoryChange = z.infer<typeof inventoryChangeSchema>;

/** A problem with one row (CSV: 1-based line number in the file; JSON: 1-based position in `hubs`). */
export const importIssueSchema = z.object({
  line: z.number().int(),
  message: z.string(),
});
export type ImportIssue = z.infer<typeof importIssueSchema>;

export const importReportSchema = z.object({
  format: z.enum(['csv', 'json']),
  added: z.number().int(),
  updated: z.number().int(),
  sitesAdded: z.number().int(),
  /** Rows that were skipped, with why; every other row was imported. */
  bad: z.array(importIssueSchema),
  /** Rows imported with a caveat (e.g. a conflicting certificate pin was kept). */
  warnings: z.array(importIssueSchema),
});
export type ImportReport = z.infer<typeof importReportSchema>;

/** The CSV columns, in export order. Import matches headers case-insensitively, any order. */
export const INVENTORY_CSV_COLUMNS = [
  'site',
  'default_user',
  'name',
  'address',
  'http_port',
  'https_port',
  'https_pin',
  'notes',
  'id',
  // A site setting repeated on each of its hubs' rows, like default_user: "yes" forbids logins over plain HTTP.
  'forbid_http_login',
] as const;
