import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { AppError } from '../../../electron/shared/errors';
import type { Settings, SettingsPatch } from '../../../electron/shared/contract';
import { call, on } from '../bridge';
import { localeFor, setLocale, type Locale } from '../i18n';

export type ThemeChoice = Settings['theme'];

const DARK_QUERY = '(prefers-color-scheme: dark)';

/**
 * Language, theme, polling intervals and the default technician name. The backend owns the
 * settings (the app menu can change them too); this store mirrors them and applies language
 * and theme to the document the moment they change.
 */
export const useSettingsStore = defineStore('settings', () => {
  const settings = shallowRef<Settings | null>(null);
  const error = shallowRef<AppError | null>(null);
  const saving = ref(false);
  const systemDark = ref(typeof matchMedia === 'function' ? matchMedia(DARK_QUERY).matches : false);
  let off: (() => void) | null = null;

  /** The language setting as chosen ("system" follows the system's preferred languages). */
  const languageChoice = computed<Settings['language']>(() => settings.value?.language ?? 'system');
  /** The UI language it resolves to. */
  const language = computed<Locale>(() => localeFor(languageChoice.value));
  const theme = computed<ThemeChoice>(() => settings.value?.theme ?? 'system');
  const resolvedTheme = computed<'light' | 'dark'>(() =>
    theme.value === 'system' ? (systemDark.value ? 'dark' : 'light') : theme.value,
  );

  watch(resolvedTheme, (value) => document.documentElement.setAttribute('data-theme', value), { immediate: true });
  watch(language, (value) => setLocale(value), { immediate: true });

  if (typeof matchMedia === 'function') {
    matchMedia(DARK_QUERY).addEventListener?.('change', (e) => (systemDark.value = e.matches));
  }

  /**
   * Language and theme changes the backend has not confirmed yet, oldest first. They stay on top
   * of every answer until their own arrives: a language answer sent before the theme was
   * clicked must not put the old theme back (the radio flicked back and the page went light
   * again for a moment).
   */
  const pending = new Map<number, Pick<SettingsPatch, 'language' | 'theme'>>();
  let nextPatch = 0;
  const withPending = (base: Settings): Settings => {
    let value = base;
    for (const p of pending.values())
      value = { ...value, ...(p.language ? { language: p.language } : {}), ...(p.theme ? { theme: p.theme } : {}) };
    return value;
  };
  /** The backend's settings as last heard (answers and `settings:changed`). */
  let confirmed: Settings | null = null;
  const confirm = (next: Settings) => {
    confirmed = next;
    settings.value = withPending(next);
  };

  async function load(): Promise<void> {
    off ??= on('settings:changed', confirm);
    const result = await call('settings:get', {});
    if (result.ok) confirm(result.value);
    else error.value = result.error;
  }

  async function update(patch: SettingsPatch): Promise<boolean> {
    saving.value = true;
    // Language and theme take effect at once; the backend confirms (or the old value returns).
    const id = nextPatch++;
    if (patch.language || patch.theme) {
      pending.set(id, { language: patch.language, theme: patch.theme });
      if (settings.value) settings.value = withPending(settings.value);
    }
    const result = await call('settings:set', patch);
    pending.delete(id);
    saving.value = pending.size > 0;
    if (result.ok) {
      confirm(result.value);
      error.value = null;
      return true;
    }
    if (confirmed) settings.value = withPending(confirmed);
    error.value = result.error;
    return false;
  }

  return { settings, error, saving, systemDark, languageChoice, language, theme, resolvedTheme, load, update };
});
