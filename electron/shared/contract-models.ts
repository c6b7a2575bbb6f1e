import { z } from 'zod';
import { appErrorSchema } from './errors';
import { historyPageSchema, loginInfoSchema, systemStatusSchema, updateStatusSchema } from './domain';

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
export const isoTimeSchema = z.string().max(40);
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

export const siteSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** User name pre-filled when logging in to this site's hubs. */
  defaultUser: z.string().nullable(),
  notes: z.string(),
});
export type Site = z.infer<typeof siteSchema>;

export const endpointSchema = z.object({
  scheme: z.enum(['http', 'https']),
  host: z.string(),
  port: portSchema,
});
export type Endpoint = z.infer<typeof endpointSchema>;

export const certPinSchema = z.object({
  fingerprint: fingerprintSchema,
  pinnedAt: isoTimeSchema,
});

export const hubSchema = z.object({
  id: idSchema,
  siteId: idSchema.nullable(),
  name: z.string(),
  notes: z.string(),
  /** The endpoint the backend talks to first is `endpoints[0]`. */
  endpoints: z.array(endpointSchema),
  /** User name to log in as (falls back to the site's default). */
  user: z.string().nullable(),
  /** The pinned certificate of the HTTPS endpoint, null for HTTP-only or not yet trusted hubs. */
  pin: certPinSchema.nullable(),
  /** Whether a password is remembered for this hub. The password itself never leaves main. */
  hasSavedPassword: z.boolean(),
  addedAt: isoTimeSchema.nullable(),
});
export type Hub = z.infer<typeof hubSchema>;

export const inventorySchema = z.object({ sites: z.array(siteSchema), hubs: z.array(hubSchema) });
export type Inventory = z.infer<typeof inventorySchema>;

/** Pushed after any change to sites or hubs (from the renderer, the menu, or an import). */
export const inventoryChangedSchema = z.object({
  upsertedSites: z.array(siteSchema),
  upsertedHubs: z.array(hubSchema),
  removedSiteIds: z.array(idSchema),
  removedHubIds: z.array(idSchema),
});
export type InventoryChanged = z.infer<typeof inventoryChangedSchema>;

/** A rejected line of an import or a manual add: what the user typed and why it failed. */
export const lineErrorSchema = z.object({
  line: z.number().int(),
  input: z.string(),
  message: z.string(),
});
export type LineError = z.infer<typeof lineErrorSchema>;

export const importResultSchema = z.object({
  /** The user closed the file picker without choosing: nothing happened. */
  cancelled: z.boolean(),
  fileName: z.string().nullable(),
  addedHubs: z.number().int(),
  updatedHubs: z.number().int(),
  addedSites: z.number().int(),
  errors: z.array(lineErrorSchema),
});
export type ImportResult = z.infer<typeof importResultSchema>;

/** Outcome of writing a file to a place the user picked (only the base name comes back). */
export const savedFileSchema = z.object({ saved: z.boolean(), fileName: z.string().nullable() });
export type SavedFile = z.infer<typeof savedFileSchema>;

// ── discovery ────────────────────────────────────────────────────────────────────────────

export const netInterfaceSchema = z.object({
  name: z.string(),
  address: z.string(),
  /** The interface's subnet in CIDR form, offered as a sweep target (never scanned unasked). */
  cidr: z.string(),
  addressCount: z.number().int(),
});
export type NetInterface = z.infer<typeof netInterfaceSchema>;

export const foundHubSchema = z.object({
  /** Id of this find within its sweep; the renderer adds finds by this id, not by address. */
  candidateId: idSchema,
  address: z.string(),
  endpoints: z.array(
    z.object({ scheme: z.enum(['http', 'https']), port: portSchema, fingerprint: fingerprintSchema.nullable() }),
  ),
  /** Set when the inventory already has a hub at this address. */
  knownHubId: idSchema.nullable(),
});
export type FoundHub = z.infer<typeof foundHubSchema>;

