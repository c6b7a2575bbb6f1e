import { readdir, readFile } from 'node:fs/promises';
import { fail, ok, type Result } from '../../shared/errors';
import {
  ensurePrivateDir,
  LIVE_WRITE_MAX_MS,
  moveAsideIfPresent,
  removeLeftoverTemporaryFiles,
  withFileLock,
  writePrivateFile,
  type DamageListener,
} from '../data-folder';
import type { TimelineEvent } from '../../shared/timeline';
import { appendEventLines, readEventLog, repairTornTail, type EventLogRead } from './event-log';
import { migrateDocument } from './migrate';
import { decodeHubId, hubPaths, hubsDir, storeDir } from './paths';
import {
  STORE_SCHEMA_VERSION,
  storeMetaSchema,
  storedStatusSchema,
  storedVersionsSchema,
  storedDevicesSchema,
  type StoredDevices,
  type StoredStatus,
  type StoredVersions,
} from './schemas';
import path from 'node:path';

/**
 * The offline store: last-known status, published version list and event timeline of every hub,
 * in the data folder. Reading needs no network; the UI and CLI show what is here with its age.
 *
 * Snapshot files (status, versions, meta) are replaced atomically with write-file-atomic (write a
 * temporary file, fsync, rename), so a reader sees the old or the new file, never a mix. Events
 * are appended durably (event-log.ts). Writes to one hub are serialised in this process.
 *
 * Several processes (the app and `hubkeeper watch`) may record into one folder. A status or
 * version snapshot is written whole from what the monitor holds, never read-modify-written, so
 * the last writer wins and needs no lock; timeline appends are single O_APPEND writes that never
 * interleave; meta.json is created under the cross-process lock.
 *
 * A damaged snapshot or meta.json (not JSON, not the expected shape) is moved aside as
 * `<name>.damaged-<time>`, reported through `onDamaged`, and the store goes on without it. A file
 * from a newer Hubkeeper is refused and left alone.
 */
export class HubStore {
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly repaired = new Set<string>();
  private readonly prepared = new Set<string>();

  private constructor(
    readonly dataDir: string,
    private readonly onDamaged: DamageListener,
  ) {}

  /** Open (creating if needed) the store in a data folder. */
  static async open(dataDir: string, options: { onDamaged?: DamageListener } = {}): Promise<Result<HubStore>> {
    if (!path.isAbsolute(dataDir))
      return fail('BAD_INPUT', `The data folder must be an absolute path, got "${dataDir}".`);
    const onDamaged = options.onDamaged ?? (() => undefined);
    const metaFile = path.join(storeDir(dataDir), 'meta.json');
    try {
      await ensurePrivateDir(hubsDir(dataDir));
      const checked = await checkMeta(metaFile);
      if (checked.kind === 'newer') return fail('BAD_INPUT', checked.reason);
      if (checked.kind !== 'ok') {
        // Absent or damaged: (re)create it under the lock, looking again first, so that two
        // processes starting together neither both move it nor undo each other.
        const refused = await withFileLock(metaFile, async () => {
          await removeLeftoverTemporaryFiles(metaFile);
          const again = await checkMeta(metaFile);
          if (again.kind === 'newer') return again.reason;
          if (again.kind === 'ok') return null;
          if (again.kind === 'damaged') {
            const moved = await moveAsideIfPresent(metaFile, again.reason);
            if (moved) onDamaged(moved);
          }
          await writePrivateFile(metaFile, `${JSON.stringify({ schema: STORE_SCHEMA_VERSION }, null, 2)}\n`);
          return null;
        });
        if (refused !== null) return fail('BAD_INPUT', refused);
      }
    } catch (error) {
      return fail('INTERNAL', `Cannot use the data folder ${dataDir}: ${describe(error)}`);
    }
    return ok(new HubStore(dataDir, onDamaged));
  }

