/**
 * The backend's log sink. Details (stack traces, hub answers, file paths) go here and never to
 * the renderer. Main writes it to a file in the user-data folder; the web transport to stderr.
 */
export interface Log {
  info(message: string, detail?: Record<string, unknown>): void;
  warn(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}
