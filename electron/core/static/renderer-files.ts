import path from 'node:path';

/**
 * Serving the built renderer folder safely, shared by main's `app://` handler and the browser
 * test transport so the two can never disagree on what is reachable: a decoded request path
 * maps to a file strictly inside the (real) root, or to nothing.
 */

/** Content types of what a Vite build contains. */
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function inside(root: string, candidate: string, caseInsensitive: boolean): boolean {
  const a = caseInsensitive ? root.toLowerCase() : root;
  const b = caseInsensitive ? candidate.toLowerCase() : candidate;
  const rel = path.relative(a, b);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

export interface ResolveOptions {
  /** Windows and macOS file systems ignore case, so containment must too. */
  caseInsensitive: boolean;
  /** Injected so Electron can use its asar-aware callback `fs`. */
  realpath: (p: string) => Promise<string>;
}

/**
 * An already percent-decoded URL path → a file under `root` (itself a real path), or null.
 * Refuses NUL bytes, `.`/`..` segments, drive letters, and — after resolving symlinks — any
 * file whose real path leaves the root. `/` serves index.html.
 */
export async function resolveUnderRoot(
  root: string,
  decodedPath: string,
  options: ResolveOptions,
): Promise<string | null> {
  if (decodedPath.includes('\0')) return null;
  const segments = decodedPath.split(/[\\/]+/).filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.' || /^[a-zA-Z]:$/.test(s))) return null;
  if (segments.length === 0) segments.push('index.html');
  const candidate = path.join(root, ...segments);
  if (!inside(root, candidate, options.caseInsensitive)) return null;
  try {
    const real = await options.realpath(candidate);
    return inside(root, real, options.caseInsensitive) ? real : null;
  } catch {
    return null;
  }
}
