import { formatLogLine, type LogLevel } from '../logging/log-line';

export type { Log } from '../logging/log';
import type { Log } from '../logging/log';

export const silentLog: Log = { info() {}, warn() {}, error() {} };

/** Log lines on stderr, redacted like the log file's (core/logging). */
export function consoleLog(prefix = 'hubkeeper'): Log {
  const line = (level: LogLevel, message: string, detail?: Record<string, unknown>): string =>
    `${prefix} ${formatLogLine(level, message, detail)}`;
  return {
    info: (m, d) => console.error(line('info', m, d)),
    warn: (m, d) => console.error(line('warn', m, d)),
    error: (m, d) => console.error(line('error', m, d)),
  };
}
