import type { StateName } from '../../../electron/shared/update-state';
import type { IconName } from '../components/icons';

/** How a state looks: its colour token (see styles/theme.css `--tone-*`) and its icon. */
export interface StateLook {
  tone: Tone;
  icon: IconName;
}

export type Tone =
  'neutral' | 'info' | 'progress' | 'verify' | 'upload' | 'warn' | 'restart' | 'muted' | 'danger' | 'unknown' | 'ok';

export const STATE_LOOK: Record<StateName, StateLook> = {
  idle: { tone: 'neutral', icon: 'idle' },
  'checking-local': { tone: 'info', icon: 'search' },
  'checking-online': { tone: 'info', icon: 'globe' },
  downloading: { tone: 'progress', icon: 'download' },
  verifying: { tone: 'verify', icon: 'shield' },
  uploading: { tone: 'upload', icon: 'upload' },
  cancelling: { tone: 'warn', icon: 'cancel' },
  restarting: { tone: 'restart', icon: 'restart' },
  unavailable: { tone: 'muted', icon: 'slash' },
  failed: { tone: 'danger', icon: 'warning' },
};

/**
 * When several bits are set the badge takes the look of the most important one: a failure
 * beats everything, then what is actively happening, then the quiet states.
 */
const PRIORITY: StateName[] = [
  'failed',
  'restarting',
  'verifying',
  'downloading',
  'uploading',
  'cancelling',
  'checking-online',
  'checking-local',
  'unavailable',
  'idle',
];

export function primaryState(names: readonly string[]): StateName | null {
  for (const name of PRIORITY) if (names.includes(name)) return name;
  return null;
}
