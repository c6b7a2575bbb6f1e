import type { UiLanguage } from '../../shared/language';
import { describeTimeZone, formatLocal, machineTimeZone } from './local-time';
import type { Report, ReportRow } from './model';
import { REPORT_TEXT, type ReportText } from './report-text';
import { DEVICES_STYLE, renderDevicesHtml } from './render-html-devices';

/**
 * A self-contained, printable HTML page: inline CSS, no script, no external resource (a strict
 * CSP says so too), A4 landscape when printed. Every piece of device- or user-supplied text is
 * escaped. It speaks the UI language and shows times in the reader's time zone, named in the
 * header and the footer (the CSV and JSON keep UTC); the same inputs give the same bytes.
 */
export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

const esc = (v: string | number | null | undefined): string =>
  v === null || v === undefined ? '' : escapeHtml(String(v));

const STYLE = `
  :root { color-scheme: light; }
  body { font: 12px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", sans-serif; color: #111; margin: 24px; }
  h1 { font-size: 20px; margin: 0 0 4px; }
  .meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0 16px; }
  .meta dt { font-weight: 600; }
  .meta dd { margin: 0; }
  .summary { margin: 0 0 16px; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 6px 18px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #999; padding: 4px 6px; text-align: left; vertical-align: top; }
  th { background: #eee; }
  td.digest { font-family: ui-monospace, "Cascadia Mono", Menlo, Consolas, monospace; font-size: 10px; word-break: break-all; max-width: 16em; }
  .outcome-verified { font-weight: 600; }
  .outcome-failed, .outcome-unverified { font-weight: 600; text-decoration: underline; }
  .note { color: #555; font-size: 11px; }
  footer { margin-top: 16px; color: #555; font-size: 11px; }
  @page { size: A4 landscape; margin: 12mm; }
  @media print { body { margin: 0; } tr { break-inside: avoid; } th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`;

export interface ReportPresentation {
  language: UiLanguage;
  /** IANA zone the times are shown in; the machine's by default. */
  timeZone: string;
}

export function defaultPresentation(language: UiLanguage = 'en'): ReportPresentation {
  return { language, timeZone: machineTimeZone() };
}

function row(r: ReportRow, text: ReportText, time: (iso: string | null) => string): string {
  const outcome = r.outcome
    ? `<span class="outcome-${esc(r.outcome)}">${esc(text.outcome[r.outcome] ?? r.outcome)}</span>` +
      (r.outcomeReason && text.reason[r.outcomeReason]
        ? `<br><span class="note">${esc(text.reason[r.outcomeReason])}</span>`
        : '') +
      (r.updateResult !== null ? `<br><span class="note">${esc(text.hubResult(r.updateResult))}</span>` : '') +
      `<br><span class="note">${esc(time(r.outcomeStartedAt))} → ${esc(r.outcomeEndedAt ? time(r.outcomeEndedAt) : '…')}</span>` +
      (r.updates > 1 ? `<br><span class="note">${esc(text.lastOf(r.updates))}</span>` : '')
    : `<span class="note">${esc(text.noUpdate)}</span>`;
  const marks = [r.offline ? text.offline : null, r.stale && !r.offline ? text.notLive : null]
    .filter(Boolean)
    .join(', ');
  const state =
    r.state === null ? '—' : `${esc(r.state)}${r.progress !== null ? ` ${esc(Math.round(r.progress))}%` : ''}`;
  return [
    '<tr>',
    `<td>${esc(r.name)}</td>`,
    `<td>${esc(r.address)}</td>`,
    `<td>${esc(r.versionBefore ?? '—')}</td>`,
    `<td>${esc(r.versionAfter ?? '—')}</td>`,
    `<td>${esc(r.newestVersion ?? '—')}</td>`,
    `<td class="digest">${esc(r.newestDigest ?? '—')}</td>`,
    `<td>${state}${marks ? `<br><span class="note">${esc(marks)}</span>` : ''}</td>`,
    `<td>${outcome}</td>`,
    `<td>${esc(time(r.observedAt))}${r.newestCheckedAt ? `<br><span class="note">${esc(text.hubCheckedOnline(time(r.newestCheckedAt)))}</span>` : ''}</td>`,
    '</tr>',
  ].join('');
}

export function renderReportHtml(report: Report, presentation: ReportPresentation = defaultPresentation()): string {
  const text = REPORT_TEXT[presentation.language];
  const time = (iso: string | null) => formatLocal(iso, presentation.timeZone);
  const zone = describeTimeZone(presentation.timeZone, report.generatedAt);
  const title = report.site ? text.titleForSite(report.site) : text.title;
  return `<!DOCTYPE html>
<html lang="${esc(presentation.language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}${report.devices.length > 0 ? DEVICES_STYLE : ''}</style>
</head>
<body>
<header>
<h1>${esc(title)}</h1>
<dl class="meta">
<dt>${esc(text.site)}</dt><dd>${esc(report.site ?? text.selectedHubs)}</dd>
<dt>${esc(text.technician)}</dt><dd>${esc(report.technician || '—')}</dd>
<dt>${esc(text.visit)}</dt><dd>${esc(time(report.from))} – ${esc(time(report.to))} <span class="note">${esc(zone)}</span></dd>
<dt>${esc(text.generated)}</dt><dd>${esc(time(report.generatedAt))} <span class="note">${esc(zone)}</span></dd>
</dl>
<ul class="summary">${text
    .summary(report.summary)
    .map((x) => `<li>${esc(x)}</li>`)
    .join('')}</ul>
</header>
<main>
<table>
<thead><tr>${text.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead>
<tbody>
${report.rows.map((r) => row(r, text, time)).join('\n')}
</tbody>
</table>
${renderDevicesHtml(report, text.devices, time)}
</main>
<footer>${esc(text.footer(zone))}</footer>
</body>
</html>
`;
}
