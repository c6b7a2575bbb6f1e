import { InvalidArgumentError, Option, type Command } from 'commander';
import { normalisePin } from '../core/hub/pin';
import { ok, type Result } from '../shared/errors';
import { translator, type Translator } from '../core/i18n';
import { cliFail } from './cli-words';
import type { CliIo } from './io';

/** Default bound on a whole command, in seconds (issue 2: `--timeout <seconds>`, default 10). */
export const DEFAULT_TIMEOUT_SECONDS = 10;
export const DEFAULT_USER = 'Admin';
export const PASSWORD_ENV = 'HUBKEEPER_PASSWORD';

/** Options every command that talks to a hub shares. */
export interface HubCommandOptions {
  user: string;
  passwordStdin?: boolean;
  pin?: string;
  /** Milliseconds, already validated. */
  timeout: number;
  json?: boolean;
  /** The data folder of a command that takes `--data-dir` (where its cli.log goes). */
  dataDir?: string;
}

/** Commander parser: seconds (fractions allowed) → milliseconds, bounded to one hour. */
export function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(value) || !Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new InvalidArgumentError('expected a number of seconds between 0 and 3600, e.g. 10 or 2.5');
  }
  return Math.round(seconds * 1000);
}

/** Commander parser: a non-negative integer (paging, counts). */
export function parseNonNegativeInt(value: string): number {
  if (!/^\s*\d{1,9}\s*$/.test(value)) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return Number(value);
}

/** Commander parser: a positive integer. */
export function parsePositiveInt(value: string): number {
  const n = parseNonNegativeInt(value);
  if (n === 0) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}

/** Commander parser for `--pin`: normalised `sha256:<hex>` or a clear error. */
export function parsePinOption(value: string): string {
  const pin = normalisePin(value);
  if (!pin.ok) throw new InvalidArgumentError(pin.error.message);
  return pin.value;
}

const ENGLISH = translator('en');

/**
 * Adds `--user`, `--password-stdin`, `--pin`, `--timeout` and `--json` to a command, described in
 * `t`'s language. The password is deliberately not an option: arguments show up in `ps` and
 * shell history.
 */
export function addHubOptions(command: Command, t: Translator = ENGLISH): Command {
  return command
    .option('--user <name>', t.t('cliHub.help.user'), DEFAULT_USER)
    .option('--password-stdin', t.t('cliHub.help.passwordStdin', { env: PASSWORD_ENV }))
    .option('--pin <sha256:hex>', t.t('cliHub.help.pin'), parsePinOption)
    .addOption(timeoutOption(t.t('cliHub.help.timeout')))
    .option('--json', t.t('cliHub.help.json'));
}

/** `--timeout <seconds>`, parsed to milliseconds, default DEFAULT_TIMEOUT_SECONDS. */
export function timeoutOption(description = ENGLISH.t('cliHub.help.timeout')): Option {
  return new Option('--timeout <seconds>', description)
    .argParser(parseSeconds)
    .default(DEFAULT_TIMEOUT_SECONDS * 1000, String(DEFAULT_TIMEOUT_SECONDS));
}

const MAX_PASSWORD_BYTES = 4096;

/** Reads stdin up to the first line break, bounded in size; rejects on an over-long input. */
function readFirstLine(io: CliIo): Promise<Result<string>> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: Result<string>): void => {
      io.stdin.off('data', onData);
      io.stdin.off('end', onEnd);
      io.stdin.off('error', onError);
      io.stdin.pause();
      resolve(result);
    };
    const text = (): string => Buffer.concat(chunks).toString('utf8');
    const onData = (chunk: Buffer | string): void => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      chunks.push(buf);
      size += buf.length;
      const all = text();
      const nl = all.search(/\r?\n/);
      if (nl >= 0) finish(ok(all.slice(0, nl)));
      else if (size > MAX_PASSWORD_BYTES) finish(cliFail('BAD_INPUT', { key: 'cliHub.password.tooLong' }));
    };
    const onEnd = (): void => finish(ok(text()));
    const onError = (e: Error): void =>
      finish(cliFail('BAD_INPUT', { key: 'cliHub.password.unreadable', params: { reason: e.message } }));
    io.stdin.on('data', onData);
    io.stdin.on('end', onEnd);
    io.stdin.on('error', onError);
    io.stdin.resume();
  });
}

/**
 * The password, from `--password-stdin` or the environment. There is no silent default:
 * Magewell ships `Admin`/`Admin`, but guessing passwords at a customer's hub is not ours to do,
 * so the error says how to pass the factory default explicitly.
 */
export async function readPassword(
  opts: { passwordStdin?: boolean; user: string },
  io: CliIo,
): Promise<Result<string>> {
  if (opts.passwordStdin) {
    const line = await readFirstLine(io);
    if (!line.ok) return line;
    if (line.value === '')
      return cliFail('BAD_INPUT', {
        key: 'cliHub.password.empty',
        params: { example: '`printf %s "$PW" | hubkeeper … --password-stdin`' },
      });
    return line;
  }
  const fromEnv = io.env[PASSWORD_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return ok(fromEnv);
  return cliFail('BAD_INPUT', { key: 'cliHub.password.none', params: { user: opts.user, env: PASSWORD_ENV } });
}
