import { randomUUID } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { DiscoveredHub } from '../../shared/discovery';
import { fail, ok, type Result } from '../../shared/errors';
import {
  INVENTORY_SCHEMA_VERSION,
  inventoryNameSchema,
  inventoryNotesSchema,
  inventorySchema,
  type ImportReport,
  type Inventory,
  type InventoryHub,
  type Site,
} from '../../shared/inventory';
import type { InventoryPort } from '../app/ports';
import { normalisePin } from '../hub/pin';
import { checkAddress } from './import-rows';
import { parseInventoryCsv, inventoryToCsv } from './inventory-csv';
import { inventoryToJson, parseInventoryJson } from './inventory-json';
import { applyImport, mergeEndpoints } from './merge';

/**
 * The inventory service: customer sites and their hubs, in one JSON file in the data folder
 * (`inventory.json`, shape `inventorySchema`). The app, the CLI and the monitor share it.
 *
 * - Every change is validated as a whole, written atomically (temporary file, fsync, rename:
 *   a crash mid-write leaves the previous file intact) and only then becomes visible.
 * - Changes are serialised, so two quick edits never interleave.
 * - Another process (the CLI importing while the app runs) may have written the file: before
 *   each change the file is checked and re-read if it moved on, so its edits are not lost.
 * - A damaged or newer-format file is never overwritten: opening fails with what is wrong.
 */

export const INVENTORY_FILE = 'inventory.json';

export interface InventoryChange {
  /** Sites and hubs that are new or changed. */
  sites: Site[];
  hubs: InventoryHub[];
  removedSiteIds: string[];
  removedHubIds: string[];
}

export interface InventoryStoreOptions {
  newId?: () => string;
  now?: () => Date;
}

const EMPTY: Inventory = { schemaVersion: INVENTORY_SCHEMA_VERSION, sites: [], hubs: [] };

type Stamp = { mtimeMs: number; size: number } | null;

async function stampOf(file: string): Promise<Stamp> {
  try {
    const s = await stat(file);
    return { mtimeMs: s.mtimeMs, size: s.size };
  } catch {
    return null;
  }
}

async function readInventoryFile(file: string): Promise<Result<Inventory>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok(EMPTY);
    return fail('INTERNAL', `Cannot read the inventory ${file}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail(
      'INTERNAL',
      `The inventory ${file} is damaged (not valid JSON). It was left untouched; restore it or move it away.`,
    );
  }
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > INVENTORY_SCHEMA_VERSION) {
    return fail(
      'INTERNAL',
      `The inventory ${file} was written by a newer Hubkeeper (format ${version}); update Hubkeeper to use it.`,
    );
  }
  const parsed = inventorySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(
      'INTERNAL',
      `The inventory ${file} is not in the expected format (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}). It was left untouched.`,
    );
  }
  return ok(parsed.data);
}

function diff(before: Inventory, after: Inventory): InventoryChange {
  const changed = <T extends { id: string }>(a: readonly T[], b: readonly T[]) => {
    const old = new Map(a.map((x) => [x.id, JSON.stringify(x)]));
    return b.filter((x) => old.get(x.id) !== JSON.stringify(x));
  };
  const removed = <T extends { id: string }>(a: readonly T[], b: readonly T[]) => {
    const kept = new Set(b.map((x) => x.id));
    return a.filter((x) => !kept.has(x.id)).map((x) => x.id);
  };
  return {
    sites: changed(before.sites, after.sites),
    hubs: changed(before.hubs, after.hubs),
    removedSiteIds: removed(before.sites, after.sites),
    removedHubIds: removed(before.hubs, after.hubs),
  };
}

function textError(
  schema: typeof inventoryNameSchema | typeof inventoryNotesSchema,
  value: string,
  what: string,
): Result<never> | null {
  const parsed = schema.safeParse(value);
  return parsed.success
    ? null
    : fail('BAD_INPUT', `The ${what} is not valid: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
}

export class InventoryStore implements InventoryPort {
  private data: Inventory;
  private stamp: Stamp;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(change: InventoryChange) => void>();
  private readonly newId: () => string;
  private readonly now: () => Date;

