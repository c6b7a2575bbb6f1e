import type { Log } from '../core/app/log';
import type { DamagedFile } from '../core/data-folder';
import { warnDamaged } from './damage-warning';
import type { CliIo } from './io';
import { oneLine } from './terminal-text';

/**
 * The terminal's share of the backend's log for a command that runs one (`hubkeeper watch`):
 * warnings and errors go to stderr, one line each with the error's message, so stdout stays the
 * command's output; the routine lines (started, stopped) are only for the log file (cli-file-log.ts).
 */
export function cliLog(io: CliIo): Log {
  const tell = (message: string, detail?: Record<string, unknown>): void => {
    // A damaged file moved aside is told in the sentence every other command uses.
    if (isDamagedFile(detail)) return warnDamaged(io)(detail);
    const why = errorMessage(detail?.error);
    io.err(`hubkeeper: warning: ${oneLine(why ? `${message}: ${why}` : message)}\n`);
  };
  return { info: () => undefined, warn: tell, error: tell };
}

function isDamagedFile(detail: Record<string, unknown> | undefined): detail is Record<string, unknown> & DamagedFile {
  return typeof detail?.file === 'string' && typeof detail.movedTo === 'string' && typeof detail.reason === 'string';
}

function errorMessage(error: unknown): string | null {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string')
    return (error as { message: string }).message;
  return error === undefined ? null : String(error);
}
