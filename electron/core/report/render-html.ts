import type { Report, ReportRow } from './model';
import type { OutcomeReason } from '../../shared/timeline';
import { DEVICES_STYLE, renderDevicesHtml } from './render-html-devices';

/**
 * A self-contained, printable HTML page: inline CSS, no script, no external resource (a strict
 * CSP says so too), A4 landscape when printed. Every piece of device- or user-supplied text is
 * escaped; times are shown in UTC so the same report reads the same everywhere and the output
 * is byte-for-byte reproducible.
 */
export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

const esc = (v: string | number | null | undefined): string =>
  v === null || v === undefined ? '' : escapeHtml(String(v));

/** `2024-01-02T10:00:00.000Z` → `2024-01-02 10:00:00 UTC`. */
export function formatUtc(iso: string | null): string {
  if (iso === null) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

const OUTCOME_LABEL: Record<string, string> = {
  verified: 'Verified',
  failed: 'Failed',
  unverified: 'Unverified',
  'in-progress': 'In progress',
};

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

/** Why an update was not verified, in words (the footer explains the outcomes themselves). */
const REASON_TEXT: Partial<Record<OutcomeReason, string>> = {
  'same-version': 'back on the same version',
  'unexpected-version': 'back on a version other than the newest known',
  'newest-unknown': 'the newest version was never known',
  'version-unknown': 'the installed version could not be read',
  'not-back': 'not back in time after its restart',
  'no-restart': 'stopped without a restart',
};

function row(r: ReportRow): string {
  const outcome = r.outcome
    ? `<span class="outcome-${esc(r.outcome)}">${esc(OUTCOME_LABEL[r.outcome] ?? r.outcome)}</span>` +
      (r.outcomeReason && REASON_TEXT[r.outcomeReason]
        ? `<br><span class="note">${esc(REASON_TEXT[r.outcomeReason])}</span>`
        : '') +
      (r.updateResult !== null ? `<br><span class="note">hub result ${esc(r.updateResult)}</span>` : '') +
      `<br><span class="note">${esc(formatUtc(r.outcomeStartedAt))} → ${esc(r.outcomeEndedAt ? formatUtc(r.outcomeEndedAt) : '…')}</span>` +
      (r.updates > 1 ? `<br><span class="note">last of ${esc(r.updates)} updates</span>` : '')
    : '<span class="note">no update</span>';
  const marks = [r.offline ? 'offline' : null, r.stale && !r.offline ? 'not live' : null].filter(Boolean).join(', ');
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
    `<td>${esc(formatUtc(r.observedAt))}${r.newestCheckedAt ? `<br><span class="note">hub checked online ${esc(formatUtc(r.newestCheckedAt))}</span>` : ''}</td>`,
    '</tr>',
  ].join('');
}

export function renderReportHtml(report: Report): string {
  const title = report.site ? `Site visit report — ${report.site}` : 'Site visit report';
  const s = report.summary;
  const summary = [
    `${s.hubs} hubs`,
    `${s.upToDate} up to date`,
    `${s.verified} verified`,
    `${s.failed} failed`,
    `${s.unverified} unverified`,
    `${s.inProgress} in progress`,
    `${s.offline} offline`,
  ];
  return `<!DOCTYPE html>
<html lang="en">
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
<dt>Site</dt><dd>${esc(report.site ?? '(selected hubs)')}</dd>
<dt>Technician</dt><dd>${esc(report.technician || '—')}</dd>
<dt>Visit</dt><dd>${esc(formatUtc(report.from))} – ${esc(formatUtc(report.to))}</dd>
<dt>Generated</dt><dd>${esc(formatUtc(report.generatedAt))}</dd>
</dl>
<ul class="summary">${summary.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>
</header>
<main>
<table>
<thead><tr><th>Hub</th><th>Address</th><th>Version before</th><th>Version after</th><th>Newest version</th><th>Newest digest (SHA-256)</th><th>State</th><th>Update outcome</th><th>Last observed</th></tr></thead>
<tbody>
${report.rows.map(row).join('\n')}
</tbody>
</table>
${renderDevicesHtml(report)}
</main>
<footer>Verified: the hub came back after its restart on a different version equal to the newest version known before the restart. Failed: the hub reported update failure (state 0x200) with its result code. Unverified: the hub came back on the same or another version, or was not back in time, or the update stopped without a restart. Times in UTC. Made with Hubkeeper.</footer>
</body>
</html>
`;
}
