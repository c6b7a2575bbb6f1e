import { translator, type Translator } from '../core/i18n';
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

const ENGLISH = translator('en');

function yesNo(v: boolean | null, t: Translator): string {
  return v === null ? t.t('cliCommon.unknownShort') : t.t(v ? 'cliCommon.yes' : 'cliCommon.no');
}

function upgradeText(d: ManagedDevice, t: Translator): string {
  const u = d.upgrade;
  if (!u) return '';
  if (u.result !== null)
    return u.result === 0 ? t.t('cliHub.devices.upgradeDone') : t.t('cliHub.devices.upgradeFailed', { code: u.result });
  if (u.uploading) return t.t('cliHub.devices.upgradeUploading', { percent: u.uploadPosition ?? '?' });
  return u.step !== null ? t.t('cliHub.devices.upgradeStep', { step: u.step }) : '';
}

const COLUMNS = ['serial', 'name', 'model', 'firmware', 'hardware', 'online', 'warnings', 'upgrade'] as const;

/**
 * The table, then the firmware in use per model ("behind": older than others of its model
 * here), in the run's language (English when not given).
 */
export function renderDevices(
  hub: string,
  asOf: string,
  devices: readonly ManagedDevice[],
  t: Translator = ENGLISH,
): string {
  const models = firmwareByModel(devices);
  const newest = newestByModel(models);
  const unknown = t.t('cliCommon.unknownShort');
  const lines = [t.t('cliHub.devices.heading', { hub, count: devices.length, time: formatLocalTime(asOf) ?? asOf })];
  if (devices.length > 0) {
    lines.push(
      '',
      formatColumns([
        COLUMNS.map((c) => t.t(`cliHub.devices.col.${c}`)),
        ...devices.map((d) => {
          const firmware = d.firmwareVersion ?? unknown;
          return [
            d.serial,
            d.name ?? '',
            d.model ?? '',
            isBehind(d, newest) ? t.t('cliHub.devices.behind', { version: firmware }) : firmware,
            d.hardwareVersion ?? '',
            yesNo(d.online, t),
            d.warnings === null ? unknown : String(d.warnings),
            upgradeText(d, t),
          ];
        }),
      ]),
    );
  }
  if (models.length > 0) {
    lines.push('', t.t('cliHub.devices.byModel'));
    for (const m of models) {
      const versions = m.versions
        .map((v) => t.t('devices.firmware.versionCount', { version: v.version, count: v.count }))
        .join(t.t('cliCommon.listSeparator'));
      lines.push(
        m.behind > 0
          ? t.t('cliHub.devices.modelBehind', { model: m.model, versions, count: m.behind })
          : t.t('cliHub.devices.model', { model: m.model, versions }),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