  private constructor(
    readonly file: string,
    data: Inventory,
    stamp: Stamp,
    options: InventoryStoreOptions,
  ) {
    this.data = data;
    this.stamp = stamp;
    this.newId = options.newId ?? randomUUID;
    this.now = options.now ?? (() => new Date());
  }

  /** Opens the inventory of a data folder; an absent file is an empty inventory (created on first change). */
  static async open(dataDir: string, options: InventoryStoreOptions = {}): Promise<Result<InventoryStore>> {
    const file = path.join(dataDir, INVENTORY_FILE);
    const stamp = await stampOf(file);
    const loaded = await readInventoryFile(file);
    if (!loaded.ok) return loaded;
    return ok(new InventoryStore(file, loaded.value, stamp, options));
  }

  /** The current inventory. Treat it as read-only: every change replaces it with a new object. */
  get(): Inventory {
    return this.data;
  }

  onChange(listener: (change: InventoryChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Re-reads the file if another process changed it (also done before every change). */
  reload(): Promise<Result<void>> {
    return this.serialised(async () => this.refresh());
  }

  // ── sites ────────────────────────────────────────────────────────────────────────────

  addSite(input: {
    name: string;
    defaultUser: string;
    notes: string;
    forbidHttpLogin?: boolean;
  }): Promise<Result<Site>> {
    return this.change((inv) => {
      const name = input.name.trim();
      if (name === '') return fail('BAD_INPUT', 'A site needs a name.');
      const invalid =
        textError(inventoryNameSchema, name, 'site name') ??
        textError(inventoryNameSchema, input.defaultUser, 'default user') ??
        textError(inventoryNotesSchema, input.notes, 'note');
      if (invalid) return invalid;
      if (inv.sites.some((s) => s.name.toLowerCase() === name.toLowerCase()))
        return fail('BAD_INPUT', `A site named "${name}" already exists.`);
      const site: Site = {
        id: this.newId(),
        name,
        defaultUser: input.defaultUser.trim(),
        notes: input.notes,
        ...(input.forbidHttpLogin ? { forbidHttpLogin: true } : {}),
      };
      return ok({ next: { ...inv, sites: [...inv.sites, site] }, value: site });
    });
  }

  updateSite(
    siteId: string,
    patch: { name?: string; defaultUser?: string; notes?: string; alwaysWatched?: boolean; forbidHttpLogin?: boolean },
  ): Promise<Result<Site>> {
    return this.change((inv) => {
      const site = inv.sites.find((s) => s.id === siteId);
      if (!site) return fail('NOT_FOUND', 'That site is not in the inventory.');
      const next: Site = {
        ...site,
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.defaultUser !== undefined ? { defaultUser: patch.defaultUser.trim() } : {}),
        ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
        ...(patch.alwaysWatched !== undefined ? { alwaysWatched: patch.alwaysWatched } : {}),
        ...(patch.forbidHttpLogin !== undefined ? { forbidHttpLogin: patch.forbidHttpLogin } : {}),
      };
      if (next.name === '') return fail('BAD_INPUT', 'A site needs a name.');
      const invalid =
        textError(inventoryNameSchema, next.name, 'site name') ??
        textError(inventoryNameSchema, next.defaultUser, 'default user') ??
        textError(inventoryNotesSchema, next.notes, 'note');
      if (invalid) return invalid;
      if (inv.sites.some((s) => s.id !== siteId && s.name.toLowerCase() === next.name.toLowerCase()))
        return fail('BAD_INPUT', `A site named "${next.name}" already exists.`);
      return ok({ next: { ...inv, sites: inv.sites.map((s) => (s.id === siteId ? next : s)) }, value: next });
    });
  }

  removeSite(siteId: string, withHubs: boolean): Promise<Result<{ removedHubIds: string[] }>> {
    return this.change((inv) => {
      const site = inv.sites.find((s) => s.id === siteId);
      if (!site) return fail('NOT_FOUND', 'That site is not in the inventory.');
      const hubIds = inv.hubs.filter((h) => h.siteId === siteId).map((h) => h.id);
      if (hubIds.length > 0 && !withHubs) {
        return fail(
          'BAD_INPUT',
          `Site "${site.name}" still has ${hubIds.length} hub${hubIds.length === 1 ? '' : 's'}; move or remove them first.`,
        );
      }
      return ok({
        next: {
          ...inv,
          sites: inv.sites.filter((s) => s.id !== siteId),
          hubs: inv.hubs.filter((h) => h.siteId !== siteId),
        },
        value: { removedHubIds: hubIds },
      });
    });
  }

  // ── hubs ─────────────────────────────────────────────────────────────────────────────

  updateHub(hubId: string, patch: { name?: string; siteId?: string; notes?: string }): Promise<Result<InventoryHub>> {
    return this.change((inv) => {
      const hub = inv.hubs.find((h) => h.id === hubId);
      if (!hub) return fail('NOT_FOUND', 'That hub is not in the inventory.');
      if (patch.siteId !== undefined && !inv.sites.some((s) => s.id === patch.siteId))
        return fail('NOT_FOUND', 'That site is not in the inventory.');
      const next: InventoryHub = {
        ...hub,
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.siteId !== undefined ? { siteId: patch.siteId } : {}),
        ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
      };
      const invalid =
        textError(inventoryNameSchema, next.name, 'hub name') ?? textError(inventoryNotesSchema, next.notes, 'note');
      if (invalid) return invalid;
      return ok({ next: { ...inv, hubs: inv.hubs.map((h) => (h.id === hubId ? next : h)) }, value: next });
    });
  }

