import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import {
  ensurePrivateDir,
  moveAsideIfPresent,
  moveAsideSync,
  removeLeftoverTemporaryFiles,
  withFileLock,
  writePrivateFile,
  type DamageListener,
} from '../core/data-folder';

/**
 * The file handling of credentials.json, apart from what is stored in it (secret-store.ts):
 *
 * - Entries live in a Map keyed by hub, so ids such as `__proto__` or `constructor` are keys like
 *   any other (a plain object would hand back Object.prototype members, or drop the entry).
 * - A change takes the file's cross-process lock, re-reads the file and applies itself to what it
 *   read, then writes atomically with mode 0600: two processes never undo each other's change.
 * - A file that is not JSON or not in the expected shape is moved aside as `.damaged-<time>` and
 *   reported; only the remembered passwords it held are lost, and the user is told.
 */
export const CREDENTIALS_FILE_VERSION = 1;

type Parsed<E> = { kind: 'ok'; entries: Map<string, E> } | { kind: 'absent' } | { kind: 'damaged'; reason: string };

export function parseCredentials<E>(text: string, entrySchema: z.ZodType<E>): Parsed<E> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'damaged', reason: 'not valid JSON' };
  }
  const doc = raw as { version?: unknown; entries?: unknown } | null;
  if (typeof doc !== 'object' || doc === null || doc.version !== CREDENTIALS_FILE_VERSION)
    return { kind: 'damaged', reason: 'not a Hubkeeper credentials file' };
  if (typeof doc.entries !== 'object' || doc.entries === null || Array.isArray(doc.entries))
    return { kind: 'damaged', reason: 'its entries are missing' };
  const entries = new Map<string, E>();
  // JSON.parse makes every key an own property, "__proto__" included; Object.entries sees them all.
  for (const [key, value] of Object.entries(doc.entries)) {
    const entry = entrySchema.safeParse(value);
    if (!entry.success) return { kind: 'damaged', reason: `the entry for "${key}" is not in the expected format` };
    entries.set(key, entry.data);
  }
  return { kind: 'ok', entries };
}

export function serializeCredentials<E>(entries: ReadonlyMap<string, E>): string {
  // Object.fromEntries defines own properties, so a "__proto__" key is written like any other.
  return JSON.stringify({ version: CREDENTIALS_FILE_VERSION, entries: Object.fromEntries(entries) }, null, 2);
}

/** Reads the file at start (synchronously: the store is built before the backend). */
export function readCredentialsSync<E>(
  file: string,
  entrySchema: z.ZodType<E>,
  onDamaged: DamageListener,
): Map<string, E> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return new Map();
  }
  const parsed = parseCredentials(text, entrySchema);
  if (parsed.kind === 'ok') return parsed.entries;
  if (parsed.kind === 'damaged') {
    try {
      const moved = moveAsideSync(file, parsed.reason);
      if (moved) onDamaged(moved);
    } catch {
      // Could not rename it: leave it; the next change tries again under the lock.
    }
  }
  return new Map();
}

/**
 * The cross-process read-modify-write: under the lock, read what is on disk now, let `change`
 * edit it, write it, and return what was written. `trusted` stands in for a damaged file.
 */
export async function updateCredentials<E>(
  file: string,
  entrySchema: z.ZodType<E>,
  trusted: ReadonlyMap<string, E>,
  change: (entries: Map<string, E>) => void,
  onDamaged: DamageListener,
): Promise<Map<string, E>> {
  await ensurePrivateDir(path.dirname(file));
  return withFileLock(file, async () => {
    await removeLeftoverTemporaryFiles(file);
    let entries: Map<string, E>;
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    const parsed = text === null ? ({ kind: 'absent' } as const) : parseCredentials(text, entrySchema);
    if (parsed.kind === 'ok') entries = parsed.entries;
    else if (parsed.kind === 'absent') entries = new Map();
    else {
      const moved = await moveAsideIfPresent(file, parsed.reason);
      if (moved) onDamaged(moved);
      entries = new Map(trusted);
    }
    change(entries);
    await writePrivateFile(file, serializeCredentials(entries));
    return entries;
  });
}
