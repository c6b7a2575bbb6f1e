/**
 * Waits for `work` at most `ms`: true when it settled in time (fulfilled or rejected: the
 * caller reports its own errors), false when the time ran out first. Never rejects. Used where a
 * hung hub or a slow disk must not hold up what comes next (stopping, leaving a site).
 */
export async function settleWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, ms))));
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      expired,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** One deadline shared by several steps: each waits at most for what is left of it. */
export interface TimeBudget {
  /** Milliseconds left before the deadline (0 once it passed). */
  left(): number;
  /** settleWithin(work, what is left), or less when `capMs` is smaller. */
  settle(work: Promise<unknown>, capMs?: number): Promise<boolean>;
}

export function timeBudget(ms: number, now: () => number = Date.now): TimeBudget {
  const end = now() + ms;
  const left = () => Math.max(0, end - now());
  return {
    left,
    settle: (work, capMs = Infinity) => settleWithin(work, Math.min(left(), capMs)),
  };
}
