import { buildReport } from './build-report';
import type { Report, ReportInput } from './model';
import { renderReportCsv } from './render-csv';
import { renderReportHtml, type ReportPresentation } from './render-html';
import { renderReportJson } from './render-json';

export type ReportFormat = 'csv' | 'json' | 'html';
export const REPORT_FORMATS: readonly ReportFormat[] = ['csv', 'json', 'html'];

/** `presentation` (language, time zone) shapes the HTML only: CSV and JSON stay UTC and English. */
export function renderReport(report: Report, format: ReportFormat, presentation?: ReportPresentation): string {
  switch (format) {
    case 'csv':
      return renderReportCsv(report);
    case 'json':
      return renderReportJson(report);
    case 'html':
      return renderReportHtml(report, presentation);
  }
}

/** The file name a save dialog suggests: `hubkeeper-report-<site>-<date>.<ext>`, filesystem-safe. */
export function suggestedReportName(input: Pick<ReportInput, 'site' | 'to'>, format: ReportFormat): string {
  const site =
    (input.site ?? 'hubs')
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'site';
  return `hubkeeper-report-${site}-${input.to.slice(0, 10)}.${format}`;
}

export { buildReport };
export { defaultPresentation, type ReportPresentation } from './render-html';
export type { Report, ReportInput } from './model';
