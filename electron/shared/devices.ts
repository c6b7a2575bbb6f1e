import { z } from 'zod';
import { appErrorSchema } from './errors';

/**
 * Managed devices: the Magewell encoders and decoders a Control Hub manages
 * (`GET /api/device/list`). The hub publishes no device firmware releases, so "behind" only
 * ever means "older than other devices of the same model on this site" (see device-firmware.ts).
 * Every field a hub may leave out is null, never invented.
 */

/** Upgrade progress fields, present only while the hub is upgrading (or has just upgraded) a device. */
export const deviceUpgradeSchema = z.object({
  /** `is-upload-file`: the firmware file is being uploaded to the device. */
  uploading: z.boolean().nullable(),
  /** `upload-file-pos`: bytes (or percent, hub-dependent) of the file uploaded so far. */
  uploadPosition: z.number().nullable(),
  /** `status.upgrade-step`. */
  step: z.number().int().nullable(),
  /** `status.upgrade-ret`: the outcome code once the step ends (0 = success on known hubs). */
  result: z.number().int().nullable(),
});
export type DeviceUpgrade = z.infer<typeof deviceUpgradeSchema>;

export const managedDeviceSchema = z.object({
  /** `sn`. */
  serial: z.string(),
  name: z.string().nullable(),
  /** `module-name`. */
  model: z.string().nullable(),
  /** `firmware-ver`. */
  firmwareVersion: z.string().nullable(),
  /** `hardware-ver`. */
  hardwareVersion: z.string().nullable(),
  /** `online-date` > 0; null when the hub did not say. */
  online: z.boolean().nullable(),
  /** `dev-warns` (> 0 means the device has warnings); null when the hub did not say. */
  warnings: z.number().int().nullable(),
  /** `apply-date` (ms since epoch on the hub) as ISO, null when missing or 0. */
  appliedAt: z.string().nullable(),
  /** Null when the hub reports no upgrade fields for this device. */
  upgrade: deviceUpgradeSchema.nullable(),
});
export type ManagedDevice = z.infer<typeof managedDeviceSchema>;

/** What Hubkeeper knows of one hub's devices: the last list read and how it was read. */
export const hubDevicesSchema = z.object({
  hubId: z.string(),
  /** ISO time the list was last read completely; null when never read. */
  asOf: z.string().nullable(),
  /** The last complete list (sorted by serial); null when never read. */
  devices: z.array(managedDeviceSchema).nullable(),
  /** The hub listed more than the 10,000-device bound: the list was cut there. */
  truncated: z.boolean(),
  /**
   * Why the last read failed (NOT_PERMITTED: "this account cannot list devices"; UNREACHABLE,
   * …), null when it succeeded. `devices` keeps the last-known list through failures.
   */
  error: appErrorSchema.nullable(),
  /** Some device shows an upgrade in progress: this hub's list is read every few seconds. */
  upgrading: z.boolean(),
  /** `devices` is last-known, not current (the hub is offline, not visited, or the read failed). */
  stale: z.boolean(),
});
export type HubDevices = z.infer<typeof hubDevicesSchema>;

export const devicesListSchema = z.object({ hubs: z.array(hubDevicesSchema) });
export type DevicesList = z.infer<typeof devicesListSchema>;

/** Bound on one hub's list: paging stops here with `truncated` and a warning. */
export const MAX_DEVICES_PER_HUB = 10_000;
