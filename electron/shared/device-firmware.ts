import type { ManagedDevice } from './devices';
import { compareVersions } from './version-status';

/**
 * Firmware in use per model across a set of devices (a hub, a site, a fleet). The hub publishes
 * no device firmware releases, so the newest version SEEN for a model is the yardstick: a device
 * on an older one is "behind" — older than others of its model here, not "outdated".
 * Pure, no Node and no DOM: the renderer, the report and the CLI share it.
 */

export interface FirmwareCount {
  version: string;
  count: number;
}

export interface ModelFirmware {
  model: string;
  /** Newest first (compareVersions order). */
  versions: FirmwareCount[];
  /** The newest version seen for this model. */
  newest: string;
  devices: number;
  behind: number;
}

/** Devices without a model or a firmware version are counted nowhere: they cannot be compared. */
export function firmwareByModel(devices: Iterable<Pick<ManagedDevice, 'model' | 'firmwareVersion'>>): ModelFirmware[] {
  const byModel = new Map<string, Map<string, number>>();
  for (const d of devices) {
    if (!d.model || !d.firmwareVersion) continue;
    let versions = byModel.get(d.model);
    if (!versions) byModel.set(d.model, (versions = new Map()));
    versions.set(d.firmwareVersion, (versions.get(d.firmwareVersion) ?? 0) + 1);
  }
  const out: ModelFirmware[] = [];
  for (const [model, counts] of byModel) {
    const versions = [...counts].map(([version, count]) => ({ version, count }));
    versions.sort((a, b) => compareVersions(b.version, a.version));
    const newest = versions[0]!.version;
    let devicesCount = 0;
    let behind = 0;
    for (const v of versions) {
      devicesCount += v.count;
      if (compareVersions(v.version, newest) < 0) behind += v.count;
    }
    out.push({ model, versions, newest, devices: devicesCount, behind });
  }
  return out.sort((a, b) => a.model.localeCompare(b.model));
}

/** The newest firmware seen per model, for `isBehind`. */
export function newestByModel(models: readonly ModelFirmware[]): Map<string, string> {
  return new Map(models.map((m) => [m.model, m.newest]));
}

/** True when the device runs an older firmware than the newest seen for its model. */
export function isBehind(
  device: Pick<ManagedDevice, 'model' | 'firmwareVersion'>,
  newest: ReadonlyMap<string, string>,
): boolean {
  if (!device.model || !device.firmwareVersion) return false;
  const top = newest.get(device.model);
  return top !== undefined && compareVersions(device.firmwareVersion, top) < 0;
}

/**
 * An upgrade is under way: the file is uploading, or a step is reported without its outcome yet.
 * (The hub documents no meaning for the step numbers; an outcome code ends the upgrade.)
 */
export function isUpgrading(device: Pick<ManagedDevice, 'upgrade'>): boolean {
  const u = device.upgrade;
  return u !== null && u.result === null && (u.uploading === true || u.step !== null);
}

export interface DeviceCounts {
  total: number;
  behind: number;
  offline: number;
  withWarnings: number;
  upgrading: number;
}

/** Counts for a fleet row or a summary chip; `newest` comes from the whole site (or fleet). */
export function countDevices(devices: readonly ManagedDevice[], newest: ReadonlyMap<string, string>): DeviceCounts {
  const counts: DeviceCounts = { total: devices.length, behind: 0, offline: 0, withWarnings: 0, upgrading: 0 };
  for (const d of devices) {
    if (isBehind(d, newest)) counts.behind++;
    if (d.online === false) counts.offline++;
    if ((d.warnings ?? 0) > 0) counts.withWarnings++;
    if (isUpgrading(d)) counts.upgrading++;
  }
  return counts;
}