  /** Renames a hub (a blank name shows its address). */
  renameHub(hubId: string, name: string): Promise<Result<InventoryHub>> {
    return this.updateHub(hubId, { name });
  }

  removeHubs(hubIds: readonly string[]): Promise<Result<{ removedHubIds: string[] }>> {
    return this.change((inv) => {
      const wanted = new Set(hubIds);
      const removed = inv.hubs.filter((h) => wanted.has(h.id)).map((h) => h.id);
      if (removed.length === 0)
        return fail(
          'NOT_FOUND',
          hubIds.length === 1 ? 'That hub is not in the inventory.' : 'None of those hubs is in the inventory.',
        );
      return ok({
        next: { ...inv, hubs: inv.hubs.filter((h) => !wanted.has(h.id)) },
        value: { removedHubIds: removed },
      });
    });
  }

  /**
   * Adds found hubs (a sweep's or a manual add's) to a site. A hub whose address is already in
   * the inventory is not duplicated: new endpoints are added to it and its id is listed in
   * `existing`. Certificates seen by the probe are not pinned here; pinning is the technician's
   * decision (setPin).
   */
  addHubs(
    siteId: string,
    found: readonly DiscoveredHub[],
  ): Promise<Result<{ added: InventoryHub[]; existing: string[] }>> {
    return this.change((inv) => {
      if (!inv.sites.some((s) => s.id === siteId)) return fail('NOT_FOUND', 'That site is not in the inventory.');
      let hubs = [...inv.hubs];
      const added: InventoryHub[] = [];
      const existing: string[] = [];
      for (const candidate of found) {
        const address = checkAddress(candidate.address);
        if (!address.ok) return fail('BAD_INPUT', `Cannot add ${candidate.address}: ${address.why}.`);
        const incoming = candidate.endpoints.map((e) => ({ scheme: e.scheme, port: e.port, pin: null }));
        if (incoming.length === 0) return fail('BAD_INPUT', `Cannot add ${candidate.address}: it has no endpoint.`);
        const known = hubs.find((h) => h.address === address.address);
        if (known) {
          const merged = { ...known, endpoints: mergeEndpoints(known.endpoints, incoming).endpoints };
          hubs = hubs.map((h) => (h.id === known.id ? merged : h));
          if (!existing.includes(known.id) && !added.some((a) => a.id === known.id)) existing.push(known.id);
          const i = added.findIndex((a) => a.id === known.id);
          if (i >= 0) added[i] = merged;
          continue;
        }
        const hub: InventoryHub = {
          id: this.newId(),
          siteId,
          name: '',
          address: address.address,
          endpoints: mergeEndpoints([], incoming).endpoints,
          notes: '',
          addedAt: this.now().toISOString(),
        };
        hubs.push(hub);
        added.push(hub);
      }
      return ok({ next: { ...inv, hubs }, value: { added, existing } });
    });
  }

