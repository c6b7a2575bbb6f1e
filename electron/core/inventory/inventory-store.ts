import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DiscoveredHub } from '../../shared/discovery';
import { fail, ok, type Result } from '../../shared/errors';
import {
  INVENTORY_SCHEMA_VERSION,
  inventoryNameSchema,
  inventoryNotesSchema,
  inventorySchema,
  type ImportReport,
  type Inventory,
  type InventoryChange,
  type InventoryHub,
  type Site,
} from '../../shared/inventory';
import {
  ensurePrivateDir,
  LIVE_WRITE_MAX_MS,
  moveAside,
  removeLeftoverTemporaryFiles,
  watchFolder,
  withFileLock,
  writePrivateFile,
  type DamageListener,
} from '../data-folder';
import { normalisePin } from '../hub/pin';
import { checkAddress } from './import-rows';
import type { InventoryPort } from './inventory-port';
import { parseInventoryCsv, inventoryToCsv } from './inventory-csv';
import { inventoryToJson, parseInventoryJson } from './inventory-json';
import { applyImport, mergeEndpoints } from './merge';

/**
 * The inventory service: customer sites and their hubs, in one JSON file in the data folder
 * (`inventory.json`, shape `inventorySchema`). The app, the CLI and the monitor share it.
 *
 * - Every change is validated as a whole, written atomically (temporary file, fsync, rename:
 *   a crash mid-write leaves the previous file intact) and only then becomes visible.
 * - Changes are serialised in this process, and across processes by the file's lock: each change
 *   takes the lock, re-reads the file, applies itself to what it read and writes, so parallel
 *   CLI imports and the running app never lose each other's edits.
 * - A newer-format file is never touched: opening fails with what is wrong. A damaged file (not
 *   JSON, not the expected shape) is moved aside as `inventory.json.damaged-<time>` and reported
 *   through `onDamaged`; the store goes on from what it can trust (empty at open, its last good
 *   copy later).
 */

export const INVENTORY_FILE = 'inventory.json';

// The change every listener hears is the shared shape (its one definition is in shared/inventory.ts).
export type { InventoryChange };

