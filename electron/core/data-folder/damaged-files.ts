import { existsSync, renameSync } from 'node:fs';
import { access, rename } from 'node:fs/promises';

/**
 * A file of the data folder that could not be used (not JSON, not the expected shape). It is
 * never overwritten: it is renamed to `<name>.damaged-<timestamp>` so whatever it still holds
 * can be recovered by hand, and Hubkeeper starts from what can be trusted.
 */
export interface DamagedFile {
  /** The file as it was named. */
  file: string;
  /** Where it was moved. */
  movedTo: string;
  /** What was wrong with it, in words. */
  reason: string;
  /** When it was moved (ISO). */
  at: string;
}

/** Told once per damaged file: the app shows a banner and logs it, the CLI warns on stderr. */
export type DamageListener = (damaged: DamagedFile) => void;

/**
 * Renames a damaged file aside and returns what was done; null when the file is already gone
 * (another process moved it first and reports it).
 */
export async function moveAsideIfPresent(file: string, reason: string, now = new Date()): Promise<DamagedFile | null> {
  try {
    return await moveAside(file, reason, now);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Renames a damaged file aside and returns what was done. */
export async function moveAside(file: string, reason: string, now = new Date()): Promise<DamagedFile> {
  let movedTo = asideName(file, now);
  for (let n = 2; await exists(movedTo); n += 1) movedTo = `${asideName(file, now)}-${n}`;
  await rename(file, movedTo);
  return { file, movedTo, reason, at: now.toISOString() };
}

/** The same for code that must stay synchronous (a store read in a constructor); null when gone. */
export function moveAsideSync(file: string, reason: string, now = new Date()): DamagedFile | null {
  let movedTo = asideName(file, now);
  for (let n = 2; existsSync(movedTo); n += 1) movedTo = `${asideName(file, now)}-${n}`;
  try {
    renameSync(file, movedTo);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return { file, movedTo, reason, at: now.toISOString() };
}

function asideName(file: string, now: Date): string {
  // Colons are not allowed in Windows file names; keep the ISO time readable without them.
  return `${file}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
