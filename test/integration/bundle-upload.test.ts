import { mkdtempSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BUNDLE_MAX_BYTES } from '../../electron/shared/bundle';
import {
  BUNDLE_UPLOAD_CHUNK_CHARS,
  BUNDLE_UPLOAD_IDLE_MS,
  BUNDLE_UPLOADS_AT_ONCE,
} from '../../electron/shared/bundle-upload';
import type { CallArgs, CallChannel, CallResult } from '../../electron/shared/contract';
import { MAX_MESSAGE_BYTES } from '../../electron/web/server';
import { bigBundle } from '../unit/bundle-fixtures';
import { openPreviewClient, type PreviewClient } from './preview-client';
import WebSocket from 'ws';
import { createSocketApi, type SocketLike } from '../../electron/web/socket-api';

// A site bundle larger than one message of the browser preview's WebSocket (6 MB) opened
// through the real web transport in pieces (bundles:uploadBegin / uploadChunk / uploadFinish),
// and every way an upload can go wrong refused with a clear error and nothing opened.

let dataDir: string;
let client: PreviewClient;
let bigText: string;

async function call<C extends CallChannel>(channel: C, args: CallArgs<C>): Promise<CallResult<C>> {
  const envelope = await client.api.invoke(channel, args);
  if (!envelope.ok) throw new Error(`${channel} failed: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value;
}

async function refused<C extends CallChannel>(channel: C, args: CallArgs<C>) {
  const envelope = await client.api.invoke(channel, args);
  expect(envelope.ok, `${channel} should be refused`).toBe(false);
  return (envelope as { ok: false; error: { code: string; message: string } }).error;
}

/** Sends `text` from `from` in pieces of `size` (the last may be shorter). */
async function sendPieces(uploadId: string, text: string, from = 0, size = BUNDLE_UPLOAD_CHUNK_CHARS) {
  for (let offset = from; offset < text.length; offset += size)
    await call('bundles:uploadChunk', { uploadId, offset, text: text.slice(offset, offset + size) });
}

const openedIds = async () => (await call('bundles:list', {})).bundles.map((b) => b.bundleId);
const storedFiles = async () => (await readdir(path.join(dataDir, 'bundles'))).filter((n) => n.endsWith('.json'));

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'hk-bundle-upload-'));
  client = await openPreviewClient(dataDir);
  bigText = bigBundle('upload-big-10mb', 10);
}, 60_000);

afterAll(async () => {
  await client?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('a site bundle over the preview WebSocket’s message limit', () => {
  it('opens a ~10 MB bundle in pieces through the real web transport', async () => {
    const bytes = Buffer.byteLength(bigText, 'utf8');
    expect(bytes).toBeGreaterThan(9 * 1024 * 1024);
    expect(bytes).toBeGreaterThan(MAX_MESSAGE_BYTES);
    expect(bytes).toBeLessThan(BUNDLE_MAX_BYTES);
    const begun = await call('bundles:uploadBegin', { size: bigText.length });
    expect(begun.chunkChars).toBe(BUNDLE_UPLOAD_CHUNK_CHARS);
    await sendPieces(begun.uploadId, bigText);
    const opened = await call('bundles:uploadFinish', { uploadId: begun.uploadId });
    expect(opened).toMatchObject({ opened: true, replaced: false });
    expect(opened.bundle).toMatchObject({ bundleId: 'upload-big-10mb', siteName: '港口演播室 Harbour', hubCount: 2 });
    const view = await call('bundles:get', { bundleId: 'upload-big-10mb' });
    expect(view.hubs.map((h) => h.name)).toEqual(['机架 0', '机架 1']);
    const detail = await call('bundles:hub', { bundleId: 'upload-big-10mb', hubId: 'hub-1' });
    expect(detail.versions?.entries.length).toBeGreaterThan(30_000);
    // What was kept is the file as sent, byte for byte.
    expect(await storedFiles()).toEqual(['upload-big-10mb.json']);
    await call('bundles:close', { bundleId: 'upload-big-10mb' });
  }, 60_000);

  it('the frame limit is not raised: the same text in one message still ends that connection', async () => {
    const other = mkdtempSync(path.join(tmpdir(), 'hk-bundle-upload-whole-'));
    const whole = await openPreviewClient(other);
    try {
      const envelope = await whole.api.invoke('bundles:openText', { text: bigText });
      expect(envelope.ok).toBe(false);
      expect(!envelope.ok && envelope.error.code).toBe('UNAVAILABLE');
      expect(await readdir(path.join(other, 'bundles'))).toEqual([]);
    } finally {
      await whole.close();
      rmSync(other, { recursive: true, force: true });
    }
  }, 60_000);

  it('an upload larger than a bundle may be is refused at the start', async () => {
    const error = await refused('bundles:uploadBegin', { size: BUNDLE_MAX_BYTES + 1 });
    expect(error.code).toBe('BAD_INPUT');
  });

  it('a piece past the announced size stops the upload: clear error, nothing opened', async () => {
    const text = bigBundle('upload-over', 0.2);
    const { uploadId } = await call('bundles:uploadBegin', { size: text.length - 10 });
    const error = await refused('bundles:uploadChunk', { uploadId, offset: 0, text });
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toMatch(/past the size announced.*nothing was opened/);
    // The upload is gone: finishing it is refused too.
    expect((await refused('bundles:uploadFinish', { uploadId })).code).toBe('NOT_FOUND');
    expect(await openedIds()).toEqual([]);
  });

  it('a piece out of order (a gap) or overlapping what arrived stops the upload', async () => {
    const text = bigBundle('upload-order', 1.5);
    const piece = 100_000;
    const gap = await call('bundles:uploadBegin', { size: text.length });
    await call('bundles:uploadChunk', { uploadId: gap.uploadId, offset: 0, text: text.slice(0, piece) });
    const skipped = await refused('bundles:uploadChunk', {
      uploadId: gap.uploadId,
      offset: piece * 2,
      text: text.slice(piece * 2, piece * 3),
    });
    expect(skipped.code).toBe('BAD_INPUT');
    expect(skipped.message).toMatch(/leaves a gap/);
    expect((await refused('bundles:uploadFinish', { uploadId: gap.uploadId })).code).toBe('NOT_FOUND');

    const overlap = await call('bundles:uploadBegin', { size: text.length });
    await call('bundles:uploadChunk', { uploadId: overlap.uploadId, offset: 0, text: text.slice(0, piece) });
    const again = await refused('bundles:uploadChunk', {
      uploadId: overlap.uploadId,
      offset: piece - 10,
      text: text.slice(piece - 10, piece * 2),
    });
    expect(again.code).toBe('BAD_INPUT');
    expect(again.message).toMatch(/overlaps/);
    expect(await openedIds()).toEqual([]);
  });

  it('finishing before every piece arrived is refused, and nothing is opened', async () => {
    const text = bigBundle('upload-short', 0.2);
    const { uploadId } = await call('bundles:uploadBegin', { size: text.length });
    await call('bundles:uploadChunk', { uploadId, offset: 0, text: text.slice(0, 1000) });
    const error = await refused('bundles:uploadFinish', { uploadId });
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toMatch(/incomplete/);
    expect(await openedIds()).toEqual([]);
  });

  it('an unknown upload id, and a malformed one, are refused', async () => {
    const unknown = await refused('bundles:uploadChunk', { uploadId: 'a'.repeat(32), offset: 0, text: '{' });
    expect(unknown.code).toBe('NOT_FOUND');
    expect(unknown.message).toMatch(/not in progress/);
    expect((await refused('bundles:uploadFinish', { uploadId: 'b'.repeat(32) })).code).toBe('NOT_FOUND');
    expect((await refused('bundles:uploadFinish', { uploadId: '../etc/passwd' })).code).toBe('BAD_INPUT');
  });

  it('a piece over the piece limit is refused by the contract', async () => {
    const { uploadId } = await call('bundles:uploadBegin', { size: BUNDLE_UPLOAD_CHUNK_CHARS + 1 });
    const error = await refused('bundles:uploadChunk', {
      uploadId,
      offset: 0,
      text: 'x'.repeat(BUNDLE_UPLOAD_CHUNK_CHARS + 1),
    });
    expect(error.code).toBe('BAD_INPUT');
  });

  it('a damaged bundle sent in pieces gets the same clear error as one opened whole, and is not kept', async () => {
    const text = bigBundle('upload-tampered', 1).replace('"机架 1"', '"机架 9"');
    const { uploadId } = await call('bundles:uploadBegin', { size: text.length });
    await sendPieces(uploadId, text);
    const error = await refused('bundles:uploadFinish', { uploadId });
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toMatch(/SHA-256/);
    expect(await openedIds()).toEqual([]);
    expect(await storedFiles()).toEqual([]);
  });

  it('an abandoned upload expires; only a few may be open at once', async () => {
    // Only Date is faked: the sockets and the backend's own timers run as usual.
    vi.useFakeTimers({ toFake: ['Date'] });
    // An upload an earlier test left open (the over-limit piece) is abandoned by now.
    vi.setSystemTime(Date.now() + BUNDLE_UPLOAD_IDLE_MS);
    const text = bigBundle('upload-abandoned', 0.2);
    const begun: string[] = [];
    for (let i = 0; i < BUNDLE_UPLOADS_AT_ONCE; i += 1)
      begun.push((await call('bundles:uploadBegin', { size: text.length })).uploadId);
    const full = await refused('bundles:uploadBegin', { size: text.length });
    expect(full.code).toBe('UNAVAILABLE');
    await call('bundles:uploadChunk', { uploadId: begun[0]!, offset: 0, text: text.slice(0, 1000) });

    vi.setSystemTime(Date.now() + BUNDLE_UPLOAD_IDLE_MS + 1000);
    const expired = await refused('bundles:uploadChunk', {
      uploadId: begun[0]!,
      offset: 1000,
      text: text.slice(1000, 2000),
    });
    expect(expired.code).toBe('NOT_FOUND');
    expect(expired.message).toMatch(/dropped after a minute without data/);
    // The abandoned ones no longer count: a new upload may start and finish.
    const fresh = await call('bundles:uploadBegin', { size: text.length });
    await sendPieces(fresh.uploadId, text);
    expect((await call('bundles:uploadFinish', { uploadId: fresh.uploadId })).bundle?.bundleId).toBe(
      'upload-abandoned',
    );
  });

  it("a window that goes away frees its uploads at once (no minute's wait for the others)", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + BUNDLE_UPLOAD_IDLE_MS); // whatever earlier tests left is gone
    const other = createSocketApi({
      url: client.preview.transport.wsUrl,
      token: client.preview.transport.token,
      maxReconnects: 0,
      connect: (url, protocols) => new WebSocket(url, protocols) as unknown as SocketLike,
    });
    for (let i = 0; i < BUNDLE_UPLOADS_AT_ONCE; i += 1)
      expect((await other.invoke('bundles:uploadBegin', { size: 100 })).ok).toBe(true);
    expect((await refused('bundles:uploadBegin', { size: 100 })).code).toBe('UNAVAILABLE');
    other.close();
    // The close reaches the backend a moment later: poll, bounded (by the real clock: Date is fake).
    const deadline = performance.now() + 10_000;
    let begun = await client.api.invoke('bundles:uploadBegin', { size: 100 });
    while (!begun.ok && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      begun = await client.api.invoke('bundles:uploadBegin', { size: 100 });
    }
    expect(begun.ok).toBe(true);
  });
});
