import type { Readable } from 'node:stream';
import type { UiLanguage } from '../shared/language';
import { isTerminalControl, terminalSafe } from './terminal-text';

/**
 * Where a command reads and writes. Commands take this instead of touching `process` so tests
 * can run them in-process and capture exactly what a user would see.
 */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  /** The command line's `--lang`, if it had one (cli-language.ts `cliText` falls back to LANG). */
  language?: UiLanguage;
  stdin: Readable;
  /** Whether stdout is a terminal (tables and bars) or a pipe (plain lines). */
  isTty: boolean;
  /** Where a command reports its exit code (see exit-codes.ts); never call process.exit. */
  setExitCode(code: number): void;
  /**
   * The CLI's own cursor and line controls (see terminal-text.ts `isTerminalControl`), written
   * as they are. Absent on a raw io; `writeControl` falls back to `out`/`err` there.
   */
  control?(stream: 'out' | 'err', sequence: string): void;
}

/** Writes one of the CLI's own control sequences (never text) to `stream`. */
export function writeControl(io: CliIo, stream: 'out' | 'err', sequence: string): void {
  if (!isTerminalControl(sequence)) throw new Error(`not a terminal control sequence: ${JSON.stringify(sequence)}`);
  if (io.control) io.control(stream, sequence);
  else io[stream](sequence);
}

/**
 * `io` with everything written to `out` and `err` made terminal-safe (terminal-text.ts), the
 * one point where text leaves for the terminal: no command can forget it. JSON documents pass
 * unchanged (writeJson escapes what a terminal would act on). Only `control` writes escape
 * sequences, and it takes nothing but the CLI's own.
 */
export function terminalIo(io: CliIo): CliIo {
  return {
    ...io,
    out: (text) => io.out(terminalSafe(text)),
    err: (text) => io.err(terminalSafe(text)),
    control: (stream, sequence) => {
      if (!isTerminalControl(sequence)) throw new Error(`not a terminal control sequence: ${JSON.stringify(sequence)}`);
      io[stream](sequence);
    },
  };
}

export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
    stdin: process.stdin,
    isTty: Boolean(process.stdout.isTTY),
    setExitCode: (code) => {
      process.exitCode = code;
    },
  };
}
