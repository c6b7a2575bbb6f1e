import { readFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import type { Site } from '../../shared/inventory';
import { moveAsideIfPresent, type DamageListener } from '../data-folder';
import type { SiteVisit } from '../../shared/visits';

/**
 * The record of site visits, one small JSON file in the data folder (`visits.json`). It keeps
 * each site's current or last visit (start, end, and whether it ended because Hubkeeper quit),
 * so that the next start can offer to resume it and reports default to it.
 *
 * Opening the book never resumes anything: quitting (or a crash) ends every visit, and a visit
 * found still open on disk is closed as "ended by quit" when the book is opened.
 */

export const VISITS_FILE = 'visits.json';

const recordSchema = z.object({
  siteId: z.string().min(1).max(128),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** Why the visit ended: the user said so, or Hubkeeper quit (then it may be resumed). */
  endedBy: z.enum(['user', 'quit']).nullable(),
});
type VisitRecord = z.infer<typeof recordSchema>;

const fileSchema = z.object({ schema: z.literal(1), visits: z.array(recordSchema) });

export interface VisitBookOptions {
  now?: () => Date;
  /** Told when a damaged visits.json was moved aside (the app's banner and log). */
  onDamaged?: DamageListener;
}

export class VisitBook {
  /** By site id (a Map: site ids such as `__proto__` are ids like any other). */
  private readonly records = new Map<string, VisitRecord>();
  private readonly now: () => Date;
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    options: VisitBookOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Opens the book; visits left open by the last run are closed as ended by quit. */
  static async open(dataDir: string, options: VisitBookOptions = {}): Promise<VisitBook> {
    const book = new VisitBook(path.join(dataDir, VISITS_FILE), options);
    const stored = await readRecords(book.file, options.onDamaged);
    let closed = false;
    for (const record of stored) {
      if (record.endedAt === null) {
        // The last run ended without closing it (a crash or a kill): it ended when that run did.
        record.endedAt = book.now().toISOString();
        record.endedBy = 'quit';
        closed = true;
      }
      book.records.set(record.siteId, record);
    }
    if (closed) await book.save();
    return book;
  }

  isActive(siteId: string): boolean {
    const record = this.records.get(siteId);
    return record !== undefined && record.endedAt === null;
  }

  /** Starts a visit (a no-op while one is on). Returns whether anything changed. */
  async start(siteId: string): Promise<boolean> {
    if (this.isActive(siteId)) return false;
    this.records.set(siteId, { siteId, startedAt: this.now().toISOString(), endedAt: null, endedBy: null });
    await this.save();
    return true;
  }

  /**
   * Ends the visit the user is on; on a site whose last visit ended by quit, declines resuming
   * it (it stays as the site's last visit). Returns whether anything changed.
   */
  async end(siteId: string): Promise<boolean> {
    const record = this.records.get(siteId);
    if (!record) return false;
    if (record.endedAt !== null && record.endedBy === 'user') return false;
    if (record.endedAt === null) record.endedAt = this.now().toISOString();
    record.endedBy = 'user';
    await this.save();
    return true;
  }

  /** Quitting: every visit on ends, and may be resumed on the next start. */
  async endAll(): Promise<void> {
    const at = this.now().toISOString();
    let changed = false;
    for (const record of this.records.values()) {
      if (record.endedAt !== null) continue;
      record.endedAt = at;
      record.endedBy = 'quit';
      changed = true;
    }
    if (changed) await this.save();
  }

  /** Forget the visits of sites that no longer exist. */
  async prune(siteIds: ReadonlySet<string>): Promise<void> {
    const gone = [...this.records.keys()].filter((id) => !siteIds.has(id));
    if (gone.length === 0) return;
    for (const id of gone) this.records.delete(id);
    await this.save();
  }

  /** The current or last visit of a site: its time span (`endedAt` null while it is on). */
  span(siteId: string): { startedAt: string; endedAt: string | null } | null {
    const record = this.records.get(siteId);
    return record ? { startedAt: record.startedAt, endedAt: record.endedAt } : null;
  }

  /** The visit state of every given site. */
  states(sites: readonly Site[]): SiteVisit[] {
    return sites.map((site) => {
      const record = this.records.get(site.id);
      const active = record !== undefined && record.endedAt === null;
      const alwaysWatched = site.alwaysWatched === true;
      return {
        siteId: site.id,
        visited: active || alwaysWatched,
        alwaysWatched,
        startedAt: record?.startedAt ?? null,
        endedAt: record?.endedAt ?? null,
        resumable: !active && !alwaysWatched && record?.endedBy === 'quit',
      };
    });
  }

  private save(): Promise<void> {
    // One write at a time, each with the state at its turn: the file never goes back in time.
    const write = this.writing.then(() =>
      writeFileAtomic(
        this.file,
        JSON.stringify({ schema: 1, visits: [...this.records.values()] } satisfies z.infer<typeof fileSchema>, null, 2),
        { mode: 0o600 },
      ),
    );
    // A failed write is reported to its caller; the next one still runs.
    this.writing = write.catch(() => undefined);
    return write;
  }
}

/**
 * The current or last visit of each site, read without changing anything (the CLI reads the
 * folder the app may be using; only the app closes visits).
 */
export async function readVisitSpans(
  dataDir: string,
): Promise<Map<string, { startedAt: string; endedAt: string | null }>> {
  const records = await readRecords(path.join(dataDir, VISITS_FILE));
  return new Map(records.map((r) => [r.siteId, { startedAt: r.startedAt, endedAt: r.endedAt }]));
}

async function readRecords(file: string, onDamaged?: DamageListener): Promise<VisitRecord[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  let parsed: ReturnType<typeof fileSchema.safeParse> | null;
  try {
    parsed = fileSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = null;
  }
  if (parsed?.success) return parsed.data.visits;
  // A damaged record of visits only costs the "resume" offer and the report's default span:
  // start with none (no visit means no traffic, the safe side), and keep the file aside rather
  // than overwrite it.
  const moved = await moveAsideIfPresent(file, parsed ? 'not in the expected format' : 'not valid JSON').catch(
    () => null,
  );
  if (moved) onDamaged?.(moved);
  return [];
}
