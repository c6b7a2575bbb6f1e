import { appendFileSync, mkdirSync, openSync, readSync, closeSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import type { Log } from './log';
import { formatLogLine, type LogLevel } from './log-line';

export interface RotatingLogOptions {
  /** The file's base name inside the folder, e.g. `main.log` (the app) or `cli.log`. */
  name: string;
  /** Size at which the file is rotated. */
  maxBytes?: number;
  /** Rotated files kept besides the current one (`name.1` newest … `name.<keep>` oldest). */
  keep?: number;
  /** Also write each line to stderr (development runs). */
  echo?: boolean;
}

export interface FileLog extends Log {
  readonly folder: string;
  readonly file: string;
  /** The last `count` lines, oldest first, across the current and rotated files. */
  tail(count: number): string[];
}

export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
export const DEFAULT_KEEP = 4;
/** A rotation lock left by a killed process is taken over after this long (rotations take ms). */
const ROTATE_LOCK_STALE_MS = 5000;
/** Tail reads at most this much of each file: a tail of 200 lines never reads megabytes. */
const TAIL_READ_BYTES = 256 * 1024;

/**
 * A log file that stays bounded: one redacted line per event, appended synchronously (a crash
 * right after the call still finds the line on disk), rotated by size, at most `keep + 1`
 * files. Writing never throws: logging must not take the app down.
 *
 * Several processes may write one file (two CLI commands on one data folder): each line is one
 * append (O_APPEND, one write), so lines never tear, and the rotation is done by one process at
 * a time under a lock (`<file>.lock`), each checking the size again once it holds the lock, so
 * no file is shifted twice and no line is lost.
 */
export function rotatingFileLog(folder: string, options: RotatingLogOptions): FileLog {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const keep = Math.max(0, options.keep ?? DEFAULT_KEEP);
  const file = path.join(folder, options.name);
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
  } catch {
    // Reported by the first write's failure being silent: the app keeps running without a log.
  }

  const rotate = (): void => {
    rmSync(`${file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      if (statSync(`${file}.${i}`, { throwIfNoEntry: false })) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    }
    if (keep > 0) renameSync(file, `${file}.1`);
    else rmSync(file, { force: true });
  };

  /** Rotates unless another process has just done it; skipped while another process rotates. */
  const rotateIfFull = (lineBytes: number): void => {
    let release: () => void;
    try {
      release = lockfile.lockSync(file, {
        realpath: false,
        stale: ROTATE_LOCK_STALE_MS,
        // Only held for the renames: never worth crashing for.
        onCompromised: () => undefined,
      });
    } catch {
      // Another process rotates right now: this line goes to the file as it then is.
      return;
    }
    try {
      const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
      if (size > 0 && size + lineBytes > maxBytes) rotate();
    } finally {
      release();
    }
  };

  const write = (level: LogLevel, message: string, detail?: Record<string, unknown>): void => {
    let line: string;
    try {
      line = `${formatLogLine(level, message, detail)}\n`;
    } catch {
      line = `${new Date().toISOString()} ${level.toUpperCase()} (a log entry could not be formatted)\n`;
    }
    if (options.echo) process.stderr.write(line);
    try {
      const lineBytes = Buffer.byteLength(line);
      const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
      if (size > 0 && size + lineBytes > maxBytes) rotateIfFull(lineBytes);
    } catch {
      // A rotation that failed leaves the file as it is; the line is still written below.
    }
    try {
      appendFileSync(file, line, { mode: 0o600 });
    } catch {
      // Logging must never take the app down.
    }
  };

  return {
    folder,
    file,
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
    tail: (count) => readTail(file, keep, count),
  };
}

/** The last `count` lines of `file` and its rotated predecessors, oldest first. */
export function readTail(file: string, keep: number, count: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i <= keep && lines.length < count; i++) {
    const text = readEnd(i === 0 ? file : `${file}.${i}`);
    if (text === null) continue;
    const fileLines = text.split('\n').filter((l) => l.length > 0);
    lines.unshift(...fileLines.slice(-(count - lines.length)));
  }
  return lines;
}

function readEnd(file: string): string | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const size = statSync(file).size;
    const length = Math.min(size, TAIL_READ_BYTES);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const text = buffer.toString('utf8');
    // A read that starts mid-file drops its first, partial line.
    return length < size ? text.slice(text.indexOf('\n') + 1) : text;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
