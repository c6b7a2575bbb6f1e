import type { Log } from './log';
import { settleWithin } from '../time-budget';
import { redactText } from './redact';

export interface FatalExitOptions {
  log: Log;
  /** One line for the user (stderr). */
  say(line: string): void;
  exit(code: number): void;
  /** What to close first (the preview's backend: flush the store, log out); bounded below. */
  stop?: () => Promise<unknown>;
  stopWithinMs?: number;
  /** Who is speaking in the line (`hubkeeper`, `dev:web`). */
  name: string;
  /** Where the details are, for the line (a log file, or "above"). */
  detailsAt: string;
  exitCode?: number;
  target?: Pick<NodeJS.Process, 'on' | 'off'>;
}

/**
 * The CLI's and the preview's answer to an error nothing caught (`uncaughtException`,
 * `unhandledRejection`): log it (redacted, with its stack), say one line on stderr without the
 * stack or any secret, stop what is running within a bound, and exit with a failure code instead
 * of dying mid-write or printing a raw stack. A second error while stopping is only logged.
 */
export function exitOnFatalErrors(options: FatalExitOptions): () => void {
  const target = options.target ?? process;
  let exiting = false;
  const fatal = (kind: string) => (error: unknown) => {
    options.log.error(`unexpected error (${kind})`, { error });
    if (exiting) return;
    exiting = true;
    const message = error instanceof Error ? error.message : String(error);
    options.say(
      `${options.name}: unexpected error: ${redactText(message).split('\n')[0]} (details: ${options.detailsAt})`,
    );
    const stopped = options.stop
      ? settleWithin(
          options
            .stop()
            .catch((stopError: unknown) => options.log.error('stopping after the error failed', { error: stopError })),
          options.stopWithinMs ?? 3000,
        )
      : Promise.resolve();
    void stopped.then(() => options.exit(options.exitCode ?? 1));
  };
  const onException = fatal('uncaught exception');
  const onRejection = fatal('unhandled rejection');
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}
