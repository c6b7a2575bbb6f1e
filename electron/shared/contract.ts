import { z } from 'zod';
import { appErrorSchema, type AppError } from './errors';
import type { CallChannel, EventChannel } from './contract-channels';
import {
  appInfoSchema,
  certInfoSchema,
  fingerprintSchema,
  historyResultSchema,
  idSchema,
  isoTimeSchema,
  importResultSchema,
  inventoryChangedSchema,
  inventoryViewSchema,
  addHubsResultSchema,
  menuCommandSchema,
  monitorChangedSchema,
  monitorSnapshotSchema,
  notesSchema,
  portSchema,
  reportPreviewSchema,
  reportScopeSchema,
  savedFileSchema,
  settingsPatchSchema,
  settingsSchema,
  shortTextSchema,
  siteLoginResultSchema,
  siteSchema,
  hubSchema,
  loginResultSchema,
  sweepFinishedSchema,
  sweepFoundSchema,
  sweepProgressEventSchema,
  hubTimelineSchema,
  updateEndedSchema,
  visitsChangedSchema,
} from './contract-models';
import { localSubnetSchema } from './discovery';
import { devicesListSchema, hubDevicesSchema } from './devices';
import { UI_LANGUAGES } from './language';
import {
  bundleAdoptedSchema,
  bundledHubDetailSchema,
  bundleOpenedSchema,
  bundlesListSchema,
  bundleViewSchema,
  bundleUploadBegunSchema,
  bundleUploadProgressSchema,
} from './bundle-models';
import { BUNDLE_MAX_BYTES } from './bundle';
import { BUNDLE_UPLOAD_CHUNK_CHARS } from './bundle-upload';

export { CALL_CHANNELS, EVENT_CHANNELS, type CallChannel, type EventChannel } from './contract-channels';
export * from './contract-models';
export * from './bundle-models';

/**
 * The one contract between the renderer and the backend. Every call takes ONE argument object
 * (strict: unknown keys are rejected) and answers an envelope; every event carries one payload.
 * Main (IPC) and the web transport (WebSocket) validate arguments with these schemas before any
 * handler runs; the renderer may validate results and payloads with the same schemas.
 */

const noArgs = z.strictObject({});
const hubRef = z.strictObject({ hubId: idSchema });
const bundleRef = z.strictObject({ bundleId: idSchema });
const uploadIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'not an upload id');
const hubIdsOrAll = z.strictObject({
  /** Omit for every hub. */
  hubIds: z.array(idSchema).max(5000).optional(),
});
/** A password as typed: crosses renderer → main once, never comes back. */
const passwordSchema = z.string().min(1).max(256);
const ack = z.object({ done: z.literal(true) });

function call<A extends z.ZodType, R extends z.ZodType>(args: A, result: R) {
  return { args, result };
}

