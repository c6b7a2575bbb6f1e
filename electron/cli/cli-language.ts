import { InvalidArgumentError } from 'commander';
import { translator, type Translator } from '../core/i18n';
import { resolveLanguage, UI_LANGUAGES, type UiLanguage } from '../shared/language';
import type { CliIo } from './io';

/** The CLI's language from the POSIX locale variables, most specific first (`zh_CN.UTF-8` → zh-CN). */
export function cliLanguage(env: Readonly<Record<string, string | undefined>>): UiLanguage {
  const tags = [env.LC_ALL, env.LC_MESSAGES, env.LANG].filter((v): v is string => !!v && v !== 'C' && v !== 'POSIX');
  return resolveLanguage('system', tags);
}

/** `--lang`'s value: one of the UI languages, in any letter case. */
export function parseLang(value: string): UiLanguage {
  const found = findLanguage(value);
  if (!found) throw new InvalidArgumentError(`expected one of ${UI_LANGUAGES.join(', ')}`);
  return found;
}

function findLanguage(value: string): UiLanguage | undefined {
  const v = value.trim().toLowerCase();
  return UI_LANGUAGES.find((l) => l.toLowerCase() === v);
}

/**
 * `--lang` read from the command line before the commands parse it, so that everything a run
 * writes (its own errors included) is in one language. An invalid value is left to the parser,
 * which refuses it with a usage error.
 */
export function languageFromArgv(argv: readonly string[]): UiLanguage | undefined {
  let found: UiLanguage | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg === '--lang' && argv[i + 1] !== undefined) found = findLanguage(argv[++i]!) ?? found;
    else if (arg.startsWith('--lang=')) found = findLanguage(arg.slice(7)) ?? found;
  }
  return found;
}

/**
 * The words for what a command tells a person: in `--lang`, else the locale variables'
 * language (LC_ALL, LC_MESSAGES, LANG), else English. Machine output (--json, CSV) never goes
 * through this.
 */
export function cliText(io: Pick<CliIo, 'env' | 'language'>): Translator {
  return translator(io.language ?? cliLanguage(io.env));
}
