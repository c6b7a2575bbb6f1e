import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../electron/cli/io';
import { runCli } from '../../electron/cli/program';

export interface CliRun {
  code: number;
  out: string;
  err: string;
  /** stdout parsed as JSON (throws if it is not one document). */
  json<T = Record<string, unknown>>(): T;
}

/**
 * The home folder of every run that names none: a command without `--data-dir` logs its hub
 * failures to the default data folder's cli.log, which must be neither the checkout (the working
 * directory, the fallback without HOME) nor the user's own.
 */
const HARNESS_HOME = path.join(tmpdir(), 'hk-cli-harness-home');

/** Runs `hubkeeper <argv>` in-process with its own environment and stdin, capturing output. */
export async function cli(
  argv: string[],
  opts: { env?: Record<string, string>; stdin?: string } = {},
): Promise<CliRun> {
  let out = '';
  let err = '';
  const stdin = new PassThrough();
  if (opts.stdin !== undefined) stdin.end(opts.stdin);
  const io: CliIo = {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    env: { HOME: HARNESS_HOME, ...(opts.env ?? { HUBKEEPER_PASSWORD: 'Admin' }) },
    stdin,
    isTty: false,
    setExitCode: () => {},
  };
  const code = await runCli(argv, io);
  return { code, out, err, json: <T>() => JSON.parse(out) as T };
}
