import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  BUNDLE_MAX_BYTES,
  bundleContentSchema,
  type BundleContent,
  type BundleFile,
} from '../../shared/bundle';
import { fail, ok, type Result } from '../../shared/errors';
import { canonicalJson } from './canonical-json';

/**
 * Writing and reading bundle files. Plain JSON, not gzip: bundles are a few megabytes at most,
 * a support engineer can read one in any editor, and the hash (not compression) is what
 * guards it; one format also keeps the size bound a bound on what is parsed.
 *
 * Reading checks, in order: size, JSON, format name, format version, hash over the canonical
 * content, then the content's shape. Each failure is a BAD_INPUT with words a person can act
 * on; nothing is stored or changed by a refused bundle.
 */

export function contentHash(content: unknown): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

/** The bundle file's text for this content (validated first: a bad export never leaves). */
export function encodeBundle(content: BundleContent): Result<string> {
  const checked = bundleContentSchema.safeParse(content);
  if (!checked.success) return fail('INTERNAL', `The bundle could not be made: ${issueText(checked.error.issues)}.`);
  const file: BundleFile = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    sha256: contentHash(checked.data),
    content: checked.data,
  };
  const text = `${JSON.stringify(file, null, 1)}\n`;
  if (Buffer.byteLength(text, 'utf8') > BUNDLE_MAX_BYTES)
    return fail('BAD_INPUT', `The bundle would be over ${BUNDLE_MAX_BYTES / 1024 / 1024} MB; it cannot be written.`);
  return ok(text);
}

/** Parse and verify a bundle's text. */
export function decodeBundle(text: string): Result<BundleFile> {
  if (Buffer.byteLength(text, 'utf8') > BUNDLE_MAX_BYTES) return tooLarge();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail('BAD_INPUT', 'This is not a readable site bundle: the file is damaged or cut short (not valid JSON).');
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== BUNDLE_FORMAT)
    return fail('BAD_INPUT', 'This file is not a Hubkeeper site bundle.');
  const doc = raw as { formatVersion?: unknown; sha256?: unknown; content?: unknown };
  if (doc.formatVersion !== BUNDLE_FORMAT_VERSION) {
    const newer = typeof doc.formatVersion === 'number' && doc.formatVersion > BUNDLE_FORMAT_VERSION;
    return fail(
      'BAD_INPUT',
      newer
        ? `This bundle was made by a newer Hubkeeper (format ${String(doc.formatVersion)}); update Hubkeeper to open it.`
        : `This bundle's format (${JSON.stringify(doc.formatVersion) ?? 'none'}) is not one Hubkeeper can read (format ${BUNDLE_FORMAT_VERSION}).`,
    );
  }
  if (typeof doc.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(doc.sha256))
    return fail('BAD_INPUT', 'This bundle has no valid SHA-256 of its content; it cannot be trusted.');
  if (typeof doc.content !== 'object' || doc.content === null) return fail('BAD_INPUT', 'This bundle has no content.');
  if (contentHash(doc.content) !== doc.sha256)
    return fail(
      'BAD_INPUT',
      'This bundle was changed or damaged after it was made (its SHA-256 does not match its content); it was not opened.',
    );
  const content = bundleContentSchema.safeParse(doc.content);
  if (!content.success)
    return fail(
      'BAD_INPUT',
      `This bundle's content is not in the expected shape (${issueText(content.error.issues)}).`,
    );
  const keys = Object.keys(doc).sort().join(',');
  if (keys !== 'content,format,formatVersion,sha256')
    return fail('BAD_INPUT', 'This bundle has fields Hubkeeper does not know; it was not opened.');
  return ok({ format: BUNDLE_FORMAT, formatVersion: BUNDLE_FORMAT_VERSION, sha256: doc.sha256, content: content.data });
}

/** Read and verify a bundle file. */
export async function readBundleFile(file: string): Promise<Result<BundleFile>> {
  const text = await readBundleText(file);
  return text.ok ? decodeBundle(text.value) : text;
}

/** A bundle file's text, never reading more than BUNDLE_MAX_BYTES (+1 to tell "too large"); not verified. */
export async function readBundleText(file: string): Promise<Result<string>> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    return fail('NOT_FOUND', `The bundle ${file} cannot be opened: ${(error as Error).message}`);
  }
  try {
    // Chunk by chunk, stopping one byte past the bound: a huge file is never read whole.
    const chunks: Buffer[] = [];
    let length = 0;
    while (length <= BUNDLE_MAX_BYTES) {
      const chunk = Buffer.alloc(Math.min(1024 * 1024, BUNDLE_MAX_BYTES + 1 - length));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, length);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
    }
    if (length > BUNDLE_MAX_BYTES) return tooLarge();
    return ok(Buffer.concat(chunks, length).toString('utf8'));
  } catch (error) {
    return fail('NOT_FOUND', `The bundle ${file} cannot be read: ${(error as Error).message}`);
  } finally {
    await handle.close();
  }
}

function tooLarge(): Result<never> {
  return fail('BAD_INPUT', `This file is over ${BUNDLE_MAX_BYTES / 1024 / 1024} MB: too large to be a site bundle.`);
}

function issueText(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const issue = issues[0];
  if (!issue) return 'invalid';
  return `${issue.path.map(String).join('.') || 'content'}: ${issue.message}`;
}
