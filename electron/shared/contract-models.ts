import { z } from 'zod';
import { appErrorSchema } from './errors';
import { historyPageSchema, loginInfoSchema } from './domain';
import { importReportSchema, inventoryChangeSchema, inventoryHubSchema, siteSchema } from './inventory';
import { discoveredHubSchema, manualEntryResultSchema, sweepProgressSchema, sweepResultSchema } from './discovery';
import { hubChangeSchema, hubLiveStateSchema, monitorConfigSchema } from './monitor';
import { outcomeReasonSchema, timelineSchema, updateRecordSchema } from './timeline';
import { siteVisitSchema } from './visits';
import { LANGUAGE_CHOICES } from './language';

export { type SiteVisit, visitsChangedSchema } from './visits';
// The renderer imports everything from contract.ts; re-export what it needs from the shared
// model so it has one place to import from.
export { siteSchema, type Site } from './inventory';
export { type LocalSubnet } from './discovery';
export { type HubLiveState, hubChangeSchema, type HubChange, type MonitorConfig } from './monitor';
export { type TimelineEvent, type UpdateRecord } from './timeline';

/**
 * The shapes that cross the renderer ↔ backend boundary (IPC in the app, the loopback
 * WebSocket in browser tests). These are views built by the dispatcher from the core services'
 * own models; the renderer sees nothing else. Anything the renderer *sends* is an id or a
 * value the user typed — never a URL, host or file path for the backend to fetch or open
 * (the one exception, a typed hub address, is validated by the backend).
 */

// ── ids and primitives ───────────────────────────────────────────────────────────────────

/** Opaque ids minted by the backend. Tight charset: they end up in log lines and file names. */
export const idSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'not a valid id');
export const isoTimeSchema = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/, 'expected an ISO-8601 time');
/** Certificate fingerprint as shown and pinned: SHA-256 of the DER certificate. */
export const fingerprintSchema = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected sha256:<64 hex>');
export const portSchema = z.number().int().min(1).max(65535);
/** Short user-entered text (names, user names, technician). Control characters refused. */
export const shortTextSchema = z
  .string()
  .max(200)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'control characters are not allowed');
export const notesSchema = z.string().max(4000);

// ── inventory ────────────────────────────────────────────────────────────────────────────

/**
 * A hub as the renderer sees it: the inventory entry (with its endpoints and certificate pins)
 * plus whether a password is remembered. The password itself never leaves main.
 */
export const hubSchema = inventoryHubSchema.extend({ hasSavedPassword: z.boolean() });
export type Hub = z.infer<typeof hubSchema>;

export const inventoryViewSchema = z.object({
  sites: z.array(siteSchema),
  hubs: z.array(hubSchema),
  /** The visit state of every site (added with site visits: optional for older fakes, always sent). */
  visits: z.array(siteVisitSchema).optional(),
});
export type InventoryView = z.infer<typeof inventoryViewSchema>;

/** Pushed after any change to sites or hubs (from the renderer, the menu, or an import). */
export const inventoryChangedSchema = inventoryChangeSchema.extend({ upsertedHubs: z.array(hubSchema) });
export type InventoryChanged = z.infer<typeof inventoryChangedSchema>;

