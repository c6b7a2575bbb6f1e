import { assertLoopback, startHub, type SimulatedHub } from './hub';
import { generateCertificate, type Certificate } from './tls-certs';
import type { HubOptions } from './types';

/**
 * Many hubs in one process, on consecutive loopback addresses (127.0.0.2, 127.0.0.3, …), all
 * on the same fixed port or each on a random one.
 */

export interface FleetOptions extends Omit<HubOptions, 'host' | 'https' | 'certificate'> {
  count: number;
  /** First address; default 127.0.0.2. */
  from?: string;
  /** true, false, or 'mixed' (even-numbered hubs HTTP, odd-numbered HTTPS). */
  https?: boolean | 'mixed';
  /** HTTPS hubs share one certificate (default, fast) or each get their own. */
  sharedCertificate?: boolean;
}

export interface Fleet {
  hubs: SimulatedHub[];
  stop(): Promise<void>;
}

/** The benchmarks run up to 5,000 hubs; the limit keeps a typo from binding hundreds of thousands of sockets. */
export const MAX_FLEET = 5000;

/** The n-th address after `from`, staying inside 127.0.0.0/8. */
export function nthAddress(from: string, n: number): string {
  assertLoopback(from);
  const [a, b, c, d] = from.split('.').map(Number) as [number, number, number, number];
  const value = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d + n;
  if (value >>> 24 !== 127) throw new RangeError(`fleet from ${from} with ${n + 1} hubs runs past 127.255.255.255`);
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const { count, from = '127.0.0.2', https = false, sharedCertificate = true, ...hubOptions } = options;
  if (!Number.isInteger(count) || count < 1 || count > MAX_FLEET)
    throw new RangeError(`fleet count must be 1–${MAX_FLEET}, got ${String(count)}`);
  nthAddress(from, count - 1); // validates the whole range before binding anything
  const isHttps = (i: number) => (https === 'mixed' ? i % 2 === 1 : https);
  let shared: Certificate | undefined;
  if (sharedCertificate && (https === true || (https === 'mixed' && count > 1))) shared = await generateCertificate();

  const started = await Promise.allSettled(
    Array.from({ length: count }, (_, i) =>
      // 100 recorded requests per hub: 500 hubs polled for hours must not hold millions of entries.
      startHub({
        maxRecordedRequests: 100,
        ...hubOptions,
        host: nthAddress(from, i),
        https: isHttps(i),
        certificate: isHttps(i) ? shared : undefined,
      }),
    ),
  );
  const hubs = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.all(hubs.map((h) => h.stop()));
    throw failed.reason;
  }
  return {
    hubs,
    stop: async () => {
      await Promise.all(hubs.map((h) => h.stop()));
    },
  };
}
