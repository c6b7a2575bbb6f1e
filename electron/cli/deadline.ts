import { secondsFigure } from '../core/hub/seconds';
import type { Result } from '../shared/errors';
import { cliFail, type Words } from './cli-words';

/** A duration as words: "10 s", "10 秒" (whole seconds, else one decimal). */
export function secondsWords(ms: number): Words {
  return { key: 'cliCommon.seconds', params: { n: secondsFigure(ms) } };
}

/**
 * Bounds a whole command: `work` gets a signal that aborts at the deadline, and the answer is
 * TIMEOUT at the deadline even if `work` ignores the signal. The timer never keeps the process
 * alive on its own. `what` names the work for the message ("Reading the update status of …");
 * `boundMs` is the bound to name when `ms` is only what is left of it (the user set --timeout
 * 3, not 2.4).
 */
export async function withDeadline<T>(
  ms: number,
  what: Words,
  work: (signal: AbortSignal) => Promise<Result<T>>,
  boundMs: number = ms,
): Promise<Result<T>> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<Result<T>>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(cliFail('TIMEOUT', { key: 'cliHub.deadline.timeout', params: { what, bound: secondsWords(boundMs) } }));
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
