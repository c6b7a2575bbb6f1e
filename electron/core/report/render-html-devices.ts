import type { ModelFirmware } from '../../shared/device-firmware';
import { MAX_DEVICES_PER_HUB } from '../../shared/devices';
import type { Report, ReportDeviceRow, ReportHubDevices } from './model';
import { escapeHtml } from './render-html';
import type { DevicesText } from './report-text';

/**
 * The devices part of the printable report: the firmware in use per model across the site,
 * then per hub its list as last read. Every hub-supplied string is escaped. "Behind" means older
 * than others of the same model on this site (the hub publishes no device firmware releases).
 * Its words come from the report's language (report-text.ts), like the rest of the page.
 */

const esc = (v: string | number | null | undefined): string =>
  v === null || v === undefined ? '' : escapeHtml(String(v));

export const DEVICES_STYLE = `
  section.devices { margin-top: 24px; }
  section.devices h2 { font-size: 16px; margin: 16px 0 4px; }
  section.devices h3 { font-size: 13px; margin: 14px 0 4px; break-after: avoid; }
  .behind { font-weight: 600; text-decoration: underline; }
  @media print { section.devices { break-before: page; } }
`;

function modelLine(m: ModelFirmware, text: DevicesText): string {
  const versions = m.versions.map((v) => `${esc(v.version)} ×${esc(v.count)}`).join(', ');
  return `<li><strong>${esc(m.model)}</strong>: ${versions}${m.behind > 0 ? ` <span class="behind">${esc(text.modelBehind(m.behind))}</span>` : ''}</li>`;
}

function upgradeText(d: ReportDeviceRow, text: DevicesText): string {
  const u = d.upgrade;
  if (!u) return '';
  if (u.result !== null) return u.result === 0 ? text.upgradeDone : text.upgradeFailed(u.result);
  if (u.uploading) return text.uploading(u.uploadPosition === null ? '?' : String(u.uploadPosition));
  return u.step !== null ? text.step(u.step) : '';
}

function deviceRow(d: ReportDeviceRow, text: DevicesText): string {
  const online = d.online === null ? '—' : d.online ? text.yes : text.no;
  return [
    '<tr>',
    `<td>${esc(d.serial)}</td>`,
    `<td>${esc(d.name ?? '—')}</td>`,
    `<td>${esc(d.model ?? '—')}</td>`,
    `<td>${d.behind ? `<span class="behind">${esc(text.firmwareBehind(d.firmwareVersion ?? '—'))}</span>` : esc(d.firmwareVersion ?? '—')}</td>`,
    `<td>${esc(d.hardwareVersion ?? '—')}</td>`,
    `<td>${esc(online)}</td>`,
    `<td>${esc(d.warnings ?? '—')}</td>`,
    `<td>${esc(upgradeText(d, text))}</td>`,
    '</tr>',
  ].join('');
}

function hubSection(hub: ReportHubDevices, text: DevicesText, time: (iso: string | null) => string): string {
  const read = text.listAsRead(time(hub.asOf), text.counts(hub.counts));
  const truncated = hub.truncated ? ` ${text.truncated(MAX_DEVICES_PER_HUB.toLocaleString('en-US'))}` : '';
  return `<h3>${esc(hub.name)} <span class="note">${esc(hub.address)}</span></h3>
<p class="note">${esc(read + truncated)}</p>
<ul>${hub.models.map((m) => modelLine(m, text)).join('')}</ul>
${
  hub.devices.length === 0
    ? ''
    : `<table>
<thead><tr>${text.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead>
<tbody>
${hub.devices.map((d) => deviceRow(d, text)).join('\n')}
</tbody>
</table>`
}`;
}

/**
 * Empty when no hub of the report has a known device list. `time` shows a time as the rest of the
 * report does (local, zone named in the header).
 */
export function renderDevicesHtml(report: Report, text: DevicesText, time: (iso: string | null) => string): string {
  if (report.devices.length === 0) return '';
  return `<section class="devices">
<h2>${esc(text.title)}</h2>
<p class="note">${esc(text.intro)}</p>
<ul>${report.deviceModels.map((m) => modelLine(m, text)).join('')}</ul>
${report.devices.map((hub) => hubSection(hub, text, time)).join('\n')}
</section>`;
}
