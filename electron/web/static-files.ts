import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';

/** Content types of what a Vite build contains. */
export const MIME: Record<string, string> = {
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

function inside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * A request path → a file under the (real) renderer root, or null: encoded traversal, NUL
 * bytes, drive letters and symlinks out of the root are refused, as in main's app:// handler.
 */
export async function resolveStaticFile(root: string, requestPath: string): Promise<string | null> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestPath, 'http://x').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const segments = pathname.split(/[\\/]+/).filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.' || /^[a-zA-Z]:$/.test(s))) return null;
  if (segments.length === 0) segments.push('index.html');
  const candidate = path.join(root, ...segments);
  if (!inside(root, candidate)) return null;
  try {
    const real = await realpath(candidate);
    return inside(root, real) ? real : null;
  } catch {
    return null;
  }
}

export async function readStatic(file: string): Promise<{ body: Buffer; type: string }> {
  return { body: await readFile(file), type: MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream' };
}