export const importResultSchema = z.object({
  /** The user closed the file picker without choosing: nothing happened, `report` is null. */
  cancelled: z.boolean(),
  /** Base name of the chosen file (never its path). */
  fileName: z.string().nullable(),
  report: importReportSchema.nullable(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

/** Outcome of writing a file to a place the user picked (only the base name comes back). */
export const savedFileSchema = z.object({ saved: z.boolean(), fileName: z.string().nullable() });
export type SavedFile = z.infer<typeof savedFileSchema>;

// ── discovery ────────────────────────────────────────────────────────────────────────────

/** A hub found by a sweep, with the id the renderer uses to add it (never its address). */
export const foundHubSchema = discoveredHubSchema.extend({
  candidateId: idSchema,
  /** Set when the inventory already has a hub at this address. */
  knownHubId: idSchema.nullable(),
});
export type FoundHub = z.infer<typeof foundHubSchema>;

export const sweepProgressEventSchema = sweepProgressSchema.extend({ sweepId: idSchema });

export const sweepFoundSchema = z.object({ sweepId: idSchema, hub: foundHubSchema });

export const sweepFinishedSchema = z.object({
  sweepId: idSchema,
  outcome: z.enum(['done', 'cancelled', 'failed']),
  /** The full result (also when cancelled: what was found until then); null when it failed. */
  result: sweepResultSchema.extend({ hubs: z.array(foundHubSchema) }).nullable(),
  error: appErrorSchema.nullable(),
});
export type SweepFinished = z.infer<typeof sweepFinishedSchema>;

export const addHubsResultSchema = z.object({
  /** Per typed entry (manual add only; empty for found hubs): found, not a hub, unreachable, invalid. */
  entries: z.array(manualEntryResultSchema),
  added: z.array(hubSchema),
  /** Hubs that were already in the inventory (merged, not duplicated). */
  existing: z.array(idSchema),
});
export type AddHubsResult = z.infer<typeof addHubsResultSchema>;

// ── sessions and certificates ────────────────────────────────────────────────────────────

export const rememberOutcomeSchema = z.object({
  /** True when the password is now stored, encrypted by the OS keychain. */
  remembered: z.boolean(),
  /** Why "remember" was refused (keychain unavailable, …); null when not asked or done. */
  refusedReason: z.string().nullable(),
});

export const loginResultSchema = z
  .object({ hubId: idSchema, login: loginInfoSchema })
  .extend(rememberOutcomeSchema.shape);
export type LoginResult = z.infer<typeof loginResultSchema>;

export const siteLoginResultSchema = z
  .object({
    results: z.array(z.object({ hubId: idSchema, ok: z.boolean(), error: appErrorSchema.nullable() })),
  })
  .extend(rememberOutcomeSchema.shape);
export type SiteLoginResult = z.infer<typeof siteLoginResultSchema>;

/**
 * What a technician compares before trusting a certificate: its SHA-256 fingerprint (the value
 * pinned), subject, issuer and validity (ISO-8601 UTC). The one summary of a certificate: core's
 * probe result (`CertificateInfo`) and the `CertProbePort` answer derive from it.
 */
export const presentedCertificateSchema = z.object({
  fingerprint: fingerprintSchema,
  subject: z.string().nullable(),
  issuer: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
});
export type PresentedCertificate = z.infer<typeof presentedCertificateSchema>;

export const certInfoSchema = z.object({
  hubId: idSchema,
  port: portSchema,
  /** The certificate the hub presents right now (handshake only, nothing was sent). */
  presented: presentedCertificateSchema,
  pinned: fingerprintSchema.nullable(),
  /** unpinned: first contact, ask the user; matches: all good; changed: traffic stopped until re-trust. */
  state: z.enum(['unpinned', 'matches', 'changed']),
});
export type CertInfo = z.infer<typeof certInfoSchema>;

// ── monitor ──────────────────────────────────────────────────────────────────────────────

/**
 * Changes only (shared/monitor.ts `hubChangeSchema`: the fields that differ, with the time
 * observed), batched. Replace each field given in `changes`; fields not given are unchanged.
 */
export const monitorChangedSchema = z.object({
  /** Increases by one per event; a gap means the renderer missed changes and should re-subscribe. */
  seq: z.number().int(),
  changes: z.array(hubChangeSchema),
  /** Hubs no longer watched (removed from the inventory). */
  removed: z.array(idSchema),
});
export type MonitorChanged = z.infer<typeof monitorChangedSchema>;

export const monitorSnapshotSchema = z.object({
  /** The seq of the last event already folded into `hubs`; apply only later events. */
  seq: z.number().int(),
  /** Every hub: live for visited sites, last-known (as stored) for the others. */
  hubs: z.array(hubLiveStateSchema),
  /** The visit state of every site (added with site visits: optional for older fakes, always sent). */
  visits: z.array(siteVisitSchema).optional(),
});

export const updateEndedSchema = z.object({
  hubId: idSchema,
  hubName: z.string(),
  record: updateRecordSchema,
});
export type UpdateEnded = z.infer<typeof updateEndedSchema>;

// ── history and timeline ─────────────────────────────────────────────────────────────────

export const historyResultSchema = z.object({
  page: historyPageSchema,
  /** `hub`: read just now; `store`: last-known copy (hub unreachable), as of `asOf`. */
  source: z.enum(['hub', 'store']),
  asOf: isoTimeSchema.nullable(),
});
export type HistoryResult = z.infer<typeof historyResultSchema>;

/** shared/timeline.ts `timelineSchema` (as `hubkeeper timeline --json`), plus the hub's id. */
export const hubTimelineSchema = timelineSchema.extend({ hubId: idSchema });
export type HubTimeline = z.infer<typeof hubTimelineSchema>;

// ── reports ──────────────────────────────────────────────────────────────────────────────

export const reportScopeSchema = z.union([
  z.strictObject({ siteId: idSchema }),
  z.strictObject({ hubIds: z.array(idSchema).min(1).max(5000) }),
]);
export type ReportScope = z.infer<typeof reportScopeSchema>;

export const reportRowSchema = z.object({
  hubId: idSchema,
  name: z.string(),
  address: z.string(),
  versionBefore: z.string().nullable(),
  versionAfter: z.string().nullable(),
  newestVersion: z.string().nullable(),
  newestDigest: z.string().nullable(),
  /** State names joined with '+', unknown bits in hex; null when never read. */
  state: z.string().nullable(),
  outcome: updateRecordSchema.shape.outcome.nullable(),
  outcomeStartedAt: isoTimeSchema.nullable(),
  outcomeEndedAt: isoTimeSchema.nullable(),
  /** When installed version, state and newest version were last read from the hub. */
  observedAt: isoTimeSchema.nullable(),
  // Added with core/report (additive, optional so older fakes still type-check; always sent).
  progress: z.number().nullable().optional(),
  /** The hub's `update-result` when the update failed. */
  updateResult: z.number().int().nullable().optional(),
  /** How many updates overlapped the visit (the outcome columns describe the last one). */
  updates: z.number().int().optional(),
  /** When the hub itself last checked online for new versions. */
  newestCheckedAt: isoTimeSchema.nullable().optional(),
  /** The figures were not live when the report was made. */
  stale: z.boolean().optional(),
  offline: z.boolean().optional(),
  /** Which rule closed the last update (e.g. `same-version`, `not-back`); null while in progress. */
  outcomeReason: outcomeReasonSchema.nullable().optional(),
});
export type ReportRow = z.infer<typeof reportRowSchema>;

export const reportSummarySchema = z.object({
  hubs: z.number().int(),
  verified: z.number().int(),
  failed: z.number().int(),
  unverified: z.number().int(),
  inProgress: z.number().int(),
  noUpdate: z.number().int(),
  upToDate: z.number().int(),
  offline: z.number().int(),
});

export const reportPreviewSchema = z.object({
  site: z.string().nullable(),
  technician: z.string(),
  /** The visit's time span (ISO): by default from when Hubkeeper started to now. */
  from: isoTimeSchema.nullable(),
  to: isoTimeSchema.nullable(),
  rows: z.array(reportRowSchema),
  // Added with core/report (additive, optional so older fakes still type-check; always sent).
  generatedAt: isoTimeSchema.optional(),
  summary: reportSummarySchema.optional(),
  /** Stored data that could not be used (named per hub); the report is still made. */
  warnings: z.array(z.string()).optional(),
});
export type ReportPreview = z.infer<typeof reportPreviewSchema>;

// ── settings and app ─────────────────────────────────────────────────────────────────────

export const THEMES = ['light', 'dark', 'system'] as const;

export const settingsSchema = z.object({
  /** Polling intervals and limits (shared/monitor.ts), applied to the running monitor at once. */
  monitor: monitorConfigSchema,
  /** "system" (the default) follows the operating system's preferred languages. */
  language: z.enum(LANGUAGE_CHOICES),
  theme: z.enum(THEMES),
  /** Pre-filled technician name for reports. */
  technician: z.string().max(200),
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsPatchSchema = z.strictObject({
  monitor: monitorConfigSchema.partial().strict().optional(),
  language: z.enum(LANGUAGE_CHOICES).optional(),
  theme: z.enum(THEMES).optional(),
  technician: shortTextSchema.optional(),
});
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** Which transport carries the contract: the Electron app or the browser test transport. */
  transport: z.enum(['electron', 'web']),
  platform: z.string(),
  keychain: z.object({
    /** Whether "remember password" can be offered at all. */
    available: z.boolean(),
    /** The OS backend in use (e.g. keychain, dpapi, gnome_libsecret, kwallet5, basic_text), if known. */
    backend: z.string().nullable(),
    /** When unavailable: why, in words a technician understands. */
    reason: z.string().nullable(),
  }),
  /**
   * Files of the data folder found damaged in this run and moved aside (`<name>.damaged-<time>`),
   * shown once in a banner. Names only: paths stay in the backend's log.
   */
  damagedFiles: z
    .array(z.object({ name: z.string(), movedTo: z.string(), at: z.string() }))
    .max(100)
    .optional(),
  capabilities: z.object({
    /** Print a report to PDF (needs Chromium's printing: app only). */
    printPdf: z.boolean(),
    /** Open a hub's web interface in the system browser. */
    openExternal: z.boolean(),
    /** Native open/save dialogs (in the web transport, saves go to a fixed output folder). */
    fileDialogs: z.boolean(),
  }),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const MENU_COMMANDS = ['add-hub', 'import-inventory', 'export-report', 'open-settings', 'about'] as const;
export const menuCommandSchema = z.object({ command: z.enum(MENU_COMMANDS) });
export type MenuCommand = z.infer<typeof menuCommandSchema>;
