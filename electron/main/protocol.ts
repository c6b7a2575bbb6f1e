import fs from 'node:fs';
import { contentTypeOf, resolveUnderRoot } from '../core/static/renderer-files';
import { APP_HOST, APP_SCHEME } from './app-url';
import { PRODUCTION_CSP } from './csp';

/**
 * The app:// scheme: serves the built renderer folder and nothing else. Registered as a
 * privileged standard + secure scheme (so the page is a secure context with a real origin,
 * `'self'` in the CSP means app://renderer, and fetch/XHR to other schemes count as
 * cross-origin), before `ready` as Electron requires.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false },
} as const;

// The callback forms of fs: Electron's asar support patches them (the packaged renderer lives
// inside app.asar), which is less certain for every fs.promises function.
const realpath = (p: string) =>
  new Promise<string>((resolve, reject) => fs.realpath(p, (e, r) => (e ? reject(e) : resolve(r))));
const readFile = (p: string) =>
  new Promise<Buffer>((resolve, reject) => fs.readFile(p, (e, b) => (e ? reject(e) : resolve(b))));

/**
 * Maps an app:// URL to a file under `root`, or null. Rejects other schemes/hosts, encoded
 * traversal (`%2e%2e`, `%2f`, backslashes), NUL bytes, and — after resolving symlinks — any
 * file whose real path is outside the real root. `root` must already be a real path.
 */
export async function resolveRendererFile(
  root: string,
  url: string,
  platform: NodeJS.Platform = process.platform,
): Promise<string | null> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST || u.username || u.password || u.port) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  return resolveUnderRoot(root, pathname, { caseInsensitive: platform === 'win32' || platform === 'darwin', realpath });
}

export type ProtocolHandler = (request: Request) => Promise<Response>;

/** The `protocol.handle('app', …)` callback for the built renderer folder `rendererRoot`. */
export async function createRendererProtocolHandler(rendererRoot: string): Promise<ProtocolHandler> {
  const root = await realpath(rendererRoot);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const file = await resolveRendererFile(root, request.url);
    if (!file) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
    }
    const type = contentTypeOf(file);
    const headers: Record<string, string> = {
      'content-type': type,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    };
    if (type.startsWith('text/html')) headers['content-security-policy'] = PRODUCTION_CSP;
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}
