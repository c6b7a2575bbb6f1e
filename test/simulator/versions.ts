import { createHash } from 'node:crypto';

/**
 * The published firmware versions a simulated hub knows about: 50 entries, newest first.
 * The four newest carry the seed example's digests and dates verbatim; the rest are generated
 * deterministically so every run (and every hub) serves the same history.
 */

export interface PublishedVersion {
  version: string;
  digest: string;
  isExpr: boolean;
  /** Release time, Unix seconds. */
  date: number;
}

const SEED: PublishedVersion[] = [
  {
    version: '2.1.28',
    digest: 'a487eef9d3e5a81ef9ff8deb143e61a086bc01196d1dce8ff1a1424aff9e44b3',
    isExpr: true,
    date: 1693884985,
  },
  {
    version: '2.1.27',
    digest: '7cd2737135b7e826d44fa9ceae65c72bd84520b0899bafe7f912cd6bda5385e5',
    isExpr: true,
    date: 1693788867,
  },
  {
    version: '2.1.26',
    digest: '550c2abaa1453ddb912ebc6d7b5233a046006b6c1c546115507e2084c8258bca',
    isExpr: true,
    date: 1693381926,
  },
  {
    version: '2.1.25',
    digest: '53ecb3892f3090591012dfb1387dcf0562ebe5f41589a8a75151da556e56dc40',
    isExpr: true,
    date: 1693373940,
  },
];

export const NEWEST_VERSION = '2.1.28';
export const PREVIOUS_VERSION = '2.1.27';
export const TOTAL_VERSIONS = 50;

function generate(): PublishedVersion[] {
  const list = [...SEED];
  // 2.1.24 … 2.1.0, then 2.0.20 … 2.0.0: 25 + 21 = 46 more, 50 in all.
  const names: string[] = [];
  for (let b = 24; b >= 0; b--) names.push(`2.1.${b}`);
  for (let b = 20; b >= 0; b--) names.push(`2.0.${b}`);
  let date = SEED[SEED.length - 1]!.date;
  names.forEach((version, i) => {
    // Releases roughly every 6–12 days, deterministic.
    date -= 86_400 * (6 + ((i * 7) % 7)) + 3_600 * (i % 5);
    const digest = createHash('sha256').update(`magewell-control-hub-${version}`).digest('hex');
    list.push({ version, digest, isExpr: version.startsWith('2.1.'), date });
  });
  return list;
}

export const PUBLISHED: readonly PublishedVersion[] = Object.freeze(generate());

export function findVersion(version: string): PublishedVersion | undefined {
  return PUBLISHED.find((v) => v.version === version);
}

/** A version entry as the hub serves it (kebab-case). */
export function versionEntry(v: PublishedVersion): Record<string, unknown> {
  return { version: v.version, digest: v.digest, 'is-expr': v.isExpr, date: v.date };
}

/**
 * One page of the newest-first list. Sequence numbers are positions with the newest at 0
 * (the seed's default page starts at 1, just below the newest).
 */
export function page(start: number, count: number): Record<string, unknown>[] {
  return PUBLISHED.slice(start, start + count).map(versionEntry);
}
