import type { DeviceUpgrade, ManagedDevice } from '../../../electron/shared/devices';
import type { DeviceCounts } from '../../../electron/shared/device-firmware';

/**
 * Structural sharing for device lists that are re-read every few seconds during an upgrade:
 * a device whose fields did not change keeps its previous object, so the table row showing it
 * does not re-render (Vue compares props by identity), and a list where nothing changed keeps
 * its previous array. Only the upgrading devices' rows move.
 */

function sameUpgrade(a: DeviceUpgrade | null, b: DeviceUpgrade | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return (
    a.uploading === b.uploading && a.uploadPosition === b.uploadPosition && a.step === b.step && a.result === b.result
  );
}

export function sameDevice(a: ManagedDevice, b: ManagedDevice): boolean {
  return (
    a.serial === b.serial &&
    a.name === b.name &&
    a.model === b.model &&
    a.firmwareVersion === b.firmwareVersion &&
    a.hardwareVersion === b.hardwareVersion &&
    a.online === b.online &&
    a.warnings === b.warnings &&
    a.appliedAt === b.appliedAt &&
    sameUpgrade(a.upgrade, b.upgrade)
  );
}

export function shareUnchanged(
  previous: readonly ManagedDevice[] | null | undefined,
  next: ManagedDevice[] | null,
): ManagedDevice[] | null {
  if (!previous || !next) return next;
  const bySerial = new Map(previous.map((d) => [d.serial, d]));
  let changed = previous.length !== next.length;
  const out = next.map((d, i) => {
    const before = bySerial.get(d.serial);
    if (before && sameDevice(before, d)) {
      if (previous[i] !== before) changed = true;
      return before;
    }
    changed = true;
    return d;
  });
  return changed ? out : (previous as ManagedDevice[]);
}

export function sameNewest(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [model, version] of a) if (b.get(model) !== version) return false;
  return true;
}

export function sameCounts(a: DeviceCounts | null, b: DeviceCounts | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return (
    a.total === b.total &&
    a.behind === b.behind &&
    a.offline === b.offline &&
    a.withWarnings === b.withWarnings &&
    a.upgrading === b.upgrading
  );
}
