import { resolveLanguage, type LanguageChoice, type UiLanguage } from '../shared/language';

/**
 * The language of every word the main process shows itself (menu, message boxes, file dialogs,
 * notifications, the context menu): the language setting, "system" resolved against the
 * system's preferred languages. Read each time something is shown, so a change of the setting
 * (or of the system's languages) applies to the next dialog without a restart.
 */
export interface MainLanguage {
  /** The language to speak now. */
  current(): UiLanguage;
  /** From now on follow this setting (until then: the system's language). */
  follow(setting: () => LanguageChoice): void;
}

/**
 * One per app, made before anything can go wrong: the startup error box speaks the system's
 * language (the settings may be what failed to load); once the backend is up, the setting decides.
 */
export function mainLanguage(systemLanguages: () => readonly string[]): MainLanguage {
  let setting: () => LanguageChoice = () => 'system';
  return {
    current: () => resolveLanguage(setting(), systemLanguages()),
    follow(next) {
      setting = next;
    },
  };
}
