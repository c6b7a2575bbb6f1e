import type { Readable } from 'node:stream';

/**
 * Where a command reads and writes. Commands take this instead of touching `process` so tests
 * can run them in-process and capture exactly what a user would see.
 */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  stdin: Readable;
  /** Whether stdout is a terminal (tables and bars) or a pipe (plain lines). */
  isTty: boolean;
  /** Where a command reports its exit code (see exit-codes.ts); never call process.exit. */
  setExitCode(code: number): void;
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
