import lockfile from 'proper-lockfile';

/**
 * A cross-process lock on one file of the data folder, so that the app's backend and any number
 * of CLI commands can read-modify-write the same file without losing each other's edits.
 *
 * Granularity is one lock per file (inventory.json, settings.json, credentials.json, meta.json,
 * a hub's timeline), held only for one read-modify-write (milliseconds), never for the life of
 * a process: the long-running app and a CLI command interleave their changes instead of one
 * shutting the other out.
 *
 * proper-lockfile creates `<file>.lock` with mkdir (atomic on every local file system) and
 * refreshes its time while held. A lock left behind by a killed process is taken over once it is
 * older than STALE_MS, so a crash delays the next writer by a few seconds and never blocks it.
 */
export const STALE_MS = 4000;

/** How long a writer waits for a busy lock before giving up with an error that names the file. */
const RETRIES = { retries: 60, factor: 1.25, minTimeout: 15, maxTimeout: 400, randomize: true };

export class FileLockError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(
      `Another Hubkeeper process kept ${file} locked for too long (${cause instanceof Error ? cause.message : String(cause)}); try again.`,
    );
    this.name = 'FileLockError';
  }
}

/**
 * Runs `work` while holding the lock of `file` (which need not exist; its folder must). The lock
 * is released however `work` ends.
 */
export async function withFileLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, {
      realpath: false,
      stale: STALE_MS,
      retries: RETRIES,
      // The default throws from a timer and kills the process. A lock is "compromised" only when
      // this process could not refresh it for STALE_MS (an event loop frozen that long): the
      // write in progress is still atomic, so carry on rather than crash.
      onCompromised: () => undefined,
    });
  } catch (error) {
    throw new FileLockError(file, error);
  }
  try {
    return await work();
  } finally {
    await release().catch(() => undefined);
  }
}
