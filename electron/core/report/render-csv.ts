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

export function renderReportCsv(report: Report): string {
  return stringify([[...REPORT_CSV_COLUMNS], ...report.rows.map((r) => cells(report, r))], {
    record_delimiter: '\r\n',
    quoted_match: /[",\r\n]/,
  });
}
