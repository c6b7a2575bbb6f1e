import type { DamageListener } from '../core/data-folder';
import type { CliIo } from './io';

/**
 * The CLI's side of "damaged files are kept": a store that moved a damaged file aside says so on
 * stderr (stdout stays the command's output, JSON included), naming both files.
 */
export function warnDamaged(io: CliIo): DamageListener {
  return (damaged) =>
    io.err(
      `hubkeeper: warning: ${damaged.file} was damaged (${damaged.reason}); it was kept as ${damaged.movedTo} and Hubkeeper went on without it.\n`,
    );
}
