import type { ImportIssue, Inventory, InventoryEndpoint, InventoryHub, Site } from '../../shared/inventory';
import type { ImportRow } from './import-rows';

/**
 * Applying imported rows (and discovered hubs) to an inventory, as a pure function: a new
 * inventory comes out, the old one is untouched. Hubs are matched by id, then by address, so
 * importing the same file twice changes nothing and re-importing an edited export updates in
 * place. A certificate pin already in the inventory is never replaced by one from a file: a
 * different pin is reported instead, since it may mean the certificate changed.
 */

export interface MergeContext {
  newId(): string;
  now(): string;
}

export interface MergeOutcome {
  inventory: Inventory;
  added: number;
  updated: number;
  sitesAdded: number;
  warnings: ImportIssue[];
}

/** Adds endpoints the hub lacks; fills empty pins. Returns the merged list and pin conflicts. */
export function mergeEndpoints(
  existing: readonly InventoryEndpoint[],
  incoming: readonly InventoryEndpoint[],
): { endpoints: InventoryEndpoint[]; conflicts: number[] } {
  const endpoints = existing.map((e) => ({ ...e }));
  const conflicts: number[] = [];
  for (const e of incoming) {
    const same = endpoints.find((x) => x.scheme === e.scheme && x.port === e.port);
    if (!same) endpoints.push({ ...e });
    else if (e.pin && !same.pin) same.pin = e.pin;
    else if (e.pin && same.pin && e.pin !== same.pin) conflicts.push(e.port);
  }
  endpoints.sort((a, b) => a.port - b.port || a.scheme.localeCompare(b.scheme));
  return { endpoints, conflicts };
}

const sameEndpoints = (a: readonly InventoryEndpoint[], b: readonly InventoryEndpoint[]) =>
  a.length === b.length && a.every((e, i) => e.scheme === b[i]!.scheme && e.port === b[i]!.port && e.pin === b[i]!.pin);

export function applyImport(inventory: Inventory, rows: readonly ImportRow[], ctx: MergeContext): MergeOutcome {
  const sites: Site[] = inventory.sites.map((s) => ({ ...s }));
  const hubs: InventoryHub[] = inventory.hubs.map((h) => ({ ...h, endpoints: h.endpoints.map((e) => ({ ...e })) }));
  const warnings: ImportIssue[] = [];
  const touched = new Set<string>();
  const created = new Set<string>();
  let sitesAdded = 0;

  const siteFor = (row: ImportRow): Site => {
    const wanted = row.site;
    let site =
      (wanted.id ? sites.find((s) => s.id === wanted.id) : undefined) ??
      sites.find((s) => s.name.trim().toLowerCase() === wanted.name.trim().toLowerCase());
    if (!site) {
      const id = wanted.id && !sites.some((s) => s.id === wanted.id) ? wanted.id : ctx.newId();
      site = { id, name: wanted.name.trim(), defaultUser: wanted.defaultUser, notes: wanted.notes ?? '' };
      if (wanted.forbidHttpLogin) site.forbidHttpLogin = true;
      sites.push(site);
      sitesAdded += 1;
      return site;
    }
    if (wanted.defaultUser && !site.defaultUser) site.defaultUser = wanted.defaultUser;
    else if (wanted.defaultUser && wanted.defaultUser !== site.defaultUser) {
      warnings.push({
        line: row.line,
        message: `site "${site.name}" keeps its default user "${site.defaultUser}" (the file says "${wanted.defaultUser}")`,
      });
    }
    if (wanted.notes && !site.notes) site.notes = wanted.notes;
    // A security setting: a file may make it stricter, never relax it silently.
    if (wanted.forbidHttpLogin && !site.forbidHttpLogin) site.forbidHttpLogin = true;
    return site;
  };

  for (const row of rows) {
    const site = siteFor(row);
    const incoming = row.hub;
    const existing =
      (incoming.id ? hubs.find((h) => h.id === incoming.id) : undefined) ??
      hubs.find((h) => h.address === incoming.address);
    if (!existing) {
      const id = incoming.id && !hubs.some((h) => h.id === incoming.id) ? incoming.id : ctx.newId();
      const addedAt = incoming.addedAt && !Number.isNaN(Date.parse(incoming.addedAt)) ? incoming.addedAt : ctx.now();
      const { endpoints } = mergeEndpoints([], incoming.endpoints);
      hubs.push({
        id,
        siteId: site.id,
        name: incoming.name,
        address: incoming.address,
        endpoints,
        notes: incoming.notes,
        addedAt,
      });
      created.add(id);
      continue;
    }
    const { endpoints, conflicts } = mergeEndpoints(existing.endpoints, incoming.endpoints);
    for (const port of conflicts) {
      warnings.push({
        line: row.line,
        message: `hub ${existing.name || existing.address} keeps its pinned certificate on port ${port}; the file names a different one (check the hub before re-pinning)`,
      });
    }
    if (existing.address !== incoming.address) {
      warnings.push({
        line: row.line,
        message: `hub ${existing.name || existing.address} (same id) keeps its address ${existing.address}; the file says ${incoming.address}`,
      });
    }
    const next: InventoryHub = {
      ...existing,
      siteId: site.id,
      name: incoming.name || existing.name,
      notes: incoming.notes || existing.notes,
      endpoints,
    };
    const changed =
      next.siteId !== existing.siteId ||
      next.name !== existing.name ||
      next.notes !== existing.notes ||
      !sameEndpoints(next.endpoints, existing.endpoints);
    if (changed) {
      hubs[hubs.indexOf(existing)] = next;
      if (!created.has(existing.id)) touched.add(existing.id);
    }
  }
  return {
    inventory: { schemaVersion: inventory.schemaVersion, sites, hubs },
    added: created.size,
    updated: touched.size,
    sitesAdded,
    warnings,
  };
}
