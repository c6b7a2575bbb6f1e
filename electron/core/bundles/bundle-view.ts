import type { BundleHub } from '../../shared/bundle';
import type { BundledHub, BundledHubDetail, BundleView } from '../../shared/bundle-models';
import { deriveUpdates } from '../../shared/timeline';
import type { OpenedBundle } from './bundle-library';

/** What the window shows of a bundle: its header and one line per hub (timelines on demand). */
export function bundleView(bundle: OpenedBundle): BundleView {
  return {
    summary: bundle.summary,
    siteNotes: bundle.content.site.notes,
    visit: bundle.content.visit,
    hubs: bundle.content.hubs.map(bundledHub),
  };
}

export function bundledHubDetail(hub: BundleHub, limit: number): BundledHubDetail {
  return {
    hub: bundledHub(hub),
    events: hub.events.slice(-limit),
    updates: deriveUpdates(hub.events),
    versions: hub.versions,
    devices: hub.devices ?? null,
  };
}

function bundledHub(hub: BundleHub): BundledHub {
  return {
    hubId: hub.id,
    name: hub.name,
    address: hub.address,
    endpoints: hub.endpoints,
    notes: hub.notes,
    live: hub.status?.live ?? null,
    versionCount: hub.versions ? (hub.versions.total ?? hub.versions.entries.length) : null,
    eventCount: hub.events.length,
    deviceCount: hub.devices?.devices ? hub.devices.devices.length : null,
  };
}
