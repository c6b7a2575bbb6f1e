import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import { fail, ok, type Result } from '../../shared/errors';
import type { TimelineEvent } from '../../shared/timeline';
import { appendEventLines, readEventLog, repairTornTail, type EventLogRead } from './event-log';
import { migrateDocument } from './migrate';
import { decodeHubId, hubPaths, hubsDir, storeDir } from './paths';
import {
  STORE_SCHEMA_VERSION,
  storeMetaSchema,
  storedStatusSchema,
  storedVersionsSchema,
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
 */
export class HubStore {
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly repaired = new Set<string>();
  private readonly prepared = new Set<string>();

  private constructor(readonly dataDir: string) {}

  /** Open (creating if needed) the store in a data folder. */
  static async open(dataDir: string): Promise<Result<HubStore>> {
    if (!path.isAbsolute(dataDir))
      return fail('BAD_INPUT', `The data folder must be an absolute path, got "${dataDir}".`);
    const metaFile = path.join(storeDir(dataDir), 'meta.json');
    try {
      await mkdir(hubsDir(dataDir), { recursive: true });
      const raw = await readJson(metaFile);
      if (raw === undefined) {
        await writeFileAtomic(metaFile, `${JSON.stringify({ schema: STORE_SCHEMA_VERSION }, null, 2)}\n`);
      } else {
        const migrated = migrateDocument(raw, `The store in ${dataDir}`);
        if (!migrated.ok) return fail('BAD_INPUT', migrated.reason);
        if (!storeMetaSchema.safeParse(migrated.value).success)
          return fail('BAD_INPUT', `${metaFile} is not a Hubkeeper store file.`);
      }
    } catch (error) {
      return fail('INTERNAL', `Cannot use the data folder ${dataDir}: ${describe(error)}`);
    }
    return ok(new HubStore(dataDir));
  }

  /** Ids of every hub that has anything stored. */
  async hubIds(): Promise<string[]> {
    const names = await readdir(hubsDir(this.dataDir)).catch(() => [] as string[]);
    return names
      .map(decodeHubId)
      .filter((id): id is string => id !== null)
      .sort();
  }

  async readStatus(hubId: string): Promise<Result<StoredStatus | null>> {
    return this.readDoc(hubPaths(this.dataDir, hubId).status, 'status', (raw) => storedStatusSchema.safeParse(raw));
  }

  async writeStatus(hubId: string, doc: Omit<StoredStatus, 'schema' | 'hubId'>): Promise<Result<void>> {
    const file = hubPaths(this.dataDir, hubId).status;
    return this.serial(hubId, () => this.writeDoc(hubId, file, { schema: STORE_SCHEMA_VERSION, hubId, ...doc }));
  }

  async readVersions(hubId: string): Promise<Result<StoredVersions | null>> {
    return this.readDoc(hubPaths(this.dataDir, hubId).versions, 'version list', (raw) =>
      storedVersionsSchema.safeParse(raw),
    );
  }

  async writeVersions(hubId: string, doc: Omit<StoredVersions, 'schema' | 'hubId'>): Promise<Result<void>> {
    const file = hubPaths(this.dataDir, hubId).versions;
    return this.serial(hubId, () => this.writeDoc(hubId, file, { schema: STORE_SCHEMA_VERSION, hubId, ...doc }));
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
    await mkdir(hubPaths(this.dataDir, hubId).dir, { recursive: true });
    await this.cleanTemporaryFiles(hubId);
    this.prepared.add(hubId);
  }

  private async writeDoc(hubId: string, file: string, doc: unknown): Promise<Result<void>> {
    try {
      await this.prepareDir(hubId);
      await writeFileAtomic(file, `${JSON.stringify(doc)}\n`, { fsync: true });
      return ok(undefined);
    } catch (error) {
      return fail('INTERNAL', `Could not save ${path.basename(file)} for hub ${hubId}: ${describe(error)}`);
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
      return fail('INTERNAL', `The stored ${what} in ${file} cannot be read: ${describe(error)}`);
    }
    if (raw === undefined) return ok(null);
    const migrated = migrateDocument(raw, `The stored ${what} (${file})`);
    if (!migrated.ok) return fail('BAD_INPUT', migrated.reason);
    const parsed = parse(migrated.value);
    if (!parsed.success) return fail('INTERNAL', `The stored ${what} in ${file} is not in the expected format.`);
    return ok(parsed.data);
  }

  /** Remove temporary files a killed write-file-atomic left behind in a hub folder. */
  async cleanTemporaryFiles(hubId: string): Promise<number> {
    const { dir } = hubPaths(this.dataDir, hubId);
    const names = await readdir(dir).catch(() => [] as string[]);
    const leftovers = names.filter((n) => /^(status|versions)\.json\.\d+$/.test(n));
    await Promise.all(leftovers.map((n) => unlink(path.join(dir, n)).catch(() => undefined)));
    return leftovers.length;
  }
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