export interface InventoryStoreOptions {
  newId?: () => string;
  now?: () => Date;
  /** Told when a damaged inventory file was moved aside. */
  onDamaged?: DamageListener;
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

type FileRead =
  | { kind: 'ok'; inventory: Inventory }
  /** Not JSON or not the expected shape: safe to move aside. */
  | { kind: 'damaged'; reason: string }
  /** Unreadable or from a newer Hubkeeper: left alone, the operation fails. */
  | { kind: 'refused'; error: Result<never> };

async function readInventoryFile(file: string): Promise<FileRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'ok', inventory: EMPTY };
    return {
      kind: 'refused',
      error: fail('INTERNAL', `Cannot read the inventory ${file}: ${(error as Error).message}`),
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'damaged', reason: 'not valid JSON' };
  }
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > INVENTORY_SCHEMA_VERSION) {
    return {
      kind: 'refused',
      error: fail(
        'INTERNAL',
        `The inventory ${file} was written by a newer Hubkeeper (format ${version}); update Hubkeeper to use it.`,
      ),
    };
  }
  const parsed = inventorySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      kind: 'damaged',
      reason: `not in the expected format (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'})`,
    };
  }
  return { kind: 'ok', inventory: parsed.data };
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
    upsertedSites: changed(before.sites, after.sites),
    upsertedHubs: changed(before.hubs, after.hubs),
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
  private readonly onDamaged: DamageListener;
  /** Leftover temporary files are swept once per process, under the lock, before the first write. */
  private swept = false;

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
    this.onDamaged = options.onDamaged ?? (() => undefined);
  }

  /**
   * Opens the inventory of a data folder; an absent file is an empty inventory (created on first
   * change). A damaged file is moved aside and the inventory starts empty.
   */
  static async open(dataDir: string, options: InventoryStoreOptions = {}): Promise<Result<InventoryStore>> {
    const file = path.join(dataDir, INVENTORY_FILE);
    // Without the lock: only files too old to be another process's write in progress.
    await removeLeftoverTemporaryFiles(file, LIVE_WRITE_MAX_MS);
    let stamp = await stampOf(file);
    let loaded = await readInventoryFile(file);
    if (loaded.kind === 'damaged') {
      // Under the lock, so that of two processes finding it damaged only one moves it, and a
      // writer that replaced it meanwhile is not undone.
      const checked = await withFileLock(file, async () => {
        const again = await readInventoryFile(file);
        if (again.kind === 'damaged') options.onDamaged?.(await moveAside(file, again.reason));
        return again.kind === 'damaged' ? ({ kind: 'ok', inventory: EMPTY } as const) : again;
      }).catch((error: unknown) => ({ kind: 'refused', error: fail('INTERNAL', (error as Error).message) }) as const);
      loaded = checked;
      stamp = await stampOf(file);
    }
    if (loaded.kind === 'refused') return loaded.error;
    return ok(new InventoryStore(file, loaded.inventory, stamp, options));
  }

  /**
   * Follows changes other processes make to the file (the CLI importing while the app runs):
   * each one is re-read and announced through onChange. Returns the function that stops it.
   */
  watch(onError: (error: unknown) => void = () => undefined): () => void {
    return watchFolder(path.dirname(this.file), {
      // A burst of events (temporary file, rename) becomes one re-read.
      debounceMs: 50,
      accept: (name) => name === INVENTORY_FILE,
      onChange: () => {
        this.serialised(async () => this.refresh()).then((r) => (r.ok ? undefined : onError(r.error)), onError);
      },
      onError,
    });
  }

  /** The current inventory. Treat it as read-only: every change replaces it with a new object. */
  get(): Inventory {
    return this.data;
  }

  onChange(listener: (change: InventoryChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
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
    if (loaded.kind === 'refused') return loaded.error;
    // Damaged since we last read it: replace it (moved aside) with our last good copy.
    if (loaded.kind === 'damaged') return this.writeLocked((inventory) => ok({ next: inventory, value: undefined }));
    this.publish(loaded.inventory, now);
    return ok(undefined);
  }

  /**
   * Applies one change: computes the next inventory from the current one, validates it, writes
   * it atomically, then publishes it. Nothing is published if any step fails.
   */
  private change<T>(compute: (inventory: Inventory) => Result<{ next: Inventory; value: T }>): Promise<Result<T>> {
    return this.serialised(() => this.writeLocked(compute));
  }

  /**
   * The cross-process read-modify-write: under the file's lock, read what is on disk NOW (another
   * process may have written since we last looked), apply the change to it, write, release.
   */
  private async writeLocked<T>(
    compute: (inventory: Inventory) => Result<{ next: Inventory; value: T }>,
  ): Promise<Result<T>> {
    try {
      await ensurePrivateDir(path.dirname(this.file));
      return await withFileLock(this.file, async () => {
        if (!this.swept) {
          await removeLeftoverTemporaryFiles(this.file);
          this.swept = true;
        }
        const loaded = await readInventoryFile(this.file);
        if (loaded.kind === 'refused') return loaded.error;
        let current = this.data;
        if (loaded.kind === 'damaged') this.onDamaged(await moveAside(this.file, loaded.reason));
        else current = loaded.inventory;
        if (current !== this.data) this.publish(current, await stampOf(this.file));
        const computed = compute(current);
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
          await writePrivateFile(this.file, inventoryToJson(checked.data));
        } catch (error) {
          return fail<T>('INTERNAL', `Could not save the inventory to ${this.file}: ${(error as Error).message}`);
        }
        this.publish(checked.data, await stampOf(this.file));
        return ok(computed.value.value);
      });
    } catch (error) {
      return fail<T>('INTERNAL', `Could not save the inventory to ${this.file}: ${(error as Error).message}`);
    }
  }

  /** Makes `next` the current inventory and tells the listeners what changed. */
  private publish(next: Inventory, stamp: Stamp): void {
    const before = this.data;
    this.data = next;
    this.stamp = stamp;
    this.emit(diff(before, next));
  }

  private emit(change: InventoryChange): void {
    if (
      change.upsertedSites.length +
        change.upsertedHubs.length +
        change.removedSiteIds.length +
        change.removedHubIds.length ===
      0
    )
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
