import { stringify } from 'csv-stringify/sync';
import { guardFormula } from '../csv-formula';
import type { Report, ReportRow } from './model';

/**
 * One row per hub, a header line of column names. The report header (site, technician, span)
 * is repeated in its own columns so the file stays a plain table any spreadsheet opens.
 */
export const REPORT_CSV_COLUMNS = [
  'site',
  'technician',
  'span_from',
  'span_to',
  'hub_id',
  'name',
  'address',
  'version_before',
  'version_after',
  'newest_version',
  'newest_digest',
  'state',
  'progress',
  'outcome',
  'outcome_reason',
  'outcome_started_at',
  'outcome_ended_at',
  'update_result',
  'updates',
  'observed_at',
  'newest_checked_at',
  'stale',
  'offline',
] as const;

const text = (v: string | number | boolean | null): string => (v === null ? '' : String(v));

function cells(report: Report, r: ReportRow): string[] {
  return [
    report.site,
    report.technician,
    report.from,
    report.to,
    r.hubId,
    r.name,
    r.address,
    r.versionBefore,
    r.versionAfter,
    r.newestVersion,
    r.newestDigest,
    r.state,
    r.progress,
    r.outcome,
    r.outcomeReason,
    r.outcomeStartedAt,
    r.outcomeEndedAt,
    r.updateResult,
    r.updates,
    r.observedAt,
    r.newestCheckedAt,
    r.stale,
    r.offline,
  ].map((v) => (typeof v === 'string' ? guardFormula(v) : text(v)));
}

/**
 * The devices section: a second table after one empty line, one row per device of every hub whose
 * device list is known (omitted, with its empty line, when none is). Spreadsheets open both
 * tables; a script splits the file at the first empty line.
 */
export const REPORT_DEVICE_CSV_COLUMNS = [
  'hub_id',
  'hub_name',
  'devices_as_of',
  'devices_truncated',
  'serial',
  'device_name',
  'model',
  'firmware_version',
  'behind',
  'hardware_version',
  'online',
  'warnings',
  'upgrade_step',
  'upgrade_result',
  'upload_position',
] as const;

function deviceCells(report: Report): string[][] {
  return report.devices.flatMap((hub) =>
    hub.devices.map((d) =>
      [
        hub.hubId,
        hub.name,
        hub.asOf,
        hub.truncated,
        d.serial,
        d.name,
        d.model,
        d.firmwareVersion,
        d.behind,
        d.hardwareVersion,
        d.online,
        d.warnings,
        d.upgrade?.step ?? null,
        d.upgrade?.result ?? null,
        d.upgrade?.uploadPosition ?? null,
      ].map((v) => (typeof v === 'string' ? guardFormula(v) : text(v))),
    ),
  );
}

const CSV_OPTIONS = { record_delimiter: '\r\n', quoted_match: /[",\r\n]/ } as const;

export function renderReportCsv(report: Report): string {
  const hubs = stringify([[...REPORT_CSV_COLUMNS], ...report.rows.map((r) => cells(report, r))], CSV_OPTIONS);
  const devices = deviceCells(report);
  if (devices.length === 0) return hubs;
  return `${hubs}\r\n${stringify([[...REPORT_DEVICE_CSV_COLUMNS], ...devices], CSV_OPTIONS)}`;
}
