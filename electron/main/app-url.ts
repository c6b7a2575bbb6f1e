/**
 * Where the renderer lives. It is served from a privileged custom scheme (`app://renderer/…`,
 * see protocol.ts) instead of file://, so a script injected into the page cannot read files
 * from disk, and every URL check in main compares against these constants with `new URL()`
 * (never prefix matching: `app://renderer.evil` must not pass).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_PATH = '/index.html';
export const APP_ENTRY_URL = `${APP_ORIGIN}${APP_ENTRY_PATH}`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Any URL of our own renderer bundle (used by the protocol handler before resolving a file). */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return !!u && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && !u.username && !u.password && !u.port;
}

/**
 * The one page allowed to talk to main and to be navigated to: our index.html, with any hash
 * (the renderer's router) or query. Everything else — other files of the bundle included — is not.
 */
export function isAppEntryUrl(url: string): boolean {
  const u = parse(url);
  return !!u && isAppUrl(url) && (u.pathname === APP_ENTRY_PATH || u.pathname === '/');
}
