import { parseArgs } from 'node:util';

/** Command-line options of the polling benchmark (bench.ts). */

export interface PollBenchArgs {
  hubs: number;
  seconds: number;
  concurrency: number;
  rounds: number;
  port: number;
  record: boolean;
}

/** The largest fleet the benchmark runs (the inventory the issue measures: 5,000 hubs). */
export const MAX_POLL_HUBS = 5000;

/**
 * The benchmark's own loopback range, 127.80.0.0/16: 5,000 hubs from 127.80.0.1 end at
 * 127.80.19.136, and nothing else (tests, the other benchmarks) binds in 127.80.0.0/16.
 */
export const POLL_FROM = '127.80.0.1';

function whole(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`--${name} takes a whole number from ${min} to ${max} (got "${text}")`);
  return value;
}

/** Refuses what it cannot run (it used to cut --hubs down to 1000 without a word). */
export function parsePollArgs(argv: string[]): PollBenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      hubs: { type: 'string', default: '500' },
      seconds: { type: 'string', default: '60' },
      concurrency: { type: 'string', default: '32' },
      rounds: { type: 'string', default: '15' },
      port: { type: 'string', default: '18481' },
      record: { type: 'boolean', default: false },
    },
  });
  return {
    hubs: whole('hubs', values.hubs, 1, MAX_POLL_HUBS),
    seconds: whole('seconds', values.seconds, 1, 600),
    concurrency: whole('concurrency', values.concurrency, 1, 1024),
    rounds: whole('rounds', values.rounds, 1, 1000),
    port: whole('port', values.port, 1, 65535),
    record: values.record,
  };
}
