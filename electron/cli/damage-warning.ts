import type { DamageListener } from '../core/data-folder';
import { cliText } from './cli-language';
import type { CliIo } from './io';

/**
 * The CLI's side of "damaged files are kept": a store that moved a damaged file aside says so on
 * stderr (stdout stays the command's output, JSON included), naming both files.
 */
export function warnDamaged(io: CliIo): DamageListener {
  return (damaged) =>
    io.err(
      `${cliText(io).t('cliCommon.damaged', { file: damaged.file, reason: damaged.reason, movedTo: damaged.movedTo })}\n`,
    );
}
