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

  async function load(): Promise<void> {
    off ??= on('settings:changed', (next) => (settings.value = next));
    const result = await call('settings:get', {});
    if (result.ok) settings.value = result.value;
    else error.value = result.error;
  }

  async function update(patch: SettingsPatch): Promise<boolean> {
    saving.value = true;
    // Language and theme take effect at once; the backend confirms (or the old value returns).
    const before = settings.value;
    if (before && (patch.language || patch.theme)) {
      settings.value = {
        ...before,
        ...(patch.language ? { language: patch.language } : {}),
        ...(patch.theme ? { theme: patch.theme } : {}),
      };
    }
    const result = await call('settings:set', patch);
    saving.value = false;
    if (result.ok) {
      settings.value = result.value;
      error.value = null;
      return true;
    }
    settings.value = before;
    error.value = result.error;
    return false;
  }

  return { settings, error, saving, systemDark, languageChoice, language, theme, resolvedTheme, load, update };
});