  /** Pins (or with null unpins) the certificate of the hub's HTTPS endpoint on `port`. */
  setPin(hubId: string, port: number, pin: string | null): Promise<Result<InventoryHub>> {
    return this.change((inv) => {
      const hub = inv.hubs.find((h) => h.id === hubId);
      if (!hub) return fail('NOT_FOUND', 'That hub is not in the inventory.');
      if (!hub.endpoints.some((e) => e.scheme === 'https' && e.port === port))
        return fail('NOT_FOUND', `${hub.name || hub.address} has no HTTPS endpoint on port ${port}.`);
      let normal: string | null = null;
      if (pin !== null) {
        const checked = normalisePin(pin);
        if (!checked.ok) return checked;
        normal = checked.value;
      }
      const next: InventoryHub = {
        ...hub,
        endpoints: hub.endpoints.map((e) => (e.scheme === 'https' && e.port === port ? { ...e, pin: normal } : e)),
      };
      return ok({ next: { ...inv, hubs: inv.hubs.map((h) => (h.id === hubId ? next : h)) }, value: next });
    });
  }

  // ── import / export ──────────────────────────────────────────────────────────────────

  /**
   * Imports a CSV or JSON inventory: bad rows are reported by line and skipped, every good row
   * is imported (added, or merged into the hub with the same id or address).
   */
  importText(text: string, format: 'csv' | 'json'): Promise<Result<ImportReport>> {
    const parsed = format === 'csv' ? parseInventoryCsv(text) : parseInventoryJson(text);
    if (!parsed.ok) return Promise.resolve(parsed);
    const { rows, bad, warnings } = parsed.value;
    return this.change((inv) => {
      const merged = applyImport(inv, rows, { newId: this.newId, now: () => this.now().toISOString() });
      const report: ImportReport = {
        format,
        added: merged.added,
        updated: merged.updated,
        sitesAdded: merged.sitesAdded,
        bad: [...bad].sort((a, b) => a.line - b.line),
        warnings: [...warnings, ...merged.warnings].sort((a, b) => a.line - b.line),
      };
      return ok({ next: merged.inventory, value: report });
    });
  }

  exportText(format: 'csv' | 'json'): Result<string> {
    return ok(format === 'csv' ? inventoryToCsv(this.data) : inventoryToJson(this.data));
  }

  // ── machinery ────────────────────────────────────────────────────────────────────────

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Re-reads the file when its size or time differs from what this store last read or wrote. */
  private async refresh(): Promise<Result<void>> {
    const now = await stampOf(this.file);
    if (now?.mtimeMs === this.stamp?.mtimeMs && now?.size === this.stamp?.size) return ok(undefined);
    const loaded = await readInventoryFile(this.file);
    if (!loaded.ok) return loaded;
    const before = this.data;
    this.data = loaded.value;
    this.stamp = now;
    this.emit(diff(before, this.data));
    return ok(undefined);
  }

  /**
   * Applies one change: computes the next inventory from the current one, validates it, writes
   * it atomically, then publishes it. Nothing is published if any step fails.
   */
  private change<T>(compute: (inventory: Inventory) => Result<{ next: Inventory; value: T }>): Promise<Result<T>> {
    return this.serialised(async () => {
      const refreshed = await this.refresh();
      if (!refreshed.ok) return refreshed;
      const computed = compute(this.data);
      if (!computed.ok) return computed;
      const checked = inventorySchema.safeParse(computed.value.next);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        return fail<T>(
          'BAD_INPUT',
          `The change was not saved: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}.`,
        );
      }
      try {
        await mkdir(path.dirname(this.file), { recursive: true });
        await writeFileAtomic(this.file, inventoryToJson(checked.data), { fsync: true });
      } catch (error) {
        return fail<T>('INTERNAL', `Could not save the inventory to ${this.file}: ${(error as Error).message}`);
      }
      const before = this.data;
      this.data = checked.data;
      this.stamp = await stampOf(this.file);
      this.emit(diff(before, this.data));
      return ok(computed.value.value);
    });
  }

  private emit(change: InventoryChange): void {
    if (change.sites.length + change.hubs.length + change.removedSiteIds.length + change.removedHubIds.length === 0)
      return;
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // A failing listener must not undo a saved change or starve the others.
      }
    }
  }
}