  /** Ids of every hub that has anything stored. */
  async hubIds(): Promise<string[]> {
    const names = await readdir(hubsDir(this.dataDir)).catch(() => [] as string[]);
    return names
      .map(decodeHubId)
      .filter((id): id is string => id !== null)
      .sort();
  }

  /** The last-known status; null when none is stored (or the stored one was damaged and moved aside). */
  async readStatus(hubId: string): Promise<Result<StoredStatus | null>> {
    return this.readDoc(hubPaths(this.dataDir, hubId).status, 'status', (raw) => storedStatusSchema.safeParse(raw));
  }

  async writeStatus(hubId: string, doc: Omit<StoredStatus, 'schema' | 'hubId'>): Promise<Result<void>> {
    return this.writeSnapshot(hubId, 'status', doc);
  }

  async readVersions(hubId: string): Promise<Result<StoredVersions | null>> {
    return this.readDoc(hubPaths(this.dataDir, hubId).versions, 'version list', (raw) =>
      storedVersionsSchema.safeParse(raw),
    );
  }

  async writeVersions(hubId: string, doc: Omit<StoredVersions, 'schema' | 'hubId'>): Promise<Result<void>> {
    return this.writeSnapshot(hubId, 'versions', doc);
  }

  /** The last device list read from the hub; null when none is stored (or it was damaged). */
  async readDevices(hubId: string): Promise<Result<StoredDevices | null>> {
    return this.readDoc(hubPaths(this.dataDir, hubId).devices, 'device list', (raw) =>
      storedDevicesSchema.safeParse(raw),
    );
  }

  async writeDevices(hubId: string, doc: Omit<StoredDevices, 'schema' | 'hubId'>): Promise<Result<void>> {
    return this.writeSnapshot(hubId, 'devices', doc);
  }

  /** Append events to the hub's timeline; resolves once they are on disk. */
  async appendEvents(hubId: string, events: readonly TimelineEvent[]): Promise<Result<void>> {
    if (events.length === 0) return ok(undefined);
    const paths = hubPaths(this.dataDir, hubId);
    return this.serial(hubId, async () => {
      try {
        await this.prepareDir(hubId);
        if (!this.repaired.has(hubId)) {
          await repairTornTail(paths.events);
          this.repaired.add(hubId);
        }
        await appendEventLines(paths.events, events);
        return ok(undefined);
      } catch (error) {
        return fail('INTERNAL', `Could not record events for hub ${hubId}: ${describe(error)}`);
      }
    });
  }

  /** The hub's whole timeline, oldest first; a torn or damaged line is skipped and counted. */
  async readEvents(hubId: string): Promise<Result<EventLogRead>> {
    try {
      return ok(await readEventLog(hubPaths(this.dataDir, hubId).events));
    } catch (error) {
      return fail('INTERNAL', `Could not read the timeline of hub ${hubId}: ${describe(error)}`);
    }
  }

  /** Wait for every pending write (call before exiting). */
  async flush(): Promise<void> {
    await Promise.all([...this.chains.values()].map((p) => p.catch(() => undefined)));
  }

