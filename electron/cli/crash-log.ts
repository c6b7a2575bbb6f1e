import path from 'node:path';
import { resolveDataDir } from '../core/data-dir';
import type { FileLog } from '../core/logging/rotating-file-log';
import { cliLogFile } from './cli-file-log';

/**
 * The CLI's log: `<data folder>/logs/cli.log` (rotated, redacted like the app's). The data
 * folder is the one the command line names with `--data-dir` (read here before the commands
 * parse it, so an error that escapes a command still lands in the right folder), else the shared
 * default. The file is created on the first line written, so most runs leave no trace.
 */
export function cliLog(argv: readonly string[]): FileLog {
  return cliLogFile(dataDirFromArgv(argv));
}

export function dataDirFromArgv(argv: readonly string[]): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg === '--data-dir' && argv[i + 1]) return path.resolve(argv[i + 1]!);
    if (arg.startsWith('--data-dir=') && arg.length > 11) return path.resolve(arg.slice(11));
  }
  return resolveDataDir();
}
