import { rotatingFileLog, type FileLog } from '../core/logging/rotating-file-log';

/**
 * Main's log: `<logs>/main.log` (Electron's `app.getPath('logs')`), one redacted line per event,
 * rotated by size with a few older files kept (core/logging). Details of every refused IPC call,
 * blocked navigation, crash, hub failure, login failure, certificate change, sweep and update
 * outcome land here, never in the renderer.
 */
export function fileLog(folder: string, echo = false): FileLog {
  return rotatingFileLog(folder, { name: 'main.log', echo });
}
