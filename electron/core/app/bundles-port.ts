import type { BundleSummary } from '../../shared/bundle-models';
import type { Result } from '../../shared/errors';
import type { Inventory } from '../../shared/inventory';
import { collectBundle, encodeBundle, suggestedBundleName, type BundleDeviceSource } from '../bundles';
import type { BundleLibrary, OpenedBundle } from '../bundles/bundle-library';
import type { HubStore } from '../store/hub-store';
import { fail, ok } from '../../shared/errors';

/** Offline review bundles as the dispatcher sees them (built in backend.ts). */
export interface BundlesPort {
  list(): Promise<BundleSummary[]>;
  get(bundleId: string): Promise<Result<OpenedBundle>>;
  /** The site's bundle file text and the name a save dialog suggests. */
  exportSite(siteId: string, technician: string): Promise<Result<{ text: string; suggestedName: string }>>;
  /** Verify and keep a bundle (nothing is kept when any check fails). */
  open(text: string): Promise<Result<{ bundle: OpenedBundle; replaced: boolean }>>;
  close(bundleId: string): Promise<Result<void>>;
  /** Told after every open or close, and when another process changed the folder. */
  onChange(listener: (bundles: BundleSummary[]) => void): () => void;
}

export function bundlesPort(deps: {
  library: BundleLibrary;
  store: HubStore;
  inventory: () => Inventory;
  visitSpan?: (siteId: string) => { startedAt: string; endedAt: string | null } | null;
  devices?: BundleDeviceSource;
  hubkeeperVersion: string;
}): BundlesPort & { announce(): Promise<void> } {
  const listeners = new Set<(bundles: BundleSummary[]) => void>();
  const list = async () => (await deps.library.list()).map((b) => b.summary);
  const announce = async () => {
    const bundles = await list();
    for (const listener of listeners) {
      try {
        listener(bundles);
      } catch {
        // One failing listener must not keep the others from hearing it.
      }
    }
  };
  return {
    list,
    get: (bundleId) => deps.library.get(bundleId),
    async exportSite(siteId, technician) {
      const content = await collectBundle(siteId, {
        inventory: deps.inventory(),
        store: deps.store,
        ...(deps.visitSpan ? { visitSpan: deps.visitSpan } : {}),
        ...(deps.devices ? { devices: deps.devices } : {}),
        hubkeeperVersion: deps.hubkeeperVersion,
        technician,
      });
      if (!content.ok) return content;
      const text = encodeBundle(content.value);
      return text.ok ? ok({ text: text.value, suggestedName: suggestedBundleName(content.value) }) : text;
    },
    async open(text) {
      const added = await deps.library.add(text);
      if (added.ok) await announce();
      return added;
    },
    async close(bundleId) {
      const removed = await deps.library.remove(bundleId);
      if (removed.ok) await announce();
      return removed.ok ? removed : fail(removed.error.code, removed.error.message);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    announce,
  };
}
