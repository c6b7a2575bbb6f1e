import { describe, expect, it } from 'vitest';
import { BundleUploads } from '../../electron/core/bundles';
import { BUNDLE_MAX_BYTES } from '../../electron/shared/bundle';

// The pieces of a bundle sent from the page (core/bundles/bundle-uploads.ts); the same through
// the real web transport in test/integration/bundle-upload.test.ts.
describe('bundle uploads', () => {
  it('joins pieces sent in order, counting characters, not bytes', () => {
    const uploads = new BundleUploads({ chunkChars: 4 });
    const text = '{"a":"港口演播室"}';
    const begun = uploads.begin('w1', text.length);
    if (!begun.ok) throw new Error(begun.error.message);
    for (let offset = 0; offset < text.length; offset += 4)
      expect(uploads.chunk('w1', begun.value.uploadId, offset, text.slice(offset, offset + 4)).ok).toBe(true);
    expect(uploads.finish('w1', begun.value.uploadId)).toEqual({ ok: true, value: text });
    expect(uploads.open).toBe(0);
  });

  it("an upload belongs to the window that began it: another one's pieces are refused", () => {
    const uploads = new BundleUploads();
    const begun = uploads.begin('w1', 10);
    if (!begun.ok) throw new Error(begun.error.message);
    const other = uploads.chunk('w2', begun.value.uploadId, 0, 'x');
    expect(other.ok || other.error.code).toBe('NOT_FOUND');
    expect(uploads.finish('w2', begun.value.uploadId).ok).toBe(false);
    // The owner's upload goes on untouched.
    expect(uploads.chunk('w1', begun.value.uploadId, 0, 'x')).toEqual({ ok: true, value: { received: 1 } });
  });

  it('more UTF-8 bytes than a bundle may have are refused even when the characters fit', () => {
    const uploads = new BundleUploads({ chunkChars: 1024 * 1024 });
    const begun = uploads.begin('w1', BUNDLE_MAX_BYTES);
    if (!begun.ok) throw new Error(begun.error.message);
    // Three bytes per character: a third of the characters is all the bytes allowed.
    const piece = '港'.repeat(1024 * 1024);
    let last;
    for (let offset = 0; offset < BUNDLE_MAX_BYTES; offset += piece.length) {
      last = uploads.chunk('w1', begun.value.uploadId, offset, piece);
      if (!last.ok) break;
    }
    expect(last?.ok === false && last.error.message).toMatch(/too large to be a site bundle/);
    expect(uploads.open).toBe(0);
  });

  it('an abandoned upload is dropped by its timer, with no call needed to notice', async () => {
    // The clock stands still: only the timer can drop it.
    const uploads = new BundleUploads({ idleMs: 30, now: () => 0 });
    const begun = uploads.begin('w1', 10);
    expect(begun.ok).toBe(true);
    expect(uploads.open).toBe(1);
    const deadline = Date.now() + 10_000;
    while (uploads.open > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(uploads.open).toBe(0);
  });

  it('drops only the uploads of a window that went away', () => {
    const uploads = new BundleUploads();
    const gone = uploads.begin('w1', 10);
    const kept = uploads.begin('w2', 10);
    if (!gone.ok || !kept.ok) throw new Error('begin failed');
    uploads.dropOwner('w1');
    expect(uploads.open).toBe(1);
    expect(uploads.chunk('w1', gone.value.uploadId, 0, 'x').ok).toBe(false);
    expect(uploads.chunk('w2', kept.value.uploadId, 0, 'x').ok).toBe(true);
  });
});
