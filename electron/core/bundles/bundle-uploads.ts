import { randomBytes } from 'node:crypto';
import { BUNDLE_MAX_BYTES } from '../../shared/bundle';
import { BUNDLE_UPLOAD_CHUNK_CHARS, BUNDLE_UPLOAD_IDLE_MS, BUNDLE_UPLOADS_AT_ONCE } from '../../shared/bundle-upload';
import { fail, ok, type Result } from '../../shared/errors';

interface Upload {
  owner: string;
  /** Declared length in UTF-16 code units. */
  size: number;
  /** Code units received so far; the next piece must start here. */
  received: number;
  bytes: number;
  pieces: string[];
  touchedAt: number;
  timer: NodeJS.Timeout;
}

export interface BundleUploadsOptions {
  maxUploads?: number;
  idleMs?: number;
  chunkChars?: number;
  now?: () => number;
}

const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/**
 * A bundle's text received in pieces, for transports that bound the size of one message (the
 * browser preview). Bounded everywhere: the declared size and the bytes received stay within
 * BUNDLE_MAX_BYTES, a piece within the piece limit, at most a few uploads at once, each dropped
 * after a minute without a piece. Pieces come strictly in order (the next one starts where the
 * last ended): a gap, an overlap or a piece past the declared size ends the upload with a clear
 * error, and nothing is opened. An upload belongs to the client that began it.
 */
export class BundleUploads {
  private readonly uploads = new Map<string, Upload>();
  private readonly maxUploads: number;
  private readonly idleMs: number;
  private readonly chunkChars: number;
  private readonly now: () => number;

  constructor(options: BundleUploadsOptions = {}) {
    this.maxUploads = options.maxUploads ?? BUNDLE_UPLOADS_AT_ONCE;
    this.idleMs = options.idleMs ?? BUNDLE_UPLOAD_IDLE_MS;
    this.chunkChars = options.chunkChars ?? BUNDLE_UPLOAD_CHUNK_CHARS;
    this.now = options.now ?? (() => Date.now());
  }

  get open(): number {
    this.dropExpired();
    return this.uploads.size;
  }

  begin(owner: string, size: number): Result<{ uploadId: string; chunkChars: number; idleMs: number }> {
    this.dropExpired();
    if (!Number.isSafeInteger(size) || size < 1)
      return fail('BAD_INPUT', 'A site bundle upload needs the size of the file.');
    if (size > BUNDLE_MAX_BYTES) return tooLarge();
    if (this.uploads.size >= this.maxUploads)
      return fail(
        'UNAVAILABLE',
        `${this.maxUploads} site bundles are being opened already; try again when they are done (or in a minute).`,
      );
    const uploadId = randomBytes(16).toString('hex');
    this.uploads.set(uploadId, {
      owner,
      size,
      received: 0,
      bytes: 0,
      pieces: [],
      touchedAt: this.now(),
      timer: this.expiryTimer(uploadId),
    });
    return ok({ uploadId, chunkChars: this.chunkChars, idleMs: this.idleMs });
  }

  /** Add the piece that starts at `offset`; answers how much has arrived. */
  chunk(owner: string, uploadId: string, offset: number, text: string): Result<{ received: number }> {
    const found = this.find(owner, uploadId);
    if (!found.ok) return found;
    const upload = found.value;
    const refuse = (message: string): Result<never> => {
      this.drop(uploadId);
      return fail('BAD_INPUT', `${message} The upload was stopped and nothing was opened.`);
    };
    if (text.length === 0 || text.length > this.chunkChars)
      return refuse(`A piece of a site bundle must hold 1 to ${this.chunkChars} characters.`);
    if (offset !== upload.received)
      return refuse(
        offset < upload.received
          ? `This piece (at ${offset}) overlaps what has already arrived (${upload.received} characters).`
          : `This piece (at ${offset}) leaves a gap after what has arrived (${upload.received} characters).`,
      );
    if (upload.received + text.length > upload.size)
      return refuse(`This piece goes past the size announced for the bundle (${upload.size} characters).`);
    upload.bytes += Buffer.byteLength(text, 'utf8');
    if (upload.bytes > BUNDLE_MAX_BYTES) {
      this.drop(uploadId);
      return tooLarge();
    }
    upload.pieces.push(text);
    upload.received += text.length;
    upload.touchedAt = this.now();
    upload.timer.refresh();
    return ok({ received: upload.received });
  }

  /** The whole text, once every piece has arrived; the upload is over either way. */
  finish(owner: string, uploadId: string): Result<string> {
    const found = this.find(owner, uploadId);
    if (!found.ok) return found;
    const upload = found.value;
    this.drop(uploadId);
    if (upload.received !== upload.size)
      return fail(
        'BAD_INPUT',
        `The site bundle arrived incomplete (${upload.received} of ${upload.size} characters); nothing was opened.`,
      );
    return ok(upload.pieces.join(''));
  }

  /** Drop the uploads of a client that went away (a closed window, a reloaded page). */
  dropOwner(owner: string): void {
    for (const [id, upload] of this.uploads) if (upload.owner === owner) this.drop(id);
  }

  /** Drop every upload (the backend stops). */
  clear(): void {
    for (const id of [...this.uploads.keys()]) this.drop(id);
  }

  private find(owner: string, uploadId: string): Result<Upload> {
    this.dropExpired();
    const upload = this.uploads.get(uploadId);
    // Another window's upload is as unknown as one that never existed.
    if (!upload || upload.owner !== owner)
      return fail(
        'NOT_FOUND',
        'That site bundle upload is not in progress (unknown, finished, or dropped after a minute without data); open the file again.',
      );
    return ok(upload);
  }

  private drop(uploadId: string): void {
    const upload = this.uploads.get(uploadId);
    if (!upload) return;
    clearTimeout(upload.timer);
    this.uploads.delete(uploadId);
  }

  /** By the clock as well as by the timer: a suspended machine's timers run late. */
  private dropExpired(): void {
    const now = this.now();
    for (const [id, upload] of this.uploads) if (now - upload.touchedAt >= this.idleMs) this.drop(id);
  }

  private expiryTimer(uploadId: string): NodeJS.Timeout {
    // The memory of an abandoned upload is freed even if no call ever comes again.
    const timer = setTimeout(() => this.drop(uploadId), this.idleMs);
    timer.unref();
    return timer;
  }
}

function tooLarge(): Result<never> {
  return fail(
    'BAD_INPUT',
    `This file is over ${MB(BUNDLE_MAX_BYTES)}: too large to be a site bundle. Nothing was opened.`,
  );
}