export const sweepProgressSchema = z.object({
  sweepId: idSchema,
  done: z.number().int(),
  total: z.number().int(),
  hubsFound: z.number().int(),
});
export type SweepProgress = z.infer<typeof sweepProgressSchema>;

export const sweepFoundSchema = z.object({ sweepId: idSchema, hub: foundHubSchema });

export const sweepFinishedSchema = z.object({
  sweepId: idSchema,
  outcome: z.enum(['done', 'cancelled', 'failed']),
  scanned: z.number().int(),
  elapsedMs: z.number(),
  hubs: z.array(foundHubSchema),
  /** Open ports that are not hubs, by kind. */
  others: z.array(z.object({ address: z.string(), port: portSchema, kind: z.enum(['web', 'tls', 'silent']) })),
  error: appErrorSchema.nullable(),
});
export type SweepFinished = z.infer<typeof sweepFinishedSchema>;

export const manualAddResultSchema = z.object({
  added: z.array(hubSchema),
  /** Entries that were already in the inventory (merged, not duplicated). */
  existing: z.array(idSchema),
  errors: z.array(lineErrorSchema),
});
export type ManualAddResult = z.infer<typeof manualAddResultSchema>;

// ── sessions and certificates ────────────────────────────────────────────────────────────

export const rememberOutcomeSchema = z.object({
  /** True when the password is now stored encrypted by the OS keychain. */
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

export const certInfoSchema = z.object({
  hubId: idSchema,
  /** The certificate the hub presents right now (handshake only, nothing was sent). */
  presented: z.object({
    fingerprint: fingerprintSchema,
    subject: z.string().nullable(),
    issuer: z.string().nullable(),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
  }),
  pinned: fingerprintSchema.nullable(),
  /** unpinned: first contact, ask the user; matches: all good; changed: traffic stopped until re-trust. */
  state: z.enum(['unpinned', 'matches', 'changed']),
});
export type CertInfo = z.infer<typeof certInfoSchema>;

// ── monitor ──────────────────────────────────────────────────────────────────────────────

export const updateOutcomeSchema = z.enum(['verified', 'failed', 'unverified', 'in-progress']);
export type UpdateOutcome = z.infer<typeof updateOutcomeSchema>;

export const updateRecordSchema = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  outcome: updateOutcomeSchema,
  startedAt: isoTimeSchema,
  endedAt: isoTimeSchema.nullable(),
  updateResult: z.number().int().nullable(),
});
export type UpdateRecord = z.infer<typeof updateRecordSchema>;

/**
 * What the backend knows about one hub right now. `connection` is honest about freshness:
 * `live` only while polls succeed on time; `stale` once the last success is older than twice
 * the interval; `offline` after repeated failures; `unknown` before the first poll.
 */
export const hubLiveSchema = z.object({
  hubId: idSchema,
  connection: z.enum(['unknown', 'live', 'stale', 'offline']),
  paused: z.boolean(),
  /** Why polling cannot proceed without the user: login needed, certificate to trust, … */
  access: z.enum(['ok', 'needs-login', 'auth-failed', 'not-permitted', 'cert-untrusted', 'cert-changed']),
  status: updateStatusSchema.nullable(),
  system: systemStatusSchema.nullable(),
  lastSuccessAt: isoTimeSchema.nullable(),
  lastAttemptAt: isoTimeSchema.nullable(),
  error: appErrorSchema.nullable(),
  /** The update being followed, or the last one that ended. */
  update: updateRecordSchema.nullable(),
});
export type HubLive = z.infer<typeof hubLiveSchema>;

/**
 * One hub's change. Only fields that changed are present. `status` and `system` are merged
 * field by field into what the renderer holds (a complete object is sent when it held null;
 * `null` clears). Everything else replaces.
 */
export const hubPatchSchema = z.object({
  hubId: idSchema,
  /** When the change was observed. */
  at: isoTimeSchema,
  set: hubLiveSchema.omit({ hubId: true, status: true, system: true }).partial().extend({
    status: updateStatusSchema.partial().nullable().optional(),
    system: systemStatusSchema.partial().nullable().optional(),
  }),
});
export type HubPatch = z.infer<typeof hubPatchSchema>;

