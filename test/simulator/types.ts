import type { DeviceUpgradeSpec } from './device-upgrades';

/**
 * Public types of the simulated Control Hub. The shape is the agreed in-process API
 * (see test/simulator/README.md); fields may be added, never renamed.
 */

export type ScenarioName =
  | 'idle'
  | 'update-available'
  | 'full-update'
  | 'update-fails'
  | 'back-on-old-version'
  | 'unavailable'
  | 'cancel'
  | 'upload'
  | 'downloading';

export type ResultFamily = 'current' | 'legacy';

/** The forms of a successful login answer hubs are known to use (see Variants.loginSession). */
export const LOGIN_SESSION_FORMS = [
  'token-and-cookies',
  'cookies-only',
  'sid-cookie-only',
  'token-only',
  'legacy-sid',
] as const;
export type LoginSessionForm = (typeof LOGIN_SESSION_FORMS)[number];

/** Phase durations of the scripted update state machine, in milliseconds. */
export interface Timing {
  /** Time spent idle (update available) before a scripted update starts. */
  leadMs: number;
  /** Checking the online version (state 0x2). */
  checkMs: number;
  /** Downloading, progress rising 0 → 100 (state 0x4); one cycle for 'downloading'. */
  downloadMs: number;
  /** Verifying the firmware (state 0x8). */
  verifyMs: number;
  /** A manual upload arriving (state 0x10). */
  uploadMs: number;
  /** Cancelling (state 0x20). */
  cancelMs: number;
  /** Answering state 0x40 ("finished, restarting") before the port goes down. */
  restartNoticeMs: number;
  /** The port refuses connections for this long while the hub reboots. */
  restartMs: number;
}

/** Response-shape switches for every variant controlhub-api.md says a client must tolerate. */
export interface Variants {
  /** Fields of `status` directly at the top level of the update-status body. */
  topLevelFields: boolean;
  /** `newest-version` as a plain version string instead of an entry. */
  newestVersionAsString: boolean;
  /** Every boolean in a body as 0/1. */
  booleansAsNumbers: boolean;
  /** Every number in a body (except `result`) as a numeric string. */
  numericStrings: boolean;
  /** Legacy negative result codes (same as resultFamily 'legacy'). */
  legacyCodes: boolean;
  /** Not-logged-in answers HTTP 401 instead of 200 + code. */
  http401OnExpiry: boolean;
  /** Not-logged-in answers HTTP 403 instead of 200 + code (addition). */
  http403OnExpiry: boolean;
  /** Adds the undocumented bit 0x80 to the update state. */
  unknownStateBits: boolean;
  /** `progress` outside 0–100: true = 140 while downloading, -5 otherwise; a number = that value. */
  progressOutOfRange: boolean | number;
  /** No `online-status` at all (older firmware / online checking disabled). */
  missingOnlineStatus: boolean;
  /** `online-status` without `versions`. */
  missingVersions: boolean;
  /** Entries per page when the request has no `count` (3, as in the seed). */
  defaultPageSize: number;
  /** At most this many entries per page, whatever `count` asks (0 = no cap). */
  maxPageSize: number;
  /** Wrong password answers 36 AUTH_FAILED instead of 39 MISMATCH (current family; addition). */
  authFailed36: boolean;
  /** Login does not send Set-Cookie (the client must build the cookies itself; addition). */
  noSetCookie: boolean;
  /**
   * Where a successful login puts the session (addition; real hubs differ, see README):
   * body `token` and both cookies (default), only the cookies, only `mwcloud-sid`, only the body
   * `token`, or an older Cloud build's body `sid` field. `noSetCookie` still removes the cookies.
   */
  loginSession: LoginSessionForm;
  /** Adds `remote-ip` and an unknown field to every JSON body (addition). */
  extraFields: boolean;
  /** `/api/device/list` answers without `total` (it is not documented to send one; addition). */
  deviceListWithoutTotal: boolean;
  /** At most this many devices per `/api/device/list` page, whatever `count` asks (0 = no cap; addition). */
  devicePageSize: number;
}

export interface FaultPaths {
  /** Only these request paths (exact, without query) get the fault; default all. */
  paths?: string[];
}

export type Fault = FaultPaths &
  (
    | { kind: 'latency'; ms: number }
    | { kind: 'hang' }
    | { kind: 'reset' }
    | { kind: 'http500' }
    | { kind: 'http401' }
    | { kind: 'html' }
    | { kind: 'malformed-json' }
    | { kind: 'truncated' }
    | { kind: 'huge'; bytes: number }
  );

export interface UserSpec {
  name: string;
  password: string;
  /** 1 admin, 2 user, 4 viewer, 8 custom. */
  type: number;
  /** 32-bit permission mask, see PERMISSION. */
  permission: number;
  groupName?: string;
  id?: number;
}

export interface RecordedRequest {
  at: number;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface HubOptions {
  host?: string;
  port?: number;
  https?: boolean;
  scenario?: ScenarioName;
  variant?: Partial<Variants>;
  users?: UserSpec[];
  /** Session idle timeout; Infinity or a negative value = never. */
  sessionIdleMs?: number;
  resultFamily?: ResultFamily;
  timing?: Partial<Timing>;
  /** Appliance (true, default) or software edition (no `hardware-ver`). */
  isHardware?: boolean;
  /** Managed devices served by /api/device/list (default 6). */
  devices?: number;
  /** Device upgrades running from the start (see `hub.upgradeDevices`). */
  deviceUpgrades?: DeviceUpgradeSpec[];
  /** Keep at most this many recorded requests (oldest dropped; 0 records nothing). Default 1000 per hub, 100 in fleets. */
  maxRecordedRequests?: number;
  /** Certificate to serve (https); default a fresh self-signed one. Used by fleets to share one. */
  certificate?: { key: string; cert: string };
}
