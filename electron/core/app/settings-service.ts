import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { settingsSchema, type Settings, type SettingsPatch } from '../../shared/contract';
import { fail, ok, type Result } from '../../shared/errors';
import {
  ensurePrivateDir,
  moveAsideIfPresent,
  removeLeftoverTemporaryFiles,
  withFileLock,
  writePrivateFile,
  type DamageListener,
} from '../data-folder';
import { DEFAULT_MONITOR_CONFIG } from '../../shared/monitor';
import type { SettingsPort } from './ports';

export const DEFAULT_SETTINGS: Settings = {
  monitor: { ...DEFAULT_MONITOR_CONFIG },
  // The first start follows the operating system's language, as the theme follows its appearance.
  language: 'system',
  theme: 'system',
  technician: '',
};

export const SETTINGS_FILE = 'settings.json';

type SettingsRead = { kind: 'ok'; raw: unknown } | { kind: 'absent' } | { kind: 'damaged'; reason: string };

async function readSettingsFile(file: string): Promise<SettingsRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { kind: 'absent' };
  }
  try {
    const raw: unknown = JSON.parse(text);
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) return { kind: 'ok', raw };
    return { kind: 'damaged', reason: 'not a settings object' };
  } catch {
    return { kind: 'damaged', reason: 'not valid JSON' };
  }
}

/** Keeps every field that validates; the others take their default. */
function salvage(raw: unknown): Settings {
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

function applyPatch(current: Settings, patch: SettingsPatch): Settings {
  return {
    ...current,
    ...(patch.language !== undefined ? { language: patch.language } : {}),
    ...(patch.theme !== undefined ? { theme: patch.theme } : {}),
    ...(patch.technician !== undefined ? { technician: patch.technician } : {}),
    monitor: { ...current.monitor, ...(patch.monitor ?? {}) },
  };
}

/**
 * Several processes may share the data folder: a change takes the file's cross-process lock,
 * re-reads the file and applies the patch to what it read, so another process's change is
 * never overwritten. A file that is not JSON at all is moved aside as `.damaged-<time>`.
 */
export class SettingsService implements SettingsPort {
  private listeners = new Set<(settings: Settings) => void>();

  constructor(
    private readonly dataDir: string,
    private current: Settings,
    private readonly onDamaged: DamageListener = () => undefined,
  ) {}

  static async open(dataDir: string, options: { onDamaged?: DamageListener } = {}): Promise<SettingsService> {
    const service = new SettingsService(dataDir, structuredClone(DEFAULT_SETTINGS), options.onDamaged);
    const read = await readSettingsFile(service.file);
    if (read.kind === 'ok') service.current = salvage(read.raw);
    else if (read.kind === 'damaged') {
      // Set aside under the lock (looking again), then go on with the defaults.
      await withFileLock(service.file, () => service.readLocked()).then(
        (settings) => (service.current = settings),
        () => undefined,
      );
    }
    return service;
  }

  private get file(): string {
    return path.join(this.dataDir, SETTINGS_FILE);
  }

  get(): Settings {
    return structuredClone(this.current);
  }

  async set(patch: SettingsPatch): Promise<Result<Settings>> {
    const early = settingsSchema.safeParse(applyPatch(this.current, patch));
    if (!early.success) return fail('BAD_INPUT', early.error.issues[0]?.message ?? 'Invalid settings.');
    try {
      await ensurePrivateDir(this.dataDir);
      const saved = await withFileLock(this.file, async () => {
        const next = settingsSchema.parse(applyPatch(await this.readLocked(), patch));
        await writePrivateFile(this.file, JSON.stringify(next, null, 2));
        return next;
      });
      this.current = saved;
    } catch (error) {
      return fail('INTERNAL', `Could not save the settings to ${this.file}: ${(error as Error).message}`);
    }
    for (const listener of this.listeners) listener(this.get());
    return ok(this.get());
  }

  /** What is on disk now (call with the lock held); a damaged file is moved aside first. */
  private async readLocked(): Promise<Settings> {
    await removeLeftoverTemporaryFiles(this.file);
    const read = await readSettingsFile(this.file);
    if (read.kind === 'ok') return salvage(read.raw);
    if (read.kind === 'damaged') {
      const moved = await moveAsideIfPresent(this.file, read.reason);
      if (moved) this.onDamaged(moved);
    }
    // Absent or set aside: what this process holds is what can be trusted (defaults at start).
    return this.current;
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
