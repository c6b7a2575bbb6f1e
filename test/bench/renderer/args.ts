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
  const args: RendererBenchArgs = { hubs: 500, seconds: 60, build: true, strict: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = (name: string, min: number, max: number): number => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v < min || v > max) throw new Error(`${name} takes a number from ${min} to ${max}`);
      return v;
    };
    if (a === '--hubs') args.hubs = Math.round(num('--hubs', 1, MAX_RENDERER_HUBS));
    else if (a === '--seconds') args.seconds = num('--seconds', 4, 600);
    else if (a === '--no-build') args.build = false;
    else if (a === '--strict') args.strict = true;
    else throw new Error(`unknown option ${a} (see the top of test/bench/renderer/run.ts)`);
  }
  return args;
}
