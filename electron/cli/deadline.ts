import { formatSeconds } from '../core/hub/seconds';
import { fail, type Result } from '../shared/errors';

export { formatSeconds };

/**
 * Bounds a whole command: `work` gets a signal that aborts at the deadline, and the answer is
 * TIMEOUT at the deadline even if `work` ignores the signal. The timer never keeps the process
 * alive on its own. `boundMs` is the bound to name in the message when `ms` is only what is
 * left of it (the user set --timeout 3, not 2.4).
 */
export async function withDeadline<T>(
  ms: number,
  what: string,
  work: (signal: AbortSignal) => Promise<Result<T>>,
  boundMs: number = ms,
): Promise<Result<T>> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<Result<T>>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(
        fail(
          'TIMEOUT',
          `${what} did not finish within ${formatSeconds(boundMs)} (raise --timeout if the hub is slow).`,
        ),
      );
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