export const calls = {
  // ── app ──
  'app:info': call(noArgs, appInfoSchema),
  /** Opens the hub's own web interface (URL built by main from the inventory) in the system browser. */
  'app:openHubWebUi': call(hubRef, z.object({ opened: z.boolean(), url: z.string() })),

  // ── support diagnostics ──
  /** Versions, data folder, counts and the last log lines, secrets redacted (Help → Copy diagnostics). */
  'app:diagnostics': call(noArgs, z.object({ text: z.string().max(1_000_000) })),

  // ── settings ──
  'settings:get': call(noArgs, settingsSchema),
  'settings:set': call(settingsPatchSchema, settingsSchema),

  // ── inventory ──
  'inventory:list': call(noArgs, inventoryViewSchema),
  'inventory:addSite': call(
    z.strictObject({
      name: shortTextSchema.min(1),
      defaultUser: shortTextSchema.optional(),
      notes: notesSchema.optional(),
      /** Refuse logins over plain HTTP to this site's hubs. */
      forbidHttpLogin: z.boolean().optional(),
    }),
    siteSchema,
  ),
  /** Rename a site or change its default user / notes. */
  'inventory:updateSite': call(
    z.strictObject({
      siteId: idSchema,
      name: shortTextSchema.min(1).optional(),
      /** '' for none. */
      defaultUser: shortTextSchema.optional(),
      notes: notesSchema.optional(),
      /** Keep the site visited permanently (its hubs are polled whether or not a visit is on). */
      alwaysWatched: z.boolean().optional(),
      /** Refuse logins over plain HTTP to this site's hubs (false allows them again). */
      forbidHttpLogin: z.boolean().optional(),
    }),
    siteSchema,
  ),
  /** Refused with BAD_INPUT while the site still has hubs, unless `withHubs` is true. */
  'inventory:removeSite': call(z.strictObject({ siteId: idSchema, withHubs: z.boolean().optional() }), ack),
  /** Rename a hub, move it to another site, change its notes. */
  'inventory:updateHub': call(
    z.strictObject({
      hubId: idSchema,
      name: shortTextSchema.min(1).optional(),
      siteId: idSchema.optional(),
      notes: notesSchema.optional(),
    }),
    hubSchema,
  ),
  /** Removes hubs with their pins and saved passwords; their history stays in the store. */
  'inventory:removeHubs': call(
    z.strictObject({ hubIds: z.array(idSchema).min(1).max(5000) }),
    z.object({ removed: z.number().int() }),
  ),
  /** Main asks the user for a CSV or JSON file and imports it (format from the file). */
  'inventory:importFile': call(noArgs, importResultSchema),
  /** Import text the renderer already holds (a pasted list, a dropped file's contents). */
  'inventory:importText': call(
    z.strictObject({ text: z.string().max(5_000_000), format: z.enum(['csv', 'json']) }),
    importResultSchema,
  ),
  /** Main asks the user where to save, then writes the whole inventory. */
  'inventory:export': call(z.strictObject({ format: z.enum(['csv', 'json']) }), savedFileSchema),

  // ── discovery ──
  'discovery:interfaces': call(noArgs, z.array(localSubnetSchema)),
  /**
   * Starts a sweep of what the user typed or picked: a CIDR, a range `a.b.c.10-a.b.c.80` or a
   * list. Progress arrives as `discovery:progress` / `discovery:found`, the end as
   * `discovery:finished`. Refused (BAD_INPUT) over 4096 addresses or when malformed.
   */
  'discovery:start': call(
    z.strictObject({
      target: z.string().min(1).max(10_000),
      ports: z.array(portSchema).min(1).max(16).optional(),
      /**
       * The user confirmed a sweep reaching public, multicast, broadcast or unspecified
       * addresses; without it such a target is refused with NOT_PERMITTED (nothing is sent).
       */
      allowPublic: z.boolean().optional(),
    }),
    z.object({ sweepId: idSchema, total: z.number().int() }),
  ),
  'discovery:cancel': call(z.strictObject({ sweepId: idSchema }), ack),
  /** Add hubs found by a sweep (by candidate id) to a site. */
  'discovery:addFound': call(
    z.strictObject({
      sweepId: idSchema,
      candidateIds: z.array(idSchema).min(1).max(4096),
      siteId: idSchema,
    }),
    addHubsResultSchema,
  ),
  /** Validate, probe and add typed entries: host, host:port, http(s)://host[:port], IPv6, lists. */
  'discovery:addManual': call(
    z.strictObject({ text: z.string().min(1).max(100_000), siteId: idSchema }),
    addHubsResultSchema,
  ),

  // ── sessions and credentials ──
  /**
   * Log in to one hub. `password` omitted = use the remembered one (NOT_FOUND if none; its own
   * user; AUTH_FAILED if it was saved for another certificate, DEVICE_CHANGED if another device
   * answers at the address: nothing is sent then). `remember` asks main to store the password in the OS keychain; refused with a reason when
   * the keychain is unavailable (the login itself still happens).
   */
  'session:login': call(
    z.strictObject({
      hubId: idSchema,
      user: shortTextSchema.min(1),
      password: passwordSchema.optional(),
      remember: z.boolean().optional(),
    }),
    loginResultSchema,
  ),
  /** Log in to every hub of a site with one user/password. */
  'session:loginSite': call(
    z.strictObject({
      siteId: idSchema,
      user: shortTextSchema.min(1),
      password: passwordSchema,
      remember: z.boolean().optional(),
    }),
    siteLoginResultSchema,
  ),
  'session:logout': call(hubRef, ack),
  'credentials:forget': call(
    z.strictObject({ hubIds: z.array(idSchema).min(1).max(5000) }),
    z.object({ forgotten: z.number().int() }),
  ),

  // ── certificate trust ──
  /** Handshake-only probe of the hub's HTTPS endpoint: what it presents vs. what is pinned. */
  'cert:inspect': call(hubRef, certInfoSchema),
  /**
   * Pin (first trust) or re-pin (after CERT_CHANGED) the certificate the user was shown. Main
   * probes again and refuses with CERT_CHANGED if the hub now presents anything else.
   */
  'cert:trust': call(z.strictObject({ hubId: idSchema, fingerprint: fingerprintSchema }), certInfoSchema),

  // ── monitor ──
  /** Start pushing `monitor:changed` to this window; answers the current state of every hub. */
  'monitor:subscribe': call(noArgs, monitorSnapshotSchema),
  'monitor:unsubscribe': call(noArgs, ack),
  /** Poll now, out of schedule. */
  'monitor:refresh': call(hubIdsOrAll, ack),
  'monitor:pause': call(hubIdsOrAll, ack),
  'monitor:resume': call(hubIdsOrAll, ack),

  // ── history, timeline ──
  /** One page of published versions (`start`/`count` as the hub pages them). */
  'history:page': call(
    z.strictObject({
      hubId: idSchema,
      start: z.number().int().min(0).max(100_000),
      count: z.number().int().min(1).max(100),
    }),
    historyResultSchema,
  ),
  /** Recorded events and update outcomes of a hub, newest last; `limit` newest events. */
  'timeline:get': call(
    z.strictObject({ hubId: idSchema, limit: z.number().int().min(1).max(10_000).optional() }),
    hubTimelineSchema,
  ),

  // ── reports ──
  /**
   * `from`/`to` (ISO) bound the visit; by default the site's current or last visit (a site scope,
   * or hubs all of one site), else from when Hubkeeper started until now.
   */
  'report:preview': call(
    z.strictObject({
      scope: reportScopeSchema,
      technician: shortTextSchema,
      from: isoTimeSchema.optional(),
      to: isoTimeSchema.optional(),
    }),
    reportPreviewSchema,
  ),
  /** Main asks where to save, then writes CSV, JSON or the self-contained HTML page. */
  'report:save': call(
    z.strictObject({
      scope: reportScopeSchema,
      technician: shortTextSchema,
      format: z.enum(['csv', 'json', 'html']),
      from: isoTimeSchema.optional(),
      to: isoTimeSchema.optional(),
      /** The HTML's language (the window's); its times are local with the zone named. English by default. */
      language: z.enum(UI_LANGUAGES).optional(),
    }),
    savedFileSchema,
  ),
  /** Renders the HTML report off-screen, prints it to PDF and saves where the user picks. */
  'report:printPdf': call(
    z.strictObject({
      scope: reportScopeSchema,
      technician: shortTextSchema,
      from: isoTimeSchema.optional(),
      to: isoTimeSchema.optional(),
      language: z.enum(UI_LANGUAGES).optional(),
    }),
    savedFileSchema,
  ),

  // ── site visits ──
  /**
   * The user is at this site: its hubs are polled and logged in to with remembered passwords
   * until `visit:end` or quit. Answers the visit state of every site.
   */
  'visit:start': call(z.strictObject({ siteId: idSchema }), visitsChangedSchema),
  /** The user left the site (or declined to resume its visit): its hubs get no traffic any more. */
  'visit:end': call(z.strictObject({ siteId: idSchema }), visitsChangedSchema),

  // ── managed devices ──
  /** The last-known device list of each hub (omit `hubIds` for every hub); reads nothing from hubs. */
  'devices:list': call(hubIdsOrAll, devicesListSchema),
  /** Read this hub's device list now (NOT_VISITED when its site is not visited); the result arrives as `devices:changed`. */
  'devices:refresh': call(hubRef, ack),

  // ── offline review bundles ──
  // Bundled hubs are read-only: no channel here sends anything to a hub, and the channels that
  // do (session, cert, monitor, visit) only know the user's own inventory.
  /** Every bundle opened read-only beside the user's sites. */
  'bundles:list': call(noArgs, bundlesListSchema),
  /** One opened bundle: where and when it was taken, its hubs with their last-known state. */
  'bundles:get': call(bundleRef, bundleViewSchema),
  /** One bundled hub in full: timeline (newest `limit` events), updates, versions, devices. */
  'bundles:hub': call(
    z.strictObject({ bundleId: idSchema, hubId: idSchema, limit: z.number().int().min(1).max(10_000).optional() }),
    bundledHubDetailSchema,
  ),
  /** Main asks where to save, then writes the site's bundle (no passwords, no sessions). */
  'bundles:export': call(z.strictObject({ siteId: idSchema }), savedFileSchema),
  /** Main asks the user for a bundle file, verifies it (hash, format) and opens it read-only. */
  'bundles:openFile': call(noArgs, bundleOpenedSchema),
  /** The same for a bundle the renderer already holds (a dropped file; the browser preview). */
  'bundles:openText': call(z.strictObject({ text: z.string().min(1).max(BUNDLE_MAX_BYTES) }), bundleOpenedSchema),
  /** Close a bundle: its copy in the data folder is removed. */
  'bundles:close': call(bundleRef, ack),
  /**
   * Take bundled hubs (omit `hubIds` for all) into the user's own inventory, without their pins:
   * certificates are confirmed again; no visit starts.
   */
  'bundles:adopt': call(
    z.strictObject({ bundleId: idSchema, hubIds: z.array(idSchema).min(1).max(5000).optional() }),
    bundleAdoptedSchema,
  ),
  /** The site-visit report made from the bundle's data (span: the bundle's visit by default). */
  'bundles:reportPreview': call(
    z.strictObject({
      bundleId: idSchema,
      technician: shortTextSchema,
      from: isoTimeSchema.optional(),
      to: isoTimeSchema.optional(),
    }),
    reportPreviewSchema,
  ),
  'bundles:reportSave': call(
    z.strictObject({
      bundleId: idSchema,
      technician: shortTextSchema,
      format: z.enum(['csv', 'json', 'html']),
      from: isoTimeSchema.optional(),
      to: isoTimeSchema.optional(),
      language: z.enum(UI_LANGUAGES).optional(),
    }),
    savedFileSchema,
  ),

  // ── a bundle sent from the page in pieces ──
  // The browser preview's WebSocket bounds one message (web/server.ts MAX_MESSAGE_BYTES) below a
  // bundle's size bound; these carry a bigger file in order, bounded in size, count and time
  // (core/bundles/bundle-uploads.ts). `size` and `offset` count UTF-16 code units.
  /** Start an upload of `size` characters (at most BUNDLE_MAX_BYTES); at most a few at once. */
  'bundles:uploadBegin': call(
    z.strictObject({ size: z.number().int().min(1).max(BUNDLE_MAX_BYTES) }),
    bundleUploadBegunSchema,
  ),
  /** The next piece: `offset` must be exactly what has arrived so far (no gap, no overlap). */
  'bundles:uploadChunk': call(
    z.strictObject({
      uploadId: uploadIdSchema,
      offset: z.number().int().min(0).max(BUNDLE_MAX_BYTES),
      text: z.string().min(1).max(BUNDLE_UPLOAD_CHUNK_CHARS),
    }),
    bundleUploadProgressSchema,
  ),
  /** Every piece has arrived: verify the bundle and open it read-only, as `bundles:openText`. */
  'bundles:uploadFinish': call(z.strictObject({ uploadId: uploadIdSchema }), bundleOpenedSchema),
} satisfies Record<CallChannel, { args: z.ZodType; result: z.ZodType }>;

