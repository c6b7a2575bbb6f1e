import type { Timing } from './types';

/** Demo-friendly phase durations: an update takes about half a minute end to end. */
export const DEFAULT_TIMING: Readonly<Timing> = Object.freeze({
  leadMs: 3_000,
  checkMs: 2_000,
  downloadMs: 12_000,
  verifyMs: 3_000,
  uploadMs: 6_000,
  cancelMs: 2_000,
  restartNoticeMs: 1_500,
  restartMs: 8_000,
});

export function resolveTiming(...parts: (Partial<Timing> | undefined)[]): Timing {
  const out: Timing = { ...DEFAULT_TIMING };
  for (const part of parts) {
    if (!part) continue;
    for (const [key, value] of Object.entries(part) as [keyof Timing, number | undefined][]) {
      if (value === undefined) continue;
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new TypeError(
          `simulator timing.${key} must be a finite number of milliseconds ≥ 0, got ${String(value)}`,
        );
      }
      out[key] = value;
    }
  }
  return out;
}