export const monitorChangedSchema = z.object({
  /** Increases by one per event; a gap means the renderer missed changes and should re-subscribe. */
  seq: z.number().int(),
  changes: z.array(hubPatchSchema),
  /** Hubs no longer watched (removed from the inventory). */
  removed: z.array(idSchema),
});
export type MonitorChanged = z.infer<typeof monitorChangedSchema>;

export const monitorSnapshotSchema = z.object({
  /** The seq of the last event already folded into `hubs`; apply only later events. */
  seq: z.number().int(),
  hubs: z.array(hubLiveSchema),
});
export type MonitorSnapshot = z.infer<typeof monitorSnapshotSchema>;

export const updateEndedSchema = z.object({ hubId: idSchema, hubName: z.string(), record: updateRecordSchema });
export type UpdateEnded = z.infer<typeof updateEndedSchema>;

// ── history and timeline ─────────────────────────────────────────────────────────────────

export const historyResultSchema = z.object({
  page: historyPageSchema,
  /** `hub`: read just now; `store`: last-known copy (hub unreachable), as of `asOf`. */
  source: z.enum(['hub', 'store']),
  asOf: isoTimeSchema.nullable(),
});
export type HistoryResult = z.infer<typeof historyResultSchema>;

const detailValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const timelineEventSchema = z.object({
  at: isoTimeSchema,
  /** e.g. download-started, progress, verifying, restarting, offline, online, version-changed, update-ended */
  type: z.string(),
  detail: z.record(z.string(), detailValue),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const timelineSchema = z.object({
  hubId: idSchema,
  events: z.array(timelineEventSchema),
  updates: z.array(updateRecordSchema),
});
export type Timeline = z.infer<typeof timelineSchema>;

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
  state: z.string().nullable(),
  outcome: updateOutcomeSchema.nullable(),
  outcomeStartedAt: isoTimeSchema.nullable(),
  outcomeEndedAt: isoTimeSchema.nullable(),
  observedAt: isoTimeSchema.nullable(),
});
export type ReportRow = z.infer<typeof reportRowSchema>;

export const reportPreviewSchema = z.object({
  site: z.string().nullable(),
  technician: z.string(),
  from: isoTimeSchema.nullable(),
  to: isoTimeSchema.nullable(),
  rows: z.array(reportRowSchema),
});
export type ReportPreview = z.infer<typeof reportPreviewSchema>;

// ── settings and app ─────────────────────────────────────────────────────────────────────

export const LANGUAGES = ['en', 'zh-CN'] as const;
export const THEMES = ['light', 'dark', 'system'] as const;

export const monitorSettingsSchema = z.object({
  /** Poll interval while a hub's update service is busy. */
  busyIntervalMs: z.number().int().min(250).max(60_000),
  /** Poll interval while idle (stretched automatically for very large fleets). */
  idleIntervalMs: z.number().int().min(1_000).max(600_000),
  /** How often /api/system/status is read alongside. */
  systemIntervalMs: z.number().int().min(1_000).max(3_600_000),
  /** Consecutive failures before a hub is shown offline. */
  offlineAfterFailures: z.number().int().min(1).max(100),
  /** How long to wait for a restarting hub before calling the update unverified. */
  restartTimeoutMs: z.number().int().min(10_000).max(3_600_000),
});
export type MonitorSettings = z.infer<typeof monitorSettingsSchema>;

export const settingsSchema = z.object({
  monitor: monitorSettingsSchema,
  language: z.enum(LANGUAGES),
  theme: z.enum(THEMES),
  /** Pre-filled technician name for reports. */
  technician: z.string().max(200),
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsPatchSchema = z.strictObject({
  monitor: monitorSettingsSchema.partial().strict().optional(),
  language: z.enum(LANGUAGES).optional(),
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
