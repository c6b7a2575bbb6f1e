/**
 * An address as typed, safe to show in an error: a password in it (`http://user:secret@hub`,
 * `user:secret@hub`) is replaced by `***`. Hubkeeper refuses such addresses, and says why, but
 * the message must not repeat the password to the screen, a terminal's scroll-back or a log.
 * Pure (no Node, no DOM): the window, the CLI and core use it alike.
 */
export function redactUrlPassword(input: string): string {
  const scheme = /^\s*[a-z][a-z0-9+.-]*:\/\//i.exec(input)?.[0] ?? '';
  const rest = input.slice(scheme.length);
  // The authority ends at the first / ? # (or space); the user part ends at its last @.
  const authorityEnd = rest.search(/[/?#\s]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const at = authority.lastIndexOf('@');
  if (at < 0) return input;
  const userInfo = authority.slice(0, at);
  const colon = userInfo.indexOf(':');
  if (colon < 0) return input;
  return `${scheme}${userInfo.slice(0, colon)}:***${rest.slice(at)}`;
}
