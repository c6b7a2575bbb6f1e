import { readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * write-file-atomic writes `<name>.<number>` next to the file and renames it over the file. A
 * writer killed between the two leaves that temporary file behind; they are removed here.
 *
 * Another process may be writing the same file right now, and its temporary file must survive.
 * Callers either hold the file's lock (then no live writer exists: `minAgeMs` 0), or pass a
 * minimum age far above the milliseconds a live write takes.
 */
/**
 * Files replaced without a lock (a hub's status snapshot) can have a live writer in another
 * process; its temporary file exists for milliseconds. One older than this is a dead writer's.
 */
export const LIVE_WRITE_MAX_MS = 30_000;

export async function removeLeftoverTemporaryFiles(file: string, minAgeMs = 0): Promise<number> {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const names = await readdir(dir).catch(() => [] as string[]);
  const pattern = new RegExp(`^${escapeRegExp(base)}\\.\\d+$`);
  let removed = 0;
  for (const name of names.filter((n) => pattern.test(n))) {
    const full = path.join(dir, name);
    if (minAgeMs > 0) {
      const info = await stat(full).catch(() => null);
      if (!info || Date.now() - info.mtimeMs < minAgeMs) continue;
    }
    await unlink(full).then(
      () => (removed += 1),
      () => undefined,
    );
  }
  return removed;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
