import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { safeJson, type Log } from '../core/app/log';

const MAX_BYTES = 5 * 1024 * 1024;

/**
 * Main's log: one line per entry in `<logs>/main.log`, rotated once at 5 MB. Details of every
 * refused IPC call, blocked navigation and failed hub request land here, never in the renderer.
 */
export function fileLog(folder: string, echo = false): Log {
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'main.log');
  const write = (level: string, message: string, detail?: Record<string, unknown>): void => {
    const line = `${new Date().toISOString()} ${level} ${message}${detail ? ` ${safeJson(detail)}` : ''}\n`;
    if (echo) process.stderr.write(line);
    try {
      if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > MAX_BYTES) renameSync(file, `${file}.1`);
      appendFileSync(file, line, { mode: 0o600 });
    } catch {
      // Logging must never take the app down.
    }
  };
  return {
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}
