import ipaddr from 'ipaddr.js';
import { fail, ok, type Result } from '../../shared/errors';

/**
 * Sweep targets: what a technician types into "Scan" — a CIDR (`192.168.1.0/24`), a range
 * (`192.168.1.10-192.168.1.80`, or `192.168.1.10-80` for the last octet), a single address, or a
 * list of those separated by commas or whitespace. IPv4 only: hubs on IPv6 are added by address.
 *
 * The limit keeps a mistyped prefix (`/16` instead of `/24`) from launching a 65 000-address
 * sweep on a customer's network; it is checked before any address is expanded.
 */
export const MAX_SWEEP_ADDRESSES = 4096;

/**
 * What kinds of address a sweep touches without asking. A technician sweeps the site's own
 * network: RFC 1918 private, link-local and loopback ranges, plus ranges that are never routed on
 * the internet (carrier-grade NAT shared space, documentation/benchmark/reserved blocks).
 * Everything else (a public address, multicast, broadcast, "this network" 0.0.0.0/8, the
 * anycast AS112/AMT blocks) means a typo or someone else's network: it needs an explicit
 * confirmation in the window and `--allow-public` in the CLI.
 */
const SWEPT_WITHOUT_ASKING: ReadonlySet<string> = new Set([
  'private',
  'linkLocal',
  'loopback',
  'carrierGradeNat',
  'reserved',
]);

export type GuardedScope = 'public' | 'multicast' | 'broadcast' | 'unspecified';

/** Why sweeping this address needs a confirmation, or null when it does not (ipaddr.js range()). */
export function guardedScope(address: number): GuardedScope | null {
  const range = new ipaddr.IPv4([address >>> 24, (address >>> 16) & 255, (address >>> 8) & 255, address & 255]).range();
  if (SWEPT_WITHOUT_ASKING.has(range)) return null;
  if (range === 'multicast' || range === 'broadcast' || range === 'unspecified') return range;
  return 'public'; // 'unicast', and the public anycast blocks (as112, amt) or any range ipaddr adds later
}

export interface SweepTargetOptions {
  /** The user confirmed a sweep of addresses outside private, link-local and loopback ranges. */
  allowPublic?: boolean;
}

export interface SweepTarget {
  /** IPv4 addresses as 32-bit unsigned integers, ascending, without duplicates. */
  addresses: number[];
}

const EXAMPLES = 'Examples: 192.168.1.0/24, 192.168.1.10-192.168.1.80, 192.168.1.10-80, 192.168.1.5,192.168.1.9';

export function ipv4ToInt(address: string): number {
  const bytes = ipaddr.IPv4.parse(address).octets;
  return ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
}

