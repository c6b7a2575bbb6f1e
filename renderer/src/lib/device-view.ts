import type { ManagedDevice } from '../../../electron/shared/devices';
import { isBehind, isUpgrading } from '../../../electron/shared/device-firmware';
import { compareVersions } from '../../../electron/shared/version-status';

/**
 * Pure filtering and sorting of one hub's device list for the Devices tab. No Vue here: the
 * table gives these the list and the site's newest firmware per model, so tests can drive
 * them directly and 10,000 devices cost one pass, not one reactive read per field.
 */

export type DeviceSortKey = 'serial' | 'name' | 'model' | 'firmware' | 'hardware' | 'online' | 'warnings' | 'upgrade';

export const DEVICE_SORT_KEYS: readonly DeviceSortKey[] = [
  'serial',
  'name',
  'model',
  'firmware',
  'hardware',
  'online',
  'warnings',
  'upgrade',
];

export interface DeviceFilter {
  /** Matched case-insensitively against serial, name, model, firmware and hardware versions. */
  text: string;
  /** '' for every model. */
  model: string;
  offlineOnly: boolean;
  warningsOnly: boolean;
  behindOnly: boolean;
}

export const NO_DEVICE_FILTER: DeviceFilter = {
  text: '',
  model: '',
  offlineOnly: false,
  warningsOnly: false,
  behindOnly: false,
};

export function isFiltered(filter: DeviceFilter): boolean {
  return (
    filter.text.trim() !== '' || filter.model !== '' || filter.offlineOnly || filter.warningsOnly || filter.behindOnly
  );
}

export function filterDevices(
  devices: readonly ManagedDevice[],
  filter: DeviceFilter,
  newest: ReadonlyMap<string, string>,
): ManagedDevice[] {
  const needle = filter.text.trim().toLowerCase();
  return devices.filter((d) => {
    if (filter.model && d.model !== filter.model) return false;
    // "Offline" means the hub said so; a device whose state the hub did not report is not offline.
    if (filter.offlineOnly && d.online !== false) return false;
    if (filter.warningsOnly && !((d.warnings ?? 0) > 0)) return false;
    if (filter.behindOnly && !isBehind(d, newest)) return false;
    if (needle) {
      const haystack =
        `${d.serial}\n${d.name ?? ''}\n${d.model ?? ''}\n${d.firmwareVersion ?? ''}\n${d.hardwareVersion ?? ''}`.toLowerCase();
      if (!haystack.includes(needle)) return false;
    }
    return true;
  });
}

/** "Encoder 9" before "Encoder 10"; serials with digits compare as people read them. */
const natural = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * An upgrade's progress as a percentage when the hub reports one that can be one (0–100);
 * some hubs report bytes uploaded instead, which say nothing without the file size: null.
 */
export function upgradePercent(device: Pick<ManagedDevice, 'upgrade'>): number | null {
  const pos = device.upgrade?.uploadPosition ?? null;
  return pos !== null && pos >= 0 && pos <= 100 ? pos : null;
}

/** Upgrading first (by progress), then failed outcomes, then finished, then devices with none. */
function upgradeRank(d: ManagedDevice): number {
  if (isUpgrading(d)) return (upgradePercent(d) ?? 0) / 1000;
  if (d.upgrade && d.upgrade.result !== null && d.upgrade.result !== 0) return 1;
  if (d.upgrade) return 2;
  return 3;
}

function compareBy(key: DeviceSortKey, a: ManagedDevice, b: ManagedDevice): number {
  switch (key) {
    case 'serial':
      return natural.compare(a.serial, b.serial);
    case 'name':
      return compareText(a.name, b.name);
    case 'model':
      return compareText(a.model, b.model);
    case 'firmware':
      return compareVersionText(a.firmwareVersion, b.firmwareVersion);
    case 'hardware':
      return compareVersionText(a.hardwareVersion, b.hardwareVersion);
    case 'online':
      // Offline first in ascending order: what needs eyes comes up top.
      return onlineRank(a) - onlineRank(b);
    case 'warnings':
      return (b.warnings ?? -1) - (a.warnings ?? -1);
    case 'upgrade':
      return upgradeRank(a) - upgradeRank(b);
  }
}

function onlineRank(d: ManagedDevice): number {
  return d.online === false ? 0 : d.online === null ? 1 : 2;
}

/** Missing values sort last in both directions' natural reading (they compare as the largest). */
function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null || a === '') return 1;
  if (b === null || b === '') return -1;
  return natural.compare(a, b);
}

function compareVersionText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  return compareVersions(a, b);
}

/** A sorted copy; the serial breaks ties so equal rows never swap places between refreshes. */
export function sortDevices(devices: readonly ManagedDevice[], key: DeviceSortKey, dir: 1 | -1): ManagedDevice[] {
  return [...devices].sort((a, b) => compareBy(key, a, b) * dir || natural.compare(a.serial, b.serial));
}

/** The models present in a list, for the model filter. */
export function modelsOf(devices: readonly ManagedDevice[]): string[] {
  const models = new Set<string>();
  for (const d of devices) if (d.model) models.add(d.model);
  return [...models].sort((a, b) => natural.compare(a, b));
}
