import {
  compile,
  createCoreContext,
  fallbackWithLocaleChain,
  registerLocaleFallbacker,
  registerMessageCompiler,
  registerMessageResolver,
  resolveValue,
  translate,
  type CoreContext,
  type LocaleMessage,
} from '@intlify/core-base';
import { MESSAGES } from '../../shared/i18n/catalogue';
import type { MessageKey, MessageParams } from '../../shared/i18n/keys';
import type { UiLanguage } from '../../shared/language';

/** Words in one language for the main process, reports and the CLI (the window has vue-i18n). */
export interface Translator {
  readonly language: UiLanguage;
  /** The message at `key` with its `{params}` filled in; `{count}` picks the plural form. */
  t(key: MessageKey, params?: MessageParams): string;
}

// vue-i18n's own message engine, so a message reads the same in the window, the menu and the
// terminal: same syntax, same plural rule ("1 hub | {count} hubs"), same fallback to English.
registerMessageCompiler(compile);
registerMessageResolver(resolveValue);
registerLocaleFallbacker(fallbackWithLocaleChain);

const contexts = new Map<UiLanguage, CoreContext>();

function contextFor(language: UiLanguage): CoreContext {
  let context = contexts.get(language);
  if (!context) {
    context = createCoreContext({
      locale: language,
      fallbackLocale: 'en',
      messages: MESSAGES as unknown as Record<string, LocaleMessage<string>>,
      missingWarn: false,
      fallbackWarn: false,
    }) as CoreContext;
    contexts.set(language, context);
  }
  return context;
}

export function translator(language: UiLanguage): Translator {
  const context = contextFor(language);
  return {
    language,
    t: (key, params) => String(translate(context, key, { ...params })),
  };
}
