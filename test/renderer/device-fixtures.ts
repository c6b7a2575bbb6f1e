import type { HubDevices, ManagedDevice } from '../../electron/shared/devices';

/** Builders for device tests; every field explicit so a contract change breaks here first. */
export function device(serial: string, overrides: Partial<ManagedDevice> = {}): ManagedDevice {
  return {
    serial,
    name: `Encoder ${serial}`,
    model: 'Ultra Encode HDMI',
    firmwareVersion: '4.1.2',
    hardwareVersion: '1.0',
    online: true,
    warnings: 0,
    appliedAt: null,
    upgrade: null,
    ...overrides,
  };
}

export function hubDevices(
  hubId: string,
  devices: ManagedDevice[] | null,
  overrides: Partial<HubDevices> = {},
): HubDevices {
  return {
    hubId,
    asOf: devices ? '2026-12-07T01:00:00.000Z' : null,
    devices,
    truncated: false,
    error: null,
    upgrading: false,
    stale: false,
    ...overrides,
  };
}
