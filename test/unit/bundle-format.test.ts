import { mkdtempSync, rmSync, writeFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canonicalJson,
  collectBundle,
  contentHash,
  decodeBundle,
  encodeBundle,
  readBundleFile,
} from '../../electron/core/bundles';
import { BUNDLE_MAX_BYTES, bundleFileSchema, type BundleContent } from '../../electron/shared/bundle';
import { hubDevicesSchema } from '../../electron/shared/devices';
import { BUNDLE_PIN, SECRET_USER, seedSite, UPDATE_EVENTS, type SeededSite } from './bundle-fixtures';

let dir: string;
let seeded: SeededSite;
let content: BundleContent;
let text: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hk-bundle-format-'));
  seeded = await seedSite(dir, 'Harbour Studio', [
    { host: '127.0.61.2', port: 8080, name: 'Stage left' },
    { host: '127.0.61.3', port: 8443, name: 'Stage right' },
  ]);
  const collected = await collectBundle(seeded.siteId, {
    inventory: seeded.inventory.get(),
    store: seeded.store,
    hubkeeperVersion: '0.1.0',
    technician: 'Li Wei',
    now: () => new Date('2026-12-01T12:00:00.000Z'),
    newId: () => 'bundle-1',
  });
  if (!collected.ok) throw new Error(collected.error.message);
  content = collected.value;
  const encoded = encodeBundle(content);
  if (!encoded.ok) throw new Error(encoded.error.message);
  text = encoded.value;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The error message decoding `changed` gets (the test fails if it decodes). */
function refused(changed: string): string {
  const decoded = decodeBundle(changed);
  expect(decoded.ok, 'the changed bundle was accepted').toBe(false);
  if (decoded.ok) return '';
  expect(decoded.error.code).toBe('BAD_INPUT');
  return decoded.error.message;
}

