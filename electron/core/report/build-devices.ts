import {
  countDevices,
  firmwareByModel,
  isBehind,
  newestByModel,
  type ModelFirmware,
} from '../../shared/device-firmware';
import type { ReportHubDevices, ReportHubInput, ReportRow } from './model';

/**
 * The devices sections of a report. "Behind" is measured against the newest firmware seen for a
 * model across every hub of the report (the site): the hub publishes no device firmware
 * releases, so it means "older than others here", never "outdated". Pure and deterministic.
 */
export function buildDeviceSections(
  hubs: readonly ReportHubInput[],
  rows: readonly ReportRow[],
): { devices: ReportHubDevices[]; deviceModels: ModelFirmware[] } {
  const known = hubs.filter((h) => h.devices);
  const deviceModels = firmwareByModel(known.flatMap((h) => h.devices!.devices));
  const newest = newestByModel(deviceModels);
  const order = new Map(rows.map((r, i) => [r.hubId, i]));
  const devices = known
    .map((hub): ReportHubDevices => {
      const list = hub.devices!;
      const models = firmwareByModel(list.devices).map((m) => {
        const top = newest.get(m.model) ?? m.newest;
        const behind = list.devices.filter((d) => d.model === m.model && isBehind(d, newest)).length;
        return { ...m, newest: top, behind };
      });
      return {
        hubId: hub.hubId,
        name: hub.name || hub.address,
        address: hub.address,
        asOf: list.asOf,
        truncated: list.truncated,
        counts: countDevices(list.devices, newest),
        models,
        devices: list.devices.map((d) => ({ ...d, behind: isBehind(d, newest) })),
      };
    })
    .sort((a, b) => (order.get(a.hubId) ?? 0) - (order.get(b.hubId) ?? 0));
  return { devices, deviceModels };
}
