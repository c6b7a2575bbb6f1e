import { fail, ok, type Result } from '../../shared/errors';
import { redactUrlPassword } from '../../shared/redact-url';
import { DEFAULT_PORTS, formatHubUrl, type HubOrigin } from '../../shared/hub-origin';

// The address itself (scheme, host, port) and its spelling are shared with the CLI and the window.
export { DEFAULT_PORTS, formatHubUrl, type HubOrigin };

// The address is repeated without a password it may carry (redactUrlPassword).
const explain = (input: string, why: string): Result<HubOrigin> =>
  fail(
    'BAD_INPUT',
    `"${redactUrlPassword(input)}" is not a hub address: ${why}. Examples: 192.168.1.20, 192.168.1.20:8080, https://hub.local, [fe80::1]:8443.`,
  );

/**
 * Reads what a technician types for a hub: `http://h:p`, `https://h`, `h`, `h:p`, `[::1]:8080`.
 * No scheme means http; no port means the scheme's default (80/443). A path, query, or user
 * name in the address is refused rather than silently dropped, because it means the technician
 * pasted something other than a hub address (and a password in a URL must never be kept).
 */
export function parseHubUrl(input: string): Result<HubOrigin> {
  const text = input.trim();
  if (text === '') return explain(input, 'it is empty');
  if (text.length > 300) return explain(input.slice(0, 40) + '…', 'it is too long');
  if (/\s/.test(text)) return explain(input, 'it contains spaces');
  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (schemeMatch) {
    const scheme = schemeMatch[1]?.toLowerCase();
    if (scheme !== 'http' && scheme !== 'https')
      return explain(input, `only http:// and https:// are supported, not ${scheme}://`);
  }
  const portMatch = /:(\d+)$/.exec(text);
  if (portMatch && Number(portMatch[1]) > 65535) return explain(input, 'the port must be between 1 and 65535');
  let url: URL;
  try {
    url = new URL(schemeMatch ? text : `http://${text}`);
  } catch {
    return explain(input, 'the host or port cannot be read');
  }
  if (url.username || url.password)
    return explain(input, 'it contains a user name or password; give the user with --user and the password separately');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
    return explain(input, 'it contains a path; give only the scheme, host and port');
  const scheme = url.protocol === 'https:' ? 'https' : 'http';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (host === '') return explain(input, 'the host is missing');
  // WHATWG URL drops the port when it equals the scheme default, so '' means default.
  const port = url.port === '' ? DEFAULT_PORTS[scheme] : Number(url.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    return explain(input, 'the port must be between 1 and 65535');
  return ok({ scheme, host, port });
}
