/**
 * Firmware upgrades of managed devices, as `/api/device/list` shows them: a scripted timeline
 * per upgrade, answered as a pure function of the time since it started. The first 60 % of
 * `durationMs` uploads the file (`is-upload-file` 1, `upload-file-pos` rising 0 → 100, in
 * percent); the rest runs `status.upgrade-step` 1 → 3 without an outcome; then the upgrade ends:
 * `done` (the new `firmware-ver`, `upgrade-step` 4, `upgrade-ret` 0) or `failed` (`upgrade-ret`
 * 5, the old firmware).
 */

export interface DeviceUpgradeSpec {
  /** Positions (0-based) of the devices in the hub's list. */
  devices: number[];
  durationMs: number;
  outcome: 'done' | 'failed';
  /** What a `done` device runs afterwards (default: its version with the last number + 1). */
  toVersion?: string;
}

export interface RunningUpgrade extends DeviceUpgradeSpec {
  startedAt: number;
}

export const UPGRADE_FAILED_CODE = 5;
const UPLOAD_SHARE = 0.6;
const STEPS = 3;

export function validateUpgrade(spec: DeviceUpgradeSpec): DeviceUpgradeSpec {
  if (!Array.isArray(spec.devices) || spec.devices.some((i) => !Number.isInteger(i) || i < 0))
    throw new TypeError('a device upgrade names devices by their 0-based positions');
  if (!Number.isFinite(spec.durationMs) || spec.durationMs <= 0)
    throw new TypeError('a device upgrade needs a positive durationMs');
  if (spec.outcome !== 'done' && spec.outcome !== 'failed')
    throw new TypeError("a device upgrade's outcome is 'done' or 'failed'");
  return { ...spec, devices: [...spec.devices] };
}

function nextVersion(version: string): string {
  const parts = version.split('.');
  const last = Number(parts.at(-1));
  return Number.isInteger(last) ? [...parts.slice(0, -1), String(last + 1)].join('.') : `${version}.1`;
}

/** The upgrade fields (and firmware) of one device at `now`; the device itself is not changed. */
function upgraded<T extends Record<string, unknown>>(device: T, upgrade: RunningUpgrade, now: number): T {
  const elapsed = Math.max(0, now - upgrade.startedAt);
  const share = elapsed / upgrade.durationMs;
  if (share >= 1) {
    const done = upgrade.outcome === 'done';
    return {
      ...device,
      'firmware-ver': done
        ? (upgrade.toVersion ?? nextVersion(String(device['firmware-ver'])))
        : device['firmware-ver'],
      'is-upload-file': 0,
      'upload-file-pos': 100,
      status: { 'upgrade-step': done ? STEPS + 1 : STEPS, 'upgrade-ret': done ? 0 : UPGRADE_FAILED_CODE },
    };
  }
  if (share < UPLOAD_SHARE) {
    return { ...device, 'is-upload-file': 1, 'upload-file-pos': Math.floor((share / UPLOAD_SHARE) * 100) };
  }
  const step = 1 + Math.min(STEPS - 1, Math.floor(((share - UPLOAD_SHARE) / (1 - UPLOAD_SHARE)) * STEPS));
  return { ...device, 'is-upload-file': 0, 'upload-file-pos': 100, status: { 'upgrade-step': step } };
}

/** The list with every running (or finished) upgrade applied; later upgrades of a device win. */
export function applyUpgrades<T extends Record<string, unknown>>(
  devices: readonly T[],
  upgrades: readonly RunningUpgrade[],
  now: number,
): T[] {
  if (upgrades.length === 0) return devices as T[];
  const out = [...devices];
  for (const upgrade of upgrades) {
    for (const i of upgrade.devices) if (out[i]) out[i] = upgraded(out[i], upgrade, now);
  }
  return out;
}
