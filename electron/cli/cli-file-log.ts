import path from 'node:path';
import type { Log } from '../core/app/log';
import { rotatingFileLog, type FileLog } from '../core/logging/rotating-file-log';
import { dataDirOf } from './data-access';
import type { CliIo } from './io';

/**
 * The CLI's log file: `<data folder>/logs/cli.log`, one redacted line per event, rotated like the
 * app's (core/logging). The app writes its own file (`main.log` in the system's log folder), so
 * the app and the CLI never share one; several CLI processes may append to cli.log at once (each
 * line is one append: lines never tear).
 */
export function cliLogFile(dataDir: string): FileLog {
  return rotatingFileLog(path.join(dataDir, 'logs'), { name: 'cli.log' });
}

/**
 * The hub events of one command (failures, logins, sweeps) for cli.log of the data folder the
 * command uses (`--data-dir`, else HUBKEEPER_DATA_DIR or the platform folder). Nothing is created
 * until the first line: a run with nothing to log leaves no trace.
 */
export function commandLog(io: CliIo, dataDirOption?: string): Log {
  let file: Log | null = null;
  const open = (): Log => (file ??= cliLogFile(dataDirOf(dataDirOption, io)));
  return {
    info: (m, d) => open().info(m, d),
    warn: (m, d) => open().warn(m, d),
    error: (m, d) => open().error(m, d),
  };
}

/** Every line to each of `logs` (the file and the terminal's warnings). */
export function teeLog(...logs: Log[]): Log {
  return {
    info: (m, d) => logs.forEach((log) => log.info(m, d)),
    warn: (m, d) => logs.forEach((log) => log.warn(m, d)),
    error: (m, d) => logs.forEach((log) => log.error(m, d)),
  };
}
