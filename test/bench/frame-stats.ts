/**
 * Frame figures of the browser benchmarks (renderer, devices): what the page's frame probe
 * (frame-probe.js) measured, summed up and printed the same way by every benchmark.
 */

/** What `window.__frames` gives: rAF intervals, per-frame main-thread work, LoAF durations (ms). */
export interface FrameSample {
  intervals: number[];
  work: number[];
  loaf: number[];
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const ms = (v: number): string => `${v.toFixed(1)} ms`;

/** The heading printed above the lines of `describeFrames`. */
export const FRAMES_LEGEND =
  'frames (interval = requestAnimationFrame timestamps at 60 Hz; work = main-thread time of each frame; missed = interval > 25 ms; LoAF = long animation frames ≥ 50 ms)';

/** Two samples as one (their counts and durations together). */
export function mergeFrames<T extends FrameSample>(a: T, b: T): FrameSample {
  return {
    intervals: [...a.intervals, ...b.intervals],
    work: [...a.work, ...b.work],
    loaf: [...a.loaf, ...b.loaf],
  };
}

/**
 * Prints one line of figures for a sample, `rates` (events per second, already formatted) at
 * its end, and returns the p95s the budgets are judged on.
 */
export function describeFrames(label: string, r: FrameSample, rates: string): { p95: number; workP95: number } {
  const p95 = percentile(r.intervals, 95);
  const workP95 = percentile(r.work, 95);
  const missed = r.intervals.filter((v) => v > 25).length;
  console.log(
    `  ${label.padEnd(34)} ${String(r.intervals.length).padStart(5)} frames  interval p50 ${ms(percentile(r.intervals, 50))} p95 ${ms(p95)} p99 ${ms(percentile(r.intervals, 99))} max ${ms(Math.max(...r.intervals))}` +
      `  missed ${missed} (${((100 * missed) / Math.max(1, r.intervals.length)).toFixed(1)} %)  work p50 ${ms(percentile(r.work, 50))} p95 ${ms(workP95)}  LoAF ${r.loaf.length}  ${rates}`,
  );
  return { p95, workP95 };
}

/**
 * The 60 fps budget: p95 interval and p95 work within a frame. A frame delivered on every vsync
 * shows as 16.7 ± 0.1 ms (timestamp jitter), hence the tolerance on the interval.
 */
export function meetsFrameBudget(figures: { p95: number; workP95: number }, budgetMs: number): boolean {
  return figures.p95 <= budgetMs + 0.2 && figures.workP95 <= budgetMs;
}
