import { readFileSync } from 'node:fs';

/**
 * The open-file limit, for benchmarks that hold thousands of sockets. Every simulated hub is a
 * listening socket plus one per connection a client keeps open to it, so 5,000 hubs need tens of
 * thousands of descriptors, more than some machines allow. Node raises its soft limit to the
 * hard limit at start, and child processes inherit it: the hard limit is what a benchmark and
 * its simulator get. Checked before anything starts, so a fleet too big fails with a message
 * saying what to do instead of EMFILE errors in the middle of a run.
 */

/** This process's open-file limit (Linux: /proc/self/limits), or null where it cannot be read. */
export function openFileLimit(): number | null {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    if (soft === undefined) return null;
    return soft === 'unlimited' ? Infinity : Number(soft);
  } catch {
    return null;
  }
}

/**
 * Throws a clear error when `needed` descriptors exceed the limit (`what` names the holder, e.g.
 * "the simulator of 5000 hubs"). Where the limit cannot be read (not Linux) it does nothing.
 */
export function requireOpenFiles(needed: number, what: string, limit = openFileLimit()): void {
  if (limit === null || needed <= limit) return;
  throw new Error(
    `${what} needs about ${needed} open files, and this machine allows ${limit} per process. ` +
      `Use fewer hubs, or raise the limit for this run, e.g. as root: prlimit --nofile=${needed} <the same command>`,
  );
}
