import { readFile, realpath } from 'node:fs/promises';
import { contentTypeOf, resolveUnderRoot } from '../core/static/renderer-files';

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
  return resolveUnderRoot(root, pathname, { caseInsensitive: false, realpath });
}

export async function readStatic(file: string): Promise<{ body: Buffer; type: string }> {
  return { body: await readFile(file), type: contentTypeOf(file) };
}
