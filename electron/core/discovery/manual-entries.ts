import ipaddr from 'ipaddr.js';
import { fail, ok, type Result } from '../../shared/errors';
import { parseHubUrl } from '../hub/hub-url';
import { redactUrlPassword } from '../../shared/redact-url';

/**
 * What a technician types or pastes to add hubs by hand: one entry per line or comma
 * separated, each `host`, `host:port`, `http://host[:port]`, `https://host[:port]`, an IPv6
 * literal (`fe80::1`, `[fe80::1]:8080`) or a host name. `#` starts a comment line.
 *
 * A bare host is probed on 80 and 443; a port without scheme is probed in whichever protocol
 * answers; a scheme says which protocol to try first (the probe still reports what the port
 * really speaks, so `https://` typed for a plain-HTTP hub is not an error).
 */

export type ProtocolHint = 'http' | 'https' | 'auto';

export interface ManualTarget {
  /** Canonical host: IPv4 dotted, IPv6 compressed without brackets, names lowercased. */
  host: string;
  ports: { port: number; hint: ProtocolHint }[];
}

export interface ManualEntry {
  input: string;
  /** 1-based line in the pasted text (entries split by commas share their line). */
  line: number;
  target: Result<ManualTarget>;
}

export const MAX_MANUAL_ENTRIES = 1024;
const DEFAULT_TARGET_PORTS: ManualTarget['ports'] = [
  { port: 80, hint: 'auto' },
  { port: 443, hint: 'auto' },
];

/** Canonical spelling of a host, so `HUB.local`, `hub.local.` and `hub.local` merge. */
export function canonicalHost(host: string): string {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (ipaddr.IPv6.isValid(bare) && bare.includes(':')) return ipaddr.IPv6.parse(bare).toString();
  return bare.toLowerCase().replace(/\.$/, '');
}

function invalid(input: string, why: string): Result<ManualTarget> {
  return fail(
    'BAD_INPUT',
    `"${redactUrlPassword(input)}" is not a hub address: ${why}. Examples: 192.168.1.20, 192.168.1.20:8080, https://hub.local, fe80::1, [fe80::1]:8443.`,
  );
}

export function parseManualEntry(input: string): Result<ManualTarget> {
  const text = input.trim();
  // A bare IPv6 literal has colons that are not a port separator; URLs need it in brackets.
  if (!text.includes('://') && !text.startsWith('[') && text.includes(':') && (text.match(/:/g) ?? []).length > 1) {
    if (!ipaddr.IPv6.isValid(text))
      return invalid(input, 'it is not a valid IPv6 address (write [address]:port to give a port)');
    return ok({ host: canonicalHost(text), ports: DEFAULT_TARGET_PORTS });
  }
  const parsed = parseHubUrl(text);
  if (!parsed.ok) return parsed;
  const { scheme, host, port } = parsed.value;
  // `new URL` silently turns `10.1` into 10.0.0.1 (and `0x7f.1` into 127.0.0.1); a typed
  // address must be meant exactly, so the host as typed must already be the dotted address.
  const typedHost = text
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/\/$/, '')
    .replace(/:\d+$/, '')
    .toLowerCase();
  if (ipaddr.IPv4.isValidFourPartDecimal(host) && typedHost !== host) {
    return invalid(input, 'an IPv4 address has four numbers from 0 to 255, without leading zeros');
  }
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  const hasPort = /:\d+$/.test(text.replace(/\/$/, ''));
  if (hasScheme) return ok({ host: canonicalHost(host), ports: [{ port, hint: scheme }] });
  if (hasPort) return ok({ host: canonicalHost(host), ports: [{ port, hint: 'auto' }] });
  return ok({ host: canonicalHost(host), ports: DEFAULT_TARGET_PORTS });
}

/** Splits pasted text into entries with their line numbers; refuses an empty or oversized paste. */
export function parseManualEntries(text: string): Result<ManualEntry[]> {
  const entries: ManualEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim().startsWith('#')) continue;
    for (const piece of line.split(/[,;\t]/)) {
      const input = piece.trim();
      if (input === '') continue;
      // The entry is shown back next to its outcome: never with a password typed into it.
      entries.push({ input: redactUrlPassword(input), line: index + 1, target: parseManualEntry(input) });
      if (entries.length > MAX_MANUAL_ENTRIES)
        return fail('BAD_INPUT', `More than ${MAX_MANUAL_ENTRIES} addresses pasted; add them in smaller batches.`);
    }
  }
  if (entries.length === 0)
    return fail(
      'BAD_INPUT',
      'No address given. Type a hub address such as 192.168.1.20 or https://hub.local, one per line.',
    );
  return ok(entries);
}
