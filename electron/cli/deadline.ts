import { fail, type Result } from '../shared/errors';

/**
 * Bounds a whole command: `work` gets a signal that aborts at the deadline, and the answer is
 * TIMEOUT at the deadline even if `work` ignores the signal. The timer never keeps the process
 * alive on its own.
 */
export async function withDeadline<T>(ms: number, what: string, work: (signal: AbortSignal) => Promise<Result<T>>): Promise<Result<T>> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<Result<T>>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(fail('TIMEOUT', `${what} did not finish within ${formatSeconds(ms)} (raise --timeout if the hub is slow).`));
    }, ms);
    timer.unref();
  });
  try {
    return await Promise.race([work(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
