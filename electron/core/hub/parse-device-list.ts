import { z } from 'zod';
import type { DeviceUpgrade, ManagedDevice } from '../../shared/devices';
import { fail, ok, type Result } from '../../shared/errors';
import { capped, FIELD_CAPS, FieldTooLong } from './field-caps';
import {
  asObject,
  isoFromUnix,
  lenient,
  lenientBoolean,
  lenientInt,
  lenientNumber,
  lenientText,
} from './loose-schemas';

/**
 * One page of `GET /api/device/list`: the managed encoders and decoders. Same rules as the other
 * parsers: total, lenient per field (a field of the wrong type counts as absent, null, never
 * invented), unknown fields ignored, strings capped (a field over its cap fails the page).
 */

export interface DeviceListPage {
  /** The devices of this page that have a serial number, in the hub's order. */
  devices: ManagedDevice[];
  /** How many entries the page held, with or without a serial (how far `start` moves on). */
  entries: number;
  /** Entries without a serial number: they cannot be told apart, so they are left out. */
  withoutSerial: number;
  /** `total` when the hub sent one (it is not documented to). */
  total: number | null;
}

// Built once: zod schemas are object graphs, and a page may hold thousands of devices.
const upgradeStatusSchema = z.object({
  'upgrade-step': lenientInt,
  'upgrade-ret': lenientInt,
});

const deviceEntrySchema = z.object({
  sn: lenientText,
  name: lenientText,
  'module-name': lenientText,
  'firmware-ver': lenientText,
  'hardware-ver': lenientText,
  'online-date': lenientNumber,
  'dev-warns': lenientInt,
  'apply-date': lenientNumber,
  'is-upload-file': lenientBoolean,
  'upload-file-pos': lenientNumber,
  status: lenient(upgradeStatusSchema),
});

const TEXT_CAPS: readonly (readonly [string, number])[] = [
  ['sn', FIELD_CAPS.serial],
  ['name', FIELD_CAPS.name],
  ['module-name', FIELD_CAPS.name],
  ['firmware-ver', FIELD_CAPS.version],
  ['hardware-ver', FIELD_CAPS.version],
  ['online-date', FIELD_CAPS.number],
  ['dev-warns', FIELD_CAPS.number],
  ['apply-date', FIELD_CAPS.number],
  ['is-upload-file', FIELD_CAPS.number],
  ['upload-file-pos', FIELD_CAPS.number],
];

function checkDeviceCaps(entry: Record<string, unknown>, index: number): void {
  for (const [field, max] of TEXT_CAPS) capped(`list[${index}].${field}`, entry[field], max);
  const status = asObject(entry.status);
  if (status) {
    capped(`list[${index}].status.upgrade-step`, status['upgrade-step'], FIELD_CAPS.number);
    capped(`list[${index}].status.upgrade-ret`, status['upgrade-ret'], FIELD_CAPS.number);
  }
}

/** Null when the hub reported none of the upgrade fields for this device. */
function upgradeOf(d: z.infer<typeof deviceEntrySchema>): DeviceUpgrade | null {
  const upgrade: DeviceUpgrade = {
    uploading: d['is-upload-file'],
    uploadPosition: d['upload-file-pos'],
    step: d.status?.['upgrade-step'] ?? null,
    result: d.status?.['upgrade-ret'] ?? null,
  };
  return Object.values(upgrade).every((v) => v === null) ? null : upgrade;
}

export function parseDevice(raw: unknown): ManagedDevice | null {
  const entry = asObject(raw);
  if (!entry) return null;
  const d = deviceEntrySchema.parse(entry);
  if (d.sn === null) return null;
  const onlineDate = d['online-date'];
  return {
    serial: d.sn,
    name: d.name,
    model: d['module-name'],
    firmwareVersion: d['firmware-ver'],
    hardwareVersion: d['hardware-ver'],
    online: onlineDate === null ? null : onlineDate > 0,
    warnings: d['dev-warns'],
    // Documented as Unix milliseconds; isoFromUnix also takes seconds, and 0 means "never".
    appliedAt: isoFromUnix(d['apply-date']),
    upgrade: upgradeOf(d),
  };
}

export function parseDeviceList(body: unknown): Result<DeviceListPage> {
  const top = asObject(body);
  if (!top) return fail('PROTOCOL', 'The hub answered the device list with something that is not a JSON object.');
  // The documented place is the top level; a `data` wrapper is tolerated like elsewhere.
  const holder = Array.isArray(top.list) ? top : (asObject(top.data) ?? top);
  const list = holder.list;
  if (!Array.isArray(list)) return fail('PROTOCOL', 'The hub answered the device list without a "list" of devices.');
  try {
    capped('total', holder.total, FIELD_CAPS.number);
    list.forEach((entry, i) => {
      const obj = asObject(entry);
      if (obj) checkDeviceCaps(obj, i);
    });
  } catch (error) {
    if (error instanceof FieldTooLong)
      return fail('PROTOCOL', `The hub's device list could not be read: ${error.message}.`);
    throw error;
  }
  const devices: ManagedDevice[] = [];
  for (const entry of list) {
    const device = parseDevice(entry);
    if (device) devices.push(device);
  }
  const total = lenientInt.parse(holder.total);
  return ok({
    devices,
    entries: list.length,
    withoutSerial: list.length - devices.length,
    total: total !== null && total >= 0 ? total : null,
  });
}
