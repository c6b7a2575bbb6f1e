import { createI18n } from 'vue-i18n';
import { resolveLanguage, type LanguageChoice } from '../../../electron/shared/language';
import { en } from '../../../electron/shared/i18n/en';
import { zhCN } from '../../../electron/shared/i18n/zh-CN';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** The system's preferred languages, most preferred first (the browser's, or Electron's for its window). */
function systemLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/** The UI language for the language setting ("system" until the settings have loaded). */
export function localeFor(choice: LanguageChoice): Locale {
  return resolveLanguage(choice, systemLanguages());
}

function initialLocale(): Locale {
  return localeFor('system');
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'en',
  messages: { en, 'zh-CN': zhCN },
  missingWarn: false,
  fallbackWarn: false,
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  if (typeof document !== 'undefined') document.documentElement.setAttribute('lang', locale);
}
