import { readFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { settingsSchema, type Settings, type SettingsPatch } from '../../shared/contract';
import { ok, type Result } from '../../shared/errors';
import { DEFAULT_MONITOR_CONFIG } from '../../shared/monitor';
import type { SettingsPort } from './ports';

export const DEFAULT_SETTINGS: Settings = {
  monitor: { ...DEFAULT_MONITOR_CONFIG },
  language: 'en',
  theme: 'system',
  technician: '',
};

export const SETTINGS_FILE = 'settings.json';

/**
 * The app's settings, one JSON file in the data folder written atomically. A damaged or older
 * file never stops the app: every field that still validates is kept, the rest falls back to
 * its default.
 */
export async function loadSettings(dataDir: string): Promise<Settings> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path.join(dataDir, SETTINGS_FILE), 'utf8'));
  } catch {
    return structuredClone(DEFAULT_SETTINGS);
  }
  const whole = settingsSchema.safeParse(raw);
  if (whole.success) return whole.data;
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const monitorRaw = (value.monitor && typeof value.monitor === 'object' ? value.monitor : {}) as Record<
    string,
    unknown
  >;
  const monitor = { ...DEFAULT_SETTINGS.monitor };
  for (const key of Object.keys(monitor) as (keyof typeof monitor)[]) {
    const field = settingsSchema.shape.monitor.shape[key].safeParse(monitorRaw[key]);
    if (field.success) monitor[key] = field.data;
  }
  const pick = <K extends 'language' | 'theme' | 'technician'>(key: K): Settings[K] => {
    const field = settingsSchema.shape[key].safeParse(value[key]);
    return field.success ? (field.data as Settings[K]) : DEFAULT_SETTINGS[key];
  };
  return { monitor, language: pick('language'), theme: pick('theme'), technician: pick('technician') };
}

export class SettingsService implements SettingsPort {
  private listeners = new Set<(settings: Settings) => void>();

  constructor(
    private readonly dataDir: string,
    private current: Settings,
  ) {}

  static async open(dataDir: string): Promise<SettingsService> {
    return new SettingsService(dataDir, await loadSettings(dataDir));
  }

  get(): Settings {
    return structuredClone(this.current);
  }

  async set(patch: SettingsPatch): Promise<Result<Settings>> {
    const next: Settings = {
      ...this.current,
      ...(patch.language !== undefined ? { language: patch.language } : {}),
      ...(patch.theme !== undefined ? { theme: patch.theme } : {}),
      ...(patch.technician !== undefined ? { technician: patch.technician } : {}),
      monitor: { ...this.current.monitor, ...(patch.monitor ?? {}) },
    };
    const checked = settingsSchema.safeParse(next);
    if (!checked.success)
      return {
        ok: false,
        error: { code: 'BAD_INPUT', hubCode: null, message: checked.error.issues[0]?.message ?? 'Invalid settings.' },
      };
    await writeFileAtomic(path.join(this.dataDir, SETTINGS_FILE), JSON.stringify(checked.data, null, 2));
    this.current = checked.data;
    for (const listener of this.listeners) listener(this.get());
    return ok(this.get());
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
