import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/**
 * The data folder holds hub addresses, certificate pins and encrypted passwords: only its owner
 * may read it. Folders are created 0700 and files written 0600 (POSIX modes; Windows ignores
 * them and keeps the per-user ACL of the profile folder).
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** mkdir -p with mode 0700 for every folder it creates (mkdir's mode is masked by the umask; chmod is not). */
export async function ensurePrivateDir(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (first === undefined || process.platform === 'win32') return;
  // `first` is the top-most folder created; tighten it and everything below it down to `dir`.
  let current = dir;
  for (;;) {
    await chmod(current, PRIVATE_DIR_MODE);
    const parent = path.dirname(current);
    if (current === first || parent === current) break;
    current = parent;
  }
}

/**
 * Replaces a file atomically (temporary file, fsync, rename) with mode 0600: a reader sees the
 * old or the new content, never a mix, and a crash leaves the previous file intact.
 */
export async function writePrivateFile(file: string, text: string): Promise<void> {
  await writeFileAtomic(file, text, { mode: PRIVATE_FILE_MODE, fsync: true });
}