describe('site bundle format', () => {
  it('carries the site, where and when, its hubs with statuses, versions and timelines', () => {
    const file = bundleFileSchema.parse(JSON.parse(text));
    expect(file).toMatchObject({ format: 'hubkeeper-site-bundle', formatVersion: 1 });
    expect(file.sha256).toBe(contentHash(file.content));
    expect(file.content).toMatchObject({
      bundleId: 'bundle-1',
      takenAt: '2026-12-01T12:00:00.000Z',
      hubkeeperVersion: '0.1.0',
      technician: 'Li Wei',
      site: { name: 'Harbour Studio', notes: 'Rack 3, behind the stage' },
    });
    expect(file.content.hubs.map((h) => h.name).sort()).toEqual(['Stage left', 'Stage right']);
    for (const hub of file.content.hubs) {
      expect(hub.status?.live.version).toBe('2.1.28');
      expect(hub.versions?.entries).toHaveLength(2);
      expect(hub.events).toEqual(UPDATE_EVENTS);
      // No device store in this Hubkeeper: the field is absent, not invented.
      expect(hub.devices).toBeUndefined();
    }
    // Pins travel as information.
    expect(file.content.hubs.find((h) => h.name === 'Stage right')?.endpoints[0]?.pin).toBe(BUNDLE_PIN);
  });

  it('holds no password, session, cookie or account name', () => {
    expect(text).not.toContain(SECRET_USER);
    expect(text.toLowerCase()).not.toMatch(/password|cookie|session|defaultuser/);
  });

  it('round-trips: what is written decodes to the same content', () => {
    const decoded = decodeBundle(text);
    expect(decoded.ok && decoded.value.content).toEqual(content);
  });

  it('includes device lists when the exporting Hubkeeper has them', async () => {
    const collected = await collectBundle(seeded.siteId, {
      inventory: seeded.inventory.get(),
      store: seeded.store,
      hubkeeperVersion: '0.1.0',
      technician: '',
      devices: async (ids) =>
        ids.slice(0, 1).map((hubId) =>
          hubDevicesSchema.parse({
            hubId,
            asOf: '2026-12-01T09:00:00.000Z',
            devices: [],
            truncated: false,
            error: null,
            upgrading: false,
            stale: true,
          }),
        ),
    });
    expect(collected.ok).toBe(true);
    if (!collected.ok) return;
    const devices = collected.value.hubs.map((h) => h.devices);
    expect(devices.filter((d) => d === null)).toHaveLength(1);
    expect(devices.filter((d) => d?.asOf === '2026-12-01T09:00:00.000Z')).toHaveLength(1);
    const encoded = encodeBundle(collected.value);
    expect(encoded.ok && decodeBundle(encoded.value).ok).toBe(true);
  });

  it('refuses a bundle with one byte of its content changed (hash mismatch)', () => {
    const at = text.indexOf('"Stage left"') + 2;
    const tampered = `${text.slice(0, at)}X${text.slice(at + 1)}`;
    expect(tampered).not.toBe(text);
    expect(refused(tampered)).toMatch(/changed or damaged.*SHA-256/);
  });

  it('refuses a bundle whose hash was changed', () => {
    const file = JSON.parse(text) as { sha256: string };
    const other = file.sha256.startsWith('0') ? `1${file.sha256.slice(1)}` : `0${file.sha256.slice(1)}`;
    expect(refused(text.replace(file.sha256, other))).toMatch(/SHA-256 does not match/);
  });

  it('refuses a truncated or damaged file', () => {
    expect(refused(text.slice(0, Math.floor(text.length / 2)))).toMatch(/damaged or cut short/);
    expect(refused('')).toMatch(/damaged or cut short/);
  });

  it('refuses other formats and versions with what to do', () => {
    expect(refused(JSON.stringify({ schemaVersion: 1, sites: [], hubs: [] }))).toMatch(/not a Hubkeeper site bundle/);
    const file = JSON.parse(text) as Record<string, unknown>;
    expect(refused(JSON.stringify({ ...file, formatVersion: 2 }))).toMatch(/newer Hubkeeper \(format 2\)/);
    expect(refused(JSON.stringify({ ...file, formatVersion: 0 }))).toMatch(/not one Hubkeeper can read/);
    expect(refused(JSON.stringify({ ...file, sha256: 'abc' }))).toMatch(/no valid SHA-256/);
  });

  it('refuses content of the wrong shape even with a matching hash (a password field is not carried)', () => {
    const file = JSON.parse(text) as { content: { hubs: Record<string, unknown>[] } };
    file.content.hubs[0]!.password = 'hunter2';
    const rehashed = { ...file, sha256: contentHash(file.content) };
    expect(refused(JSON.stringify(rehashed))).toMatch(/not in the expected shape/);
    const badTime = JSON.parse(text) as { content: Record<string, unknown> };
    badTime.content.takenAt = 'yesterday';
    expect(refused(JSON.stringify({ ...badTime, sha256: contentHash(badTime.content) }))).toMatch(/takenAt/);
  });

  it('refuses unknown top-level fields', () => {
    const file = JSON.parse(text) as Record<string, unknown>;
    expect(refused(JSON.stringify({ ...file, note: 'x' }))).toMatch(/not (opened|in the expected)/);
  });

  it('hashes the data, not the key order or spacing', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: null }] })).toBe('{"a":[{"c":null,"d":"x"}],"b":1}');
    const file = JSON.parse(text) as { content: unknown };
    const reordered = JSON.stringify({ content: file.content, ...JSON.parse(text) }, null, 4);
    expect(decodeBundle(reordered).ok).toBe(true);
  });

  it('reads files size-bounded: over the bound is refused without parsing', async () => {
    const big = path.join(dir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, BUNDLE_MAX_BYTES + 1);
    const read = await readBundleFile(big);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error.message).toMatch(/too large to be a site bundle/);
    const good = path.join(dir, 'good.json');
    writeFileSync(good, text);
    const ok = await readBundleFile(good);
    expect(ok.ok && ok.value.content.bundleId).toBe('bundle-1');
    const missing = await readBundleFile(path.join(dir, 'missing.json'));
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
  });
});
