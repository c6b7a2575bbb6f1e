import type { HubLiveState } from '../../shared/monitor';
import type { OutcomeReason, TimelineEvent, UpdateRecord } from '../../shared/timeline';
import type { VersionEntry } from '../../shared/domain';
import type { VersionStatus } from '../../shared/version-status';
import type { DeviceCounts, ModelFirmware } from '../../shared/device-firmware';
import type { ManagedDevice } from '../../shared/devices';

/** Everything a report is made from. No clock inside the report code: times come in here. */
export interface ReportInput {
  /** Site name for the header, or null for a free selection of hubs. */
  site: string | null;
  technician: string;
  /** The visit's time span (ISO); figures are taken as they were at its start and end. */
  from: string;
  to: string;
  /** When the report was produced (ISO), printed in the header. */
  generatedAt: string;
  hubs: ReportHubInput[];
}

export interface ReportHubInput {
  hubId: string;
  name: string;
  /** The address the technician knows the hub by (canonical URL). */
  address: string;
  /** Last-known status from the store (or the running monitor), null when never read. */
  live: HubLiveState | null;
  /** The hub's timeline, oldest first. */
  events: readonly TimelineEvent[];
  /** The stored list of published versions (to find the newest version's digest). */
  published: readonly VersionEntry[] | null;
  /** The last device list read from the hub (the offline store), null or absent when never read. */
  devices?: ReportHubDevicesInput | null;
}

export interface ReportHubDevicesInput {
  asOf: string;
  devices: readonly ManagedDevice[];
  truncated: boolean;
}

export interface ReportDeviceRow extends ManagedDevice {
  /** Older firmware than the newest seen for its model across the whole report (the site). */
  behind: boolean;
}

/** One hub's devices section: its list as last read, with the firmware in use per model. */
export interface ReportHubDevices {
  hubId: string;
  name: string;
  address: string;
  /** When the list was read from the hub (ISO). */
  asOf: string;
  truncated: boolean;
  counts: DeviceCounts;
  /** Per model on this hub; `newest` and `behind` measured against the whole report. */
  models: ModelFirmware[];
  devices: ReportDeviceRow[];
}

/**
 * One hub's line of the report. A superset of the contract's ReportRow (shared/contract-models)
 * with the extra figures the issue asks for: each figure's observation time, the update result.
 */
export interface ReportRow {
  hubId: string;
  name: string;
  address: string;
  versionBefore: string | null;
  versionAfter: string | null;
  newestVersion: string | null;
  newestDigest: string | null;
  /** The version after the visit against the newest known, by the one rule (shared/version-status). */
  versionStatus: VersionStatus;
  /** State names joined with '+', unknown bits in hex; null when never read. */
  state: string | null;
  progress: number | null;
  outcome: UpdateRecord['outcome'] | null;
  /** Which rule closed the update (e.g. `same-version`, `not-back`); null while in progress. */
  outcomeReason: OutcomeReason | null;
  outcomeStartedAt: string | null;
  outcomeEndedAt: string | null;
  /** The hub's `update-result` when the update failed. */
  updateResult: number | null;
  /** How many updates overlapped the visit (the outcome columns describe the last one). */
  updates: number;
  /** When installed version, state and newest version were last read from the hub. */
  observedAt: string | null;
  /** When the hub itself last checked online for new versions. */
  newestCheckedAt: string | null;
  /** The figures were not live when the report was made (stale or offline). */
  stale: boolean;
  offline: boolean;
}

export interface Report {
  site: string | null;
  technician: string;
  from: string;
  to: string;
  generatedAt: string;
  rows: ReportRow[];
  summary: ReportSummary;
  /** Per hub whose device list is known, in the order of `rows`. */
  devices: ReportHubDevices[];
  /** Firmware in use per model across every hub of the report. */
  deviceModels: ModelFirmware[];
}

export interface ReportSummary {
  hubs: number;
  verified: number;
  failed: number;
  unverified: number;
  inProgress: number;
  noUpdate: number;
  upToDate: number;
  offline: number;
}