export function intToIpv4(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

function isIpv4(text: string): boolean {
  // Four decimal parts only: `127.1` and `010.0.0.1` are legal to inet_aton but are almost
  // always typos, and a sweep must hit exactly the addresses the technician meant.
  return ipaddr.IPv4.isValidFourPartDecimal(text);
}

/** One element of a target: an inclusive interval of addresses. */
interface Interval {
  first: number;
  last: number;
}

function parseElement(element: string): Result<Interval> {
  const bad = (why: string) => fail<Interval>('BAD_INPUT', `"${element}" is not a scan target: ${why}. ${EXAMPLES}.`);
  if (element.includes('/')) {
    const [base = '', prefixText = ''] = element.split('/');
    if (!isIpv4(base))
      return bad(
        base.includes(':') ? 'sweeps take IPv4 only (add IPv6 hubs by address)' : `"${base}" is not an IPv4 address`,
      );
    if (!/^\d{1,2}$/.test(prefixText) || Number(prefixText) > 32)
      return bad('the prefix length after "/" must be a number from 0 to 32');
    const prefix = Number(prefixText);
    const network = prefix === 0 ? 0 : (ipv4ToInt(base) & (~0 << (32 - prefix))) >>> 0;
    const size = 2 ** (32 - prefix);
    const broadcast = network + size - 1;
    // Network and broadcast addresses are not hosts, except in /31 (point-to-point) and /32.
    return prefix >= 31 ? ok({ first: network, last: broadcast }) : ok({ first: network + 1, last: broadcast - 1 });
  }
  if (element.includes('-')) {
    const [from = '', to = '', ...rest] = element.split('-');
    if (rest.length > 0) return bad('a range has exactly one "-"');
    if (!isIpv4(from)) return bad(`the range start "${from}" is not an IPv4 address`);
    let last: number;
    if (isIpv4(to)) last = ipv4ToInt(to);
    else if (/^\d{1,3}$/.test(to) && Number(to) <= 255) last = ((ipv4ToInt(from) & 0xffffff00) | Number(to)) >>> 0;
    else return bad(`the range end "${to}" is neither an IPv4 address nor a last octet (0–255)`);
    const first = ipv4ToInt(from);
    if (last < first) return bad('the range ends before it starts');
    return ok({ first, last });
  }
  if (isIpv4(element)) {
    const n = ipv4ToInt(element);
    return ok({ first: n, last: n });
  }
  if (element.includes(':')) return bad('sweeps take IPv4 only (add IPv6 hubs by address)');
  if (/^[\d.]+$/.test(element)) return bad('an IPv4 address has four numbers from 0 to 255, without leading zeros');
  return bad('host names cannot be swept (add a hub by name instead)');
}

/**
 * Parses a target into its addresses, refusing it whole when any part is malformed or it is too
 * big, and (unless `allowPublic`) with NOT_PERMITTED when it reaches beyond the networks a site
 * has (see guardedScope): refused before any socket exists.
 */
export function parseSweepTarget(input: string, options: SweepTargetOptions = {}): Result<SweepTarget> {
  const elements = input
    .split(/[\s,;]+/)
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (elements.length === 0) return fail('BAD_INPUT', `No scan target given. ${EXAMPLES}.`);

  const intervals: Interval[] = [];
  for (const element of elements) {
    const parsed = parseElement(element);
    if (!parsed.ok) return parsed;
    const size = parsed.value.last - parsed.value.first + 1;
    if (size > MAX_SWEEP_ADDRESSES) {
      return fail(
        'BAD_INPUT',
        `"${element}" covers ${size} addresses; a sweep covers at most ${MAX_SWEEP_ADDRESSES}. ` +
          'Scan the subnet in parts (for example one /24 at a time).',
      );
    }
    intervals.push(parsed.value);
  }
  // Overlapping elements count once: merge intervals before deciding on the limit.
  intervals.sort((a, b) => a.first - b.first);
  const merged: Interval[] = [];
  for (const iv of intervals) {
    const tail = merged[merged.length - 1];
    if (tail && iv.first <= tail.last + 1) tail.last = Math.max(tail.last, iv.last);
    else merged.push({ ...iv });
  }
  const count = merged.reduce((n, iv) => n + (iv.last - iv.first + 1), 0);
  if (count > MAX_SWEEP_ADDRESSES) {
    return fail(
      'BAD_INPUT',
      `The targets cover ${count} addresses; a sweep covers at most ${MAX_SWEEP_ADDRESSES}. Scan them in parts.`,
    );
  }
  const addresses: number[] = [];
  for (const iv of merged) for (let n = iv.first; n <= iv.last; n++) addresses.push(n);
  if (!options.allowPublic) {
    const refused = refuseGuarded(addresses);
    if (refused) return refused;
  }
  return ok({ addresses });
}

const SCOPE_WORDS: Record<GuardedScope, string> = {
  public: 'public',
  multicast: 'multicast',
  broadcast: 'broadcast',
  unspecified: 'unspecified ("this network")',
};

function refuseGuarded(addresses: readonly number[]): Result<never> | null {
  const guarded: number[] = [];
  const found = new Set<GuardedScope>();
  for (const n of addresses) {
    const scope = guardedScope(n);
    if (scope === null) continue;
    guarded.push(n);
    found.add(scope);
  }
  if (guarded.length === 0) return null;
  const scopes = [...found].map((s) => SCOPE_WORDS[s]);
  const count = guarded.length === 1 ? 'a' : `${guarded.length}`;
  const plural = guarded.length === 1 ? '' : 'es';
  return fail(
    'NOT_PERMITTED',
    `The target includes ${count} ${scopes.join('/')} address${plural} (${intToIpv4(guarded[0]!)}` +
      `${guarded.length > 1 ? ' …' : ''}), outside the private, link-local and loopback networks a site has. ` +
      'Sweeping it needs an explicit confirmation (in the CLI: --allow-public). Nothing was sent.',
  );
}

export const DEFAULT_SWEEP_PORTS: readonly number[] = [80, 443];
export const MAX_SWEEP_PORTS = 16;

/** `80,443` or `80 443 8080`: distinct ports from 1 to 65535, in the order given. */
export function parsePorts(input: string): Result<number[]> {
  const parts = input
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return fail('BAD_INPUT', 'No ports given. Example: --ports 80,443');
  const ports: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,5}$/.test(part) || Number(part) < 1 || Number(part) > 65535) {
      return fail(
        'BAD_INPUT',
        `"${part}" is not a port: ports are whole numbers from 1 to 65535. Example: --ports 80,443,8080`,
      );
    }
    if (!ports.includes(Number(part))) ports.push(Number(part));
  }
  if (ports.length > MAX_SWEEP_PORTS)
    return fail('BAD_INPUT', `${ports.length} ports given; a sweep probes at most ${MAX_SWEEP_PORTS} ports.`);
  return ok(ports);
}
