/**
 * The UI languages and the "follow the system" choice. Zod-free so the renderer, main's menu
 * and the CLI use the same rule.
 */
export const UI_LANGUAGES = ['en', 'zh-CN'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** What the user picks: a language, or "system" (the default: the first start follows the OS). */
export const LANGUAGE_CHOICES = ['system', ...UI_LANGUAGES] as const;
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];

/**
 * The UI language for a choice: a fixed language as it is; "system" the first of the system's
 * preferred languages (BCP 47 tags, most preferred first: Electron's
 * `app.getPreferredSystemLanguages()`, the browser's `navigator.languages`, the CLI's `LANG`)
 * that Hubkeeper speaks. Any Chinese (zh, zh-CN, zh-Hans-CN, zh-TW) reads Simplified Chinese,
 * the only Chinese there is; nothing spoken falls back to English.
 */
export function resolveLanguage(choice: LanguageChoice, preferred: readonly string[]): UiLanguage {
  if (choice !== 'system') return choice;
  for (const tag of preferred) {
    const primary = tag
      .trim()
      .toLowerCase()
      .split(/[-_.@]/)[0];
    if (primary === 'zh') return 'zh-CN';
    if (primary === 'en') return 'en';
  }
  return 'en';
}
