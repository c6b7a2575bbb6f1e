import type { Log } from './log';
import { formatLogLine, type LogLevel } from './log-line';

/**
 * Keeps the last lines logged in memory (redacted, formatted as in a log file) while passing
 * every event on: the browser preview has no log file, yet its diagnostics show recent lines.
 */
export function withMemoryTail(inner: Log, capacity = 200): Log & { tail(count: number): string[] } {
  const lines: string[] = [];
  const keep = (level: LogLevel, message: string, detail?: Record<string, unknown>): void => {
    try {
      lines.push(formatLogLine(level, message, detail));
      if (lines.length > capacity) lines.splice(0, lines.length - capacity);
    } catch {
      // A line that cannot be formatted is only missing from the tail.
    }
  };
  return {
    info: (m, d) => (keep('info', m, d), inner.info(m, d)),
    warn: (m, d) => (keep('warn', m, d), inner.warn(m, d)),
    error: (m, d) => (keep('error', m, d), inner.error(m, d)),
    tail: (count) => lines.slice(-count),
  };
}
