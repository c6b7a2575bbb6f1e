import { formatLogLine, type LogLevel } from '../logging/log-line';

/**
 * The backend's log sink. Details (stack traces, hub answers, file paths) go here and never to
 * the renderer. Main writes it to a file in the user-data folder; the web transport to stderr.
 */
export interface Log {
  info(message: string, detail?: Record<string, unknown>): void;
  warn(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}

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

export function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) =>
      v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v,
    );
  } catch {
    return String(value);
  }
}
