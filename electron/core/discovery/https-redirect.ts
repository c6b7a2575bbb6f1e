import net from 'node:net';
import type { HttpAnswer } from './http-response';

/**
 * A plain-HTTP port of an HTTPS-only site usually answers everything with a redirect to
 * https://. Discovery follows it once, for identification only, and only when it points at the
 * very address being probed: a redirect elsewhere would make the sweep contact an address
 * outside its target, so it is never followed (the port then counts as a web server).
 */

const REDIRECT_STATUSES = new Set([301, 302, 307, 308]);

/** Brackets off IPv6 literals, lowercase (host names compare case-insensitively). */
function bareHost(host: string): string {
  const unbracketed = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return unbracketed.toLowerCase();
}

/** The probed host as the URL parser would write it (IPv6 compressed), or as is. */
function normalisedHost(host: string): string {
  const bare = bareHost(host);
  if (!net.isIPv6(bare)) return bare;
  try {
    return bareHost(new URL(`https://[${bare}]/`).hostname);
  } catch {
    return bare; // a zone id (fe80::1%eth0) cannot appear in a URL; nothing will match it
  }
}

/**
 * The HTTPS port an answer redirects to on the same host, or null when it is not such a
 * redirect (another status, a relative or non-https location, another host, credentials in it).
 */
export function sameHostHttpsRedirect(answer: HttpAnswer, host: string): number | null {
  if (!REDIRECT_STATUSES.has(answer.status)) return null;
  const location = answer.headers.location;
  if (!location) return null;
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return null; // relative or malformed: not a way to another scheme
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return null;
  // The WHATWG parser normalises IPv4 (127.1 → 127.0.0.1) and IPv6 literals, so a Location
  // naming the same address in another spelling still matches; a name never matches an address.
  if (normalisedHost(host) !== bareHost(url.hostname)) return null;
  return url.port === '' ? 443 : Number(url.port);
}
