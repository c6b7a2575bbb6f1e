import type { SimulatedHub } from '../simulator';

/**
 * Waits, polling every 25 ms, until `probe` gives something truthy, and returns it; fails with
 * `what` after `timeoutMs`. Tests wait on events and counts this way, never on fixed sleeps.
 */
export async function until<T>(
  what: string,
  probe: () => T | undefined | null | false,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Status polls a simulated hub answered so far. */
const statusReads = (hub: SimulatedHub): number => hub.requests.filter((r) => r.path === '/api/update/status').length;

/**
 * Waits until a visited hub answered `polls` more status polls: that many poll cycles went by.
 * The positive control of a "no traffic" check (nothing elsewhere over the same span).
 */
export async function pollCycles(hub: SimulatedHub, polls: number): Promise<void> {
  const target = statusReads(hub) + polls;
  await until(`${polls} status polls of ${hub.url}`, () => statusReads(hub) >= target);
}
