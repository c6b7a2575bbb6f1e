import { parseBenchArgs } from '../bench-args';

/** Command-line options of the renderer benchmark (run.ts). */

export interface RendererBenchArgs {
  hubs: number;
  seconds: number;
  build: boolean;
  strict: boolean;
}

/** The largest fleet the benchmark runs (the inventory the issue measures: 5,000 hubs). */
export const MAX_RENDERER_HUBS = 5000;

/**
 * The benchmark's own loopback range, 127.81.0.0/16: 5,000 hubs from 127.81.0.1 end at
 * 127.81.19.136, and nothing else (tests, the other benchmarks) binds in 127.81.0.0/16.
 */
export const RENDERER_FROM = '127.81.0.1';

export function parseRendererArgs(argv: string[]): RendererBenchArgs {
  return parseBenchArgs(
    argv,
    {
      hubs: { default: 500, min: 1, max: MAX_RENDERER_HUBS, round: true },
      seconds: { default: 60, min: 4, max: 600 },
    },
    'test/bench/renderer/run.ts',
  );
}
