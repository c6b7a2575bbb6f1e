import { translator, type Translator } from '../core/i18n';
import type { AppError, ErrorCode, Result } from '../shared/errors';
import type { MessageKey } from '../shared/i18n/keys';

/**
 * Words of the message catalogue, put into a language only when they are written: a parameter
 * may itself be words, translated in the same language ("{what} did not finish" with `what`
 * "Reading the update status of {hub}").
 */
export interface Words {
  readonly key: MessageKey;
  readonly params?: Readonly<Record<string, string | number | Words>>;
}

export function say(t: Translator, words: Words): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(words.params ?? {}))
    params[name] = typeof value === 'object' ? say(t, value) : value;
  return t.t(words.key, params);
}

/**
 * An error the CLI made itself. `message` is English, as every AppError's (it goes into --json
 * and logs, which are never translated); `words` say the same to a person in the run's language.
 */
export interface CliError extends AppError {
  readonly words?: Words;
}

const english = translator('en');

export function cliError(code: ErrorCode, words: Words): CliError {
  return { code, hubCode: null, message: say(english, words), words };
}

export function cliFail<T = never>(code: ErrorCode, words: Words): Result<T> {
  return { ok: false, error: cliError(code, words) };
}