  private serial<T>(hubId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(hubId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(task);
    this.chains.set(hubId, next);
    // Drop the chain once idle so a long run with many hubs does not keep settled promises.
    void next.finally(() => {
      if (this.chains.get(hubId) === next) this.chains.delete(hubId);
    });
    return next;
  }

  /** Create the hub's folder and, once per process, sweep what a killed writer left behind. */
  private async prepareDir(hubId: string): Promise<void> {
    if (this.prepared.has(hubId)) return;
    await ensurePrivateDir(hubPaths(this.dataDir, hubId).dir);
    await this.cleanTemporaryFiles(hubId);
    this.prepared.add(hubId);
  }

  /** Replaces one of the hub's snapshot files whole, stamped with the schema and the hub's id. */
  private writeSnapshot(hubId: string, kind: 'status' | 'versions' | 'devices', doc: object): Promise<Result<void>> {
    const file = hubPaths(this.dataDir, hubId)[kind];
    return this.serial(hubId, () => this.writeDoc(hubId, file, { schema: STORE_SCHEMA_VERSION, hubId, ...doc }));
  }

  private async writeDoc(hubId: string, file: string, doc: unknown): Promise<Result<void>> {
    try {
      await this.prepareDir(hubId);
      await writePrivateFile(file, `${JSON.stringify(doc)}\n`);
      return ok(undefined);
    } catch (error) {
      return fail('INTERNAL', `Could not save ${file} for hub ${hubId}: ${describe(error)}`);
    }
  }

  private async readDoc<T>(
    file: string,
    what: string,
    parse: (raw: unknown) => { success: true; data: T } | { success: false },
  ): Promise<Result<T | null>> {
    let raw: unknown;
    try {
      raw = await readJson(file);
    } catch (error) {
      if (error instanceof SyntaxError) return this.setAside(file, 'not valid JSON');
      return fail('INTERNAL', `The stored ${what} in ${file} cannot be read: ${describe(error)}`);
    }
    if (raw === undefined) return ok(null);
    if (isNewer(raw)) {
      const migrated = migrateDocument(raw, `The stored ${what} (${file})`);
      return fail('BAD_INPUT', migrated.ok ? `The stored ${what} in ${file} cannot be used.` : migrated.reason);
    }
    const migrated = migrateDocument(raw, `The stored ${what}`);
    if (!migrated.ok) return this.setAside(file, migrated.reason);
    const parsed = parse(migrated.value);
    if (!parsed.success) return this.setAside(file, `the stored ${what} is not in the expected format`);
    return ok(parsed.data);
  }

  /** A damaged snapshot: keep it aside, tell once, and go on as if none were stored. */
  private async setAside(file: string, reason: string): Promise<Result<null>> {
    try {
      const moved = await moveAsideIfPresent(file, reason);
      if (moved) this.onDamaged(moved);
      return ok(null);
    } catch (error) {
      return fail('INTERNAL', `${file} is damaged (${reason}) and could not be moved aside: ${describe(error)}`);
    }
  }

  /**
   * Remove temporary files a killed write-file-atomic left behind in a hub folder. Snapshots are
   * written without a lock, so only files too old to be another process's live write go.
   */
  async cleanTemporaryFiles(hubId: string): Promise<number> {
    const paths = hubPaths(this.dataDir, hubId);
    const counts = await Promise.all(
      [paths.status, paths.versions, paths.devices].map((file) =>
        removeLeftoverTemporaryFiles(file, LIVE_WRITE_MAX_MS),
      ),
    );
    return counts.reduce((a, b) => a + b, 0);
  }
}

type MetaCheck = { kind: 'ok' } | { kind: 'absent' } | { kind: 'damaged' | 'newer'; reason: string };

async function checkMeta(metaFile: string): Promise<MetaCheck> {
  let raw: unknown;
  try {
    raw = await readJson(metaFile);
  } catch (error) {
    if (error instanceof SyntaxError) return { kind: 'damaged', reason: 'not valid JSON' };
    throw error;
  }
  if (raw === undefined) return { kind: 'absent' };
  const migrated = migrateDocument(raw, `The store ${metaFile}`);
  if (!migrated.ok) return { kind: isNewer(raw) ? 'newer' : 'damaged', reason: migrated.reason };
  if (!storeMetaSchema.safeParse(migrated.value).success)
    return { kind: 'damaged', reason: 'not a Hubkeeper store file' };
  return { kind: 'ok' };
}

/** Written by a newer Hubkeeper: never moved aside or overwritten, only refused. */
function isNewer(raw: unknown): boolean {
  const schema = typeof raw === 'object' && raw !== null ? (raw as { schema?: unknown }).schema : undefined;
  return typeof schema === 'number' && schema > STORE_SCHEMA_VERSION;
}

/** undefined when the file does not exist; throws on unreadable or non-JSON content. */
async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text) as unknown;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
