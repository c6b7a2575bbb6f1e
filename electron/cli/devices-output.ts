import { firmwareByModel, isBehind, newestByModel } from '../shared/device-firmware';
import type { ManagedDevice } from '../shared/devices';
import type { AppError } from '../shared/errors';
import { errorJson, formatColumns, formatLocalTime } from './output';

/**
 * `hubkeeper devices` output. The `--json` shape is issue 13's, built key by key so a field
 * added to the device model never leaks into a script's interface unannounced.
 */

export interface DeviceJson {
  serial: string;
  name: string | null;
  model: string | null;
  firmwareVersion: string | null;
  hardwareVersion: string | null;
  online: boolean | null;
  warnings: number | null;
  upgrade: null | { step: number | null; result: number | null; uploadPosition: number | null };
}

export function deviceJson(d: ManagedDevice): DeviceJson {
  return {
    serial: d.serial,
    name: d.name,
    model: d.model,
    firmwareVersion: d.firmwareVersion,
    hardwareVersion: d.hardwareVersion,
    online: d.online,
    warnings: d.warnings,
    upgrade:
      d.upgrade === null
        ? null
        : { step: d.upgrade.step, result: d.upgrade.result, uploadPosition: d.upgrade.uploadPosition },
  };
}

/** Success: `{ hub, asOf, devices }`. Failure: the same keys with nulls, plus `error`. */
export function devicesDocument(
  hub: string,
  read: { asOf: string; devices: readonly ManagedDevice[] } | null,
  error: AppError | null,
) {
  const doc = { hub, asOf: read?.asOf ?? null, devices: read ? read.devices.map(deviceJson) : null };
  return error === null ? doc : { ...doc, error: errorJson(error) };
}

const yesNo = (v: boolean | null): string => (v === null ? '?' : v ? 'yes' : 'no');

function upgradeText(d: ManagedDevice): string {
  const u = d.upgrade;
  if (!u) return '';
  if (u.result !== null) return u.result === 0 ? 'done' : `failed (code ${u.result})`;
  if (u.uploading) return `uploading ${u.uploadPosition ?? '?'}%`;
  return u.step !== null ? `step ${u.step}` : '';
}

/** The table, then the firmware in use per model ("behind": older than others of its model here). */
export function renderDevices(hub: string, asOf: string, devices: readonly ManagedDevice[]): string {
  const models = firmwareByModel(devices);
  const newest = newestByModel(models);
  const lines = [`${hub}: ${devices.length} device${devices.length === 1 ? '' : 's'}, as of ${formatLocalTime(asOf)}`];
  if (devices.length > 0) {
    lines.push(
      '',
      formatColumns([
        ['SERIAL', 'NAME', 'MODEL', 'FIRMWARE', 'HARDWARE', 'ONLINE', 'WARNINGS', 'UPGRADE'],
        ...devices.map((d) => [
          d.serial,
          d.name ?? '',
          d.model ?? '',
          `${d.firmwareVersion ?? '?'}${isBehind(d, newest) ? ' (behind)' : ''}`,
          d.hardwareVersion ?? '',
          yesNo(d.online),
          d.warnings === null ? '?' : String(d.warnings),
          upgradeText(d),
        ]),
      ]),
    );
  }
  if (models.length > 0) {
    lines.push('', 'Firmware by model ("behind" = older than others of the same model on this hub):');
    for (const m of models) {
      const versions = m.versions.map((v) => `${v.version} ×${v.count}`).join(', ');
      lines.push(`  ${m.model}: ${versions}${m.behind > 0 ? `  (${m.behind} behind)` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
