import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BundleContent } from '../../shared/bundle';
import type { BundleSummary } from '../../shared/bundle-models';
import { fail, ok, type Result } from '../../shared/errors';
import { ensurePrivateDir, moveAside, watchFolder, writePrivateFile, type DamageListener } from '../data-folder';
import { decodeBundle, readBundleFile } from './bundle-codec';

/** Opened bundles live here, each as the verbatim file it was opened from: `<bundle id>.json`. */
export const BUNDLES_FOLDER = 'bundles';

export interface OpenedBundle {
  summary: BundleSummary;
  content: BundleContent;
}

/**
 * A bundle id that is safe as a file name on every platform: no leading dot, no ':' (an
 * alternate data stream on Windows), no separators.
 */
function isStorableId(id: string): boolean {
  return /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/.test(id);
}

interface Cached {
  mtimeMs: number;
  size: number;
  bundle: OpenedBundle;
}

/**
 * The bundles opened read-only beside the user's own sites, kept in the data folder so the app
 * and the CLI see the same ones. The folder is the truth: every list re-reads what changed
 * (another process may have opened or closed one), and each file is verified again (hash and
 * shape) when read, so a stored bundle changed on disk is moved aside, never shown.
 *
 * Nothing here knows about hubs as network peers: bundled hubs never enter the inventory, the
 * session pool, the monitor or the visit scope.
 */
export class BundleLibrary {
  private readonly cache = new Map<string, Cached>();

  private constructor(
    readonly dir: string,
    private readonly onDamaged: DamageListener,
  ) {}

  static async open(dataDir: string, options: { onDamaged?: DamageListener } = {}): Promise<Result<BundleLibrary>> {
    if (!path.isAbsolute(dataDir))
      return fail('BAD_INPUT', `The data folder must be an absolute path, got "${dataDir}".`);
    const dir = path.join(dataDir, BUNDLES_FOLDER);
    try {
      await ensurePrivateDir(dir);
    } catch (error) {
      return fail('INTERNAL', `Cannot use the bundle folder ${dir}: ${(error as Error).message}`);
    }
    return ok(new BundleLibrary(dir, options.onDamaged ?? (() => undefined)));
  }

  /**
   * Calls `onChange` (debounced) when a bundle file appears, changes or goes, whoever did it.
   * Returns the function that stops watching.
   */
  watch(onChange: () => void, onError: (error: unknown) => void = () => undefined): () => void {
    return watchFolder(this.dir, { debounceMs: 100, onChange, onError });
  }

  /** Every opened bundle, oldest opened first. */
  async list(): Promise<OpenedBundle[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const ids = names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length));
    for (const cached of [...this.cache.keys()]) if (!ids.includes(cached)) this.cache.delete(cached);
    const out: OpenedBundle[] = [];
    for (const id of ids) {
      const bundle = await this.read(id);
      if (bundle) out.push(bundle);
    }
    return out.sort((a, b) =>
      a.summary.openedAt < b.summary.openedAt ? -1 : a.summary.openedAt > b.summary.openedAt ? 1 : 0,
    );
  }

  async get(bundleId: string): Promise<Result<OpenedBundle>> {
    if (!isStorableId(bundleId)) return fail('NOT_FOUND', 'That bundle is not open.');
    const bundle = await this.read(bundleId);
    return bundle ? ok(bundle) : fail('NOT_FOUND', 'That bundle is not open.');
  }

  /**
   * Verify a bundle's text and keep it (replacing an earlier copy of the same bundle). A bundle
   * that fails any check is refused and nothing is written.
   */
  async add(text: string): Promise<Result<{ bundle: OpenedBundle; replaced: boolean }>> {
    const decoded = decodeBundle(text);
    if (!decoded.ok) return decoded;
    const id = decoded.value.content.bundleId;
    if (!isStorableId(id)) return fail('BAD_INPUT', 'This bundle has an id Hubkeeper cannot store.');
    const file = this.fileOf(id);
    const replaced = await stat(file).then(
      () => true,
      () => false,
    );
    try {
      await writePrivateFile(file, text);
    } catch (error) {
      return fail('INTERNAL', `The bundle could not be kept in ${this.dir}: ${(error as Error).message}`);
    }
    this.cache.delete(id);
    const bundle = await this.read(id);
    return bundle ? ok({ bundle, replaced }) : fail('INTERNAL', 'The bundle was written but cannot be read back.');
  }

  /** Close a bundle: its copy in the data folder is removed (the original file is not touched). */
  async remove(bundleId: string): Promise<Result<void>> {
    const found = await this.get(bundleId);
    if (!found.ok) return found;
    try {
      await rm(this.fileOf(bundleId), { force: true });
    } catch (error) {
      return fail('INTERNAL', `The bundle could not be closed: ${(error as Error).message}`);
    }
    this.cache.delete(bundleId);
    return ok(undefined);
  }

  private fileOf(bundleId: string): string {
    return path.join(this.dir, `${bundleId}.json`);
  }

  /** Read (or reuse) one stored bundle; a stored copy that no longer verifies is moved aside. */
  private async read(bundleId: string): Promise<OpenedBundle | null> {
    const file = this.fileOf(bundleId);
    const info = await stat(file).catch(() => null);
    if (!info) {
      this.cache.delete(bundleId);
      return null;
    }
    const cached = this.cache.get(bundleId);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.bundle;
    const read = await readBundleFile(file);
    if (!read.ok || read.value.content.bundleId !== bundleId) {
      this.cache.delete(bundleId);
      const reason = read.ok ? 'its id does not match its file name' : read.error.message;
      await moveAside(file, reason).then(this.onDamaged, () => undefined);
      return null;
    }
    const content = read.value.content;
    const bundle: OpenedBundle = {
      summary: {
        bundleId,
        siteName: content.site.name,
        takenAt: content.takenAt,
        technician: content.technician,
        hubkeeperVersion: content.hubkeeperVersion,
        hubCount: content.hubs.length,
        openedAt: info.mtime.toISOString(),
        sha256: read.value.sha256,
      },
      content,
    };
    this.cache.set(bundleId, { mtimeMs: info.mtimeMs, size: info.size, bundle });
    return bundle;
  }
}
