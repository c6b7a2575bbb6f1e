import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BundleSummary } from '../../electron/shared/contract';
import { BUNDLE_UPLOAD_CHUNK_CHARS } from '../../electron/shared/bundle-upload';
import BundlesView from '../../renderer/src/views/BundlesView.vue';
import { textPieces } from '../../renderer/src/lib/text-pieces';
import { FakeApi, installApi, removeApi } from './fake-api';
import { mountWith } from './mount';

// A bundle bigger than one message of the browser preview's WebSocket goes in pieces
// (bundles:uploadBegin / uploadChunk / uploadFinish); the integration test does it for real.
const summary: BundleSummary = {
  bundleId: 'big-1',
  siteName: 'Harbour Studio',
  takenAt: '2026-12-01T12:00:00.000Z',
  technician: '',
  hubkeeperVersion: '0.1.0',
  hubCount: 2,
  openedAt: '2026-12-02T08:00:00.000Z',
  sha256: 'f'.repeat(64),
};

let api: FakeApi;
beforeEach(() => {
  api = new FakeApi().reply('bundles:list', { bundles: [] });
  installApi(api);
});
afterEach(() => removeApi());

async function pick(text: string) {
  const w = mountWith(BundlesView, {}, { stubActions: false });
  await flushPromises();
  const input = w.get('[data-test="bundle-file"]');
  const file = new File([text], 'big.json', { type: 'application/json' });
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
  await input.trigger('change');
  await flushPromises();
  return w;
}

describe('opening a large bundle from the page', () => {
  it('sends a file larger than one piece in order, then opens it; never as one message', async () => {
    const received: string[] = [];
    api
      .reply('bundles:uploadBegin', { uploadId: 'a'.repeat(32), chunkChars: BUNDLE_UPLOAD_CHUNK_CHARS, idleMs: 60_000 })
      .handle('bundles:uploadChunk', ({ offset, text }) => {
        expect(offset).toBe(received.join('').length);
        received.push(text);
        return { ok: true, value: { received: offset + text.length } };
      })
      .reply('bundles:uploadFinish', { opened: true, bundle: summary, replaced: false });
    const text = `{"x":"${'港'.repeat(BUNDLE_UPLOAD_CHUNK_CHARS * 2)}"}`;
    await pick(text);
    expect(api.callsTo('bundles:openText')).toEqual([]);
    expect(api.callsTo('bundles:uploadBegin')).toEqual([{ size: text.length }]);
    expect(received).toHaveLength(3);
    expect(received.every((p) => p.length <= BUNDLE_UPLOAD_CHUNK_CHARS)).toBe(true);
    expect(received.join('')).toBe(text);
    expect(api.callsTo('bundles:uploadFinish')).toEqual([{ uploadId: 'a'.repeat(32) }]);
  });

  it('a refused piece stops the upload and shows the error; nothing is finished', async () => {
    api
      .reply('bundles:uploadBegin', { uploadId: 'b'.repeat(32), chunkChars: BUNDLE_UPLOAD_CHUNK_CHARS, idleMs: 60_000 })
      .fail('bundles:uploadChunk', { code: 'NOT_FOUND', message: 'That site bundle upload is not in progress.' });
    const w = await pick('x'.repeat(BUNDLE_UPLOAD_CHUNK_CHARS + 5));
    expect(api.callsTo('bundles:uploadChunk')).toHaveLength(1);
    expect(api.callsTo('bundles:uploadFinish')).toEqual([]);
    expect(w.find('[data-test="bundle-list"]').exists()).toBe(false);
    expect(w.text()).toContain('not in progress');
  });

  it('a small file still goes in one call', async () => {
    api.reply('bundles:openText', { opened: true, bundle: summary, replaced: false });
    await pick('{"format":"hubkeeper-site-bundle"}');
    expect(api.callsTo('bundles:openText')).toHaveLength(1);
    expect(api.callsTo('bundles:uploadBegin')).toEqual([]);
  });
});

describe('textPieces', () => {
  it('never splits a surrogate pair and covers the text exactly', () => {
    const text = 'ab😀cd😀😀e';
    const pieces = [...textPieces(text, 3)];
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    for (const p of pieces) {
      expect(p.text.length).toBeLessThanOrEqual(3);
      expect(text.slice(p.offset, p.offset + p.text.length)).toBe(p.text);
      // No lone half of a pair at either end.
      expect(p.text).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    }
  });
});
