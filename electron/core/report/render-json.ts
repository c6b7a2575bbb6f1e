import { jsonEscapingControls } from '../../shared/control-chars';
import type { Report } from './model';

export const REPORT_JSON_SCHEMA = 1;

/** The report as one JSON document, keys in a fixed order, two-space indent, final newline. */
export function renderReportJson(report: Report): string {
  const doc = {
    kind: 'hubkeeper-site-report',
    schema: REPORT_JSON_SCHEMA,
    site: report.site,
    technician: report.technician,
    from: report.from,
    to: report.to,
    generatedAt: report.generatedAt,
    summary: report.summary,
    rows: report.rows,
    deviceModels: report.deviceModels,
    devices: report.devices,
  };
  return `${jsonEscapingControls(doc, 2)}\n`;
}