export const events = {
  'monitor:changed': monitorChangedSchema,
  'inventory:changed': inventoryChangedSchema,
  'discovery:progress': sweepProgressEventSchema,
  'discovery:found': sweepFoundSchema,
  'discovery:finished': sweepFinishedSchema,
  /** An update ended (verified, failed, unverified): the app also shows a desktop notification. */
  'tracking:updateEnded': updateEndedSchema,
  'settings:changed': settingsSchema,
  /** A native menu item the renderer must act on (open a dialog, …). */
  'menu:command': menuCommandSchema,
  /** A site's visit started or ended, or its "always watched" setting changed: every site's state. */
  'visit:changed': visitsChangedSchema,
  /** A hub's device list was read (or its read failed, or an upgrade started/ended): that hub's devices. */
  'devices:changed': hubDevicesSchema,
  /** A bundle was opened or closed (here, by the menu or by the CLI): every opened bundle. */
  'bundles:changed': bundlesListSchema,
} satisfies Record<EventChannel, z.ZodType>;

// Both directions: a channel listed in contract-channels.ts without a schema fails `satisfies`
// above; a schema without a listed channel fails here.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _callsExact: Exact<keyof typeof calls, CallChannel> = true;
const _eventsExact: Exact<keyof typeof events, EventChannel> = true;
void _callsExact;
void _eventsExact;

export type Calls = typeof calls;
export type Events = typeof events;
export type CallArgs<C extends CallChannel> = z.input<Calls[C]['args']>;
export type ParsedCallArgs<C extends CallChannel> = z.output<Calls[C]['args']>;
export type CallResult<C extends CallChannel> = z.output<Calls[C]['result']>;
export type EventPayload<E extends EventChannel> = z.output<Events[E]>;

// ── envelope ──

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function envelopeSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ]);
}

/**
 * What `window.hubkeeper` exposes, identically from the Electron preload and the web shim.
 * `invoke` never rejects for expected failures: it resolves an envelope. `on` returns the
 * function that removes the listener; callbacks receive the payload only.
 */
export interface RendererApi {
  invoke<C extends CallChannel>(channel: C, args: CallArgs<C>): Promise<Envelope<CallResult<C>>>;
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
