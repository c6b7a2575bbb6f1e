/**
 * Update service state bits of `/api/update/status` (`status.state`). The values are single
 * bits; a hub may report several at once or a bit we do not know, and both must be shown
 * honestly rather than coerced to idle.
 */
export const STATE_BITS = [
  [0x1, 'checking-local'],
  [0x2, 'checking-online'],
  [0x4, 'downloading'],
  [0x8, 'verifying'],
  [0x10, 'uploading'],
  [0x20, 'cancelling'],
  [0x40, 'restarting'],
  [0x100, 'unavailable'],
  [0x200, 'failed'],
] as const;

export type StateName = 'idle' | (typeof STATE_BITS)[number][1];
export const STATE_NAMES: readonly StateName[] = ['idle', ...STATE_BITS.map(([, name]) => name)];

const KNOWN_MASK = STATE_BITS.reduce((mask, [bit]) => mask | bit, 0);

export interface StateInfo {
  code: number;
  hex: string;
  names: StateName[];
  unknownBits: number;
}

export function decodeState(code: number): StateInfo {
  // Bit operations in JS are 32-bit signed; `>>> 0` keeps large masks positive.
  const value = code >>> 0;
  const names: StateName[] =
    value === 0 ? ['idle'] : STATE_BITS.filter(([bit]) => (value & bit) !== 0).map(([, n]) => n);
  return { code: value, hex: `0x${value.toString(16)}`, names, unknownBits: (value & ~KNOWN_MASK) >>> 0 };
}

/** States in which the update service is doing something and the hub deserves fast polling. */
export const BUSY_STATES: readonly StateName[] = [
  'checking-local',
  'checking-online',
  'downloading',
  'verifying',
  'uploading',
  'cancelling',
  'restarting',
];

export function isBusy(state: StateInfo): boolean {
  return state.unknownBits !== 0 || state.names.some((n) => BUSY_STATES.includes(n));
}
