import type { ModelFirmware } from '../../shared/device-firmware';
import type { Report, ReportDeviceRow, ReportHubDevices } from './model';
import { escapeHtml } from './render-html';

/**
 * The devices part of the printable report: the firmware in use per model across the site,
 * then per hub its list as last read. Every hub-supplied string is escaped. "Behind" means older
 * than others of the same model on this site (the hub publishes no device firmware releases).
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

function modelLine(m: ModelFirmware): string {
  const versions = m.versions.map((v) => `${esc(v.version)} ×${esc(v.count)}`).join(', ');
  return `<li><strong>${esc(m.model)}</strong>: ${versions}${m.behind > 0 ? ` <span class="behind">(${esc(m.behind)} behind)</span>` : ''}</li>`;
}

function upgradeText(d: ReportDeviceRow): string {
  const u = d.upgrade;
  if (!u) return '';
  if (u.result !== null) return u.result === 0 ? 'done' : `failed (code ${u.result})`;
  if (u.uploading) return `uploading ${u.uploadPosition ?? '?'}%`;
  return u.step !== null ? `step ${u.step}` : '';
}

const yesNo = (v: boolean | null): string => (v === null ? '—' : v ? 'yes' : 'no');

function deviceRow(d: ReportDeviceRow): string {
  return [
    '<tr>',
    `<td>${esc(d.serial)}</td>`,
    `<td>${esc(d.name ?? '—')}</td>`,
    `<td>${esc(d.model ?? '—')}</td>`,
    `<td>${d.behind ? `<span class="behind">${esc(d.firmwareVersion)} (behind)</span>` : esc(d.firmwareVersion ?? '—')}</td>`,
    `<td>${esc(d.hardwareVersion ?? '—')}</td>`,
    `<td>${esc(yesNo(d.online))}</td>`,
    `<td>${esc(d.warnings ?? '—')}</td>`,
    `<td>${esc(upgradeText(d))}</td>`,
    '</tr>',
  ].join('');
}

function hubSection(hub: ReportHubDevices, time: (iso: string | null) => string): string {
  const c = hub.counts;
  const facts = [
    `${c.total} devices`,
    `${c.behind} behind`,
    `${c.offline} offline`,
    `${c.withWarnings} with warnings`,
    ...(c.upgrading > 0 ? [`${c.upgrading} upgrading`] : []),
  ].join(', ');
  return `<h3>${esc(hub.name)} <span class="note">${esc(hub.address)}</span></h3>
<p class="note">List as read ${esc(time(hub.asOf))}: ${esc(facts)}${hub.truncated ? '. The hub lists more devices than Hubkeeper reads (10,000): the list stops there.' : ''}</p>
<ul>${hub.models.map(modelLine).join('')}</ul>
${
  hub.devices.length === 0
    ? ''
    : `<table>
<thead><tr><th>Serial</th><th>Name</th><th>Model</th><th>Firmware</th><th>Hardware</th><th>Online</th><th>Warnings</th><th>Upgrade</th></tr></thead>
<tbody>
${hub.devices.map(deviceRow).join('\n')}
</tbody>
</table>`
}`;
}

/**
 * Empty when no hub of the report has a known device list. `time` shows a time as the rest of the
 * report does (local, zone named in the header). The section's words are English for now.
 */
export function renderDevicesHtml(report: Report, time: (iso: string | null) => string): string {
  if (report.devices.length === 0) return '';
  return `<section class="devices">
<h2>Managed devices</h2>
<p class="note">Firmware in use per model on this site. "Behind": older than the newest version seen for the same model here (the hub publishes no device firmware releases).</p>
<ul>${report.deviceModels.map(modelLine).join('')}</ul>
${report.devices.map((hub) => hubSection(hub, time)).join('\n')}
</section>`;
}
