import type { Result } from '../../shared/errors';
import { ok } from '../../shared/errors';
import type { HubStore } from '../store/hub-store';
import type { ReportHubInput, ReportInput } from './model';

export interface ReportHubRef {
  hubId: string;
  name: string;
  address: string;
}

export interface CollectedReportInput extends ReportInput {
  /** Stored data that could not be used (named per hub); the report is still made. */
  warnings: string[];
}

/**
 * Read what the store holds for the chosen hubs (no network). A hub with damaged or missing data
 * still gets its line, with the figures that could be read.
 */
export async function collectReportInput(
  store: HubStore,
  hubs: readonly ReportHubRef[],
  header: Pick<ReportInput, 'site' | 'technician' | 'from' | 'to' | 'generatedAt'>,
): Promise<Result<CollectedReportInput>> {
  const warnings: string[] = [];
  const inputs: ReportHubInput[] = [];
  for (const hub of hubs) {
    const [status, events, versions, devices] = await Promise.all([
      store.readStatus(hub.hubId),
      store.readEvents(hub.hubId),
      store.readVersions(hub.hubId),
      store.readDevices(hub.hubId),
    ]);
    if (!status.ok) warnings.push(`${hub.name || hub.address}: ${status.error.message}`);
    if (!events.ok) warnings.push(`${hub.name || hub.address}: ${events.error.message}`);
    else if (events.value.skipped > 0)
      warnings.push(`${hub.name || hub.address}: ${events.value.skipped} unreadable timeline line(s) skipped`);
    if (!versions.ok) warnings.push(`${hub.name || hub.address}: ${versions.error.message}`);
    if (!devices.ok) warnings.push(`${hub.name || hub.address}: ${devices.error.message}`);
    inputs.push({
      ...hub,
      live: status.ok ? (status.value?.live ?? null) : null,
      events: events.ok ? events.value.events : [],
      published: versions.ok ? (versions.value?.entries ?? null) : null,
      devices:
        devices.ok && devices.value
          ? { asOf: devices.value.asOf, devices: devices.value.devices, truncated: devices.value.truncated }
          : null,
    });
  }
  return ok({ ...header, hubs: inputs, warnings });
}
