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

/**
 * The state word decoded. The result is shared and frozen: a hub reports the same few words
 * poll after poll, so one object per word spares every poll the decoding and lets the
 * monitor's diff see "unchanged" by identity instead of comparing the name lists.
 */
export function decodeState(code: number): StateInfo {
  // Bit operations in JS are 32-bit signed; `>>> 0` keeps large masks positive.
  const value = code >>> 0;
  const known = decoded.get(value);
  if (known) return known;
  const names: StateName[] =
    value === 0 ? ['idle'] : STATE_BITS.filter(([bit]) => (value & bit) !== 0).map(([, n]) => n);
  Object.freeze(names);
  const info: StateInfo = Object.freeze({
    code: value,
    hex: `0x${value.toString(16)}`,
    names,
    unknownBits: (value & ~KNOWN_MASK) >>> 0,
  });
  // Bounded: a hub sending ever-new words (garbage) cannot grow it without end.
  if (decoded.size >= MAX_DECODED) decoded.clear();
  decoded.set(value, info);
  return info;
}

const MAX_DECODED = 256;
const decoded = new Map<number, StateInfo>();

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

const BUSY = new Set<string>(BUSY_STATES);

export function isBusy(state: { names: readonly string[]; unknownBits: number }): boolean {
  return state.unknownBits !== 0 || state.names.some((n) => BUSY.has(n));
}
