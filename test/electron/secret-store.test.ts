import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SafeStorageSecretStore, type SafeStorageLike } from '../../electron/main/secret-store';
import type { DamagedFile } from '../../electron/core/data-folder';

// A stand-in for Electron's safeStorage: "encrypts" by XOR with a key so the test can tell
// ciphertext from plaintext, and reports whatever backend the test sets.
function fakeSafeStorage(backend: string, available = true): SafeStorageLike & { backend: string } {
  const key = 0x5a;
  return {
    backend,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend() {
      return this.backend;
    },
    encryptString: (s) => Buffer.from(Buffer.from(s, 'utf8').map((b) => b ^ key)),
    decryptString: (b) => Buffer.from(b.map((x) => x ^ key)).toString('utf8'),
  };
}

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'hk-secrets-'));
  file = path.join(dir, 'credentials.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SecretStore on safeStorage', () => {
  it('refuses the Linux basic_text backend: nothing stored, reason explained', async () => {
    const store = new SafeStorageSecretStore(fakeSafeStorage('basic_text'), file, 'linux');
    const availability = store.availability();
    expect(availability.available).toBe(false);
    expect(availability.backend).toBe('basic_text');
    expect(availability.reason).toMatch(/keyring/i);
    const saved = await store.save('hub-1', 'Admin');
    expect(saved).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(existsSync(file)).toBe(false);
    expect(store.has('hub-1')).toBe(false);
  });

  it('refuses when encryption is not available at all', async () => {
    const store = new SafeStorageSecretStore(fakeSafeStorage('gnome_libsecret', false), file, 'linux');
    expect(store.availability().available).toBe(false);
    expect((await store.save('hub-1', 'x')).ok).toBe(false);
  });

  it('stores ciphertext with its backend next to it, never the password', async () => {
    const store = new SafeStorageSecretStore(fakeSafeStorage('gnome_libsecret'), file, 'linux');
    expect(store.availability()).toEqual({ available: true, backend: 'gnome_libsecret', reason: null });
    expect((await store.save('hub-1', 'S3cret-pass')).ok).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('S3cret-pass');
    expect(JSON.parse(text).entries['hub-1']).toMatchObject({
      backend: 'gnome_libsecret',
      ciphertext: expect.any(String),
    });
    expect(store.has('hub-1')).toBe(true);
    // A fresh store (next start) reads it back.
    const again = new SafeStorageSecretStore(fakeSafeStorage('gnome_libsecret'), file, 'linux');
    expect(await again.load('hub-1')).toEqual({ ok: true, value: 'S3cret-pass' });
    await again.delete('hub-1');
    expect(again.has('hub-1')).toBe(false);
    expect(await again.load('hub-1')).toEqual({ ok: true, value: null });
  });

  it('notices a backend change instead of failing silently', async () => {
    const safe = fakeSafeStorage('kwallet5');
    const store = new SafeStorageSecretStore(safe, file, 'linux');
    await store.save('hub-1', 'pw');
    safe.backend = 'gnome_libsecret';
    const after = new SafeStorageSecretStore(safe, file, 'linux');
    expect(after.has('hub-1')).toBe(false);
    const loaded = await after.load('hub-1');
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.error.message).toContain('--password-store=kwallet5');
  });

  it('uses the Keychain on macOS and DPAPI on Windows', () => {
    expect(new SafeStorageSecretStore(fakeSafeStorage('unknown'), file, 'darwin').availability()).toEqual({
      available: true,
      backend: 'keychain',
      reason: null,
    });
    expect(new SafeStorageSecretStore(fakeSafeStorage('unknown'), file, 'win32').availability()).toEqual({
      available: true,
      backend: 'dpapi',
      reason: null,
    });
  });

  it('moves a damaged file aside, tells once, and goes on (only remembered passwords are lost)', async () => {
    for (const content of ['{ not json', '{"version":1,"entries":{"h":{"backend":1}}}', '[]']) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir);
      writeFileSync(file, content);
      const damaged: DamagedFile[] = [];
      const store = new SafeStorageSecretStore(fakeSafeStorage('gnome_libsecret'), file, 'linux', {
        onDamaged: (d) => damaged.push(d),
      });
      expect(store.has('x')).toBe(false);
      expect(damaged).toEqual([expect.objectContaining({ file })]);
      expect(readFileSync(damaged[0]!.movedTo, 'utf8')).toBe(content);
      expect((await store.save('x', 'y')).ok).toBe(true);
      expect(damaged).toHaveLength(1);
      expect(readdirSync(dir).sort()).toEqual([path.basename(damaged[0]!.movedTo), 'credentials.json'].sort());
    }
  });

  it('treats hub ids such as __proto__ and constructor like any other', async () => {
    const ids = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
    const store = new SafeStorageSecretStore(fakeSafeStorage('gnome_libsecret'), file, 'linux');
    for (const id of ids) {
      expect(store.has(id)).toBe(false);
      expect(await store.load(id)).toEqual({ ok: true, value: null });
    }
    for (const id of ids) expect((await store.save(id, `pw-${id}`)).ok).toBe(true);
    const fresh = new SafeStorageSecretStore(fakeSafeStorage('gnome_libsecret'), file, 'linux');
    for (const id of ids) {
      expect(fresh.has(id), id).toBe(true);
      expect(await fresh.load(id)).toEqual({ ok: true, value: `pw-${id}` });
    }
    await fresh.delete('__proto__');
    const after = new SafeStorageSecretStore(fakeSafeStorage('gnome_libsecret'), file, 'linux');
    expect(after.has('__proto__')).toBe(false);
    expect(after.has('constructor')).toBe(true);
  });

  it("re-reads the file under its lock: two processes never drop each other's password", async () => {
    const app = new SafeStorageSecretStore(fakeSafeStorage('gnome_libsecret'), file, 'linux');
    const other = new SafeStorageSecretStore(fakeSafeStorage('gnome_libsecret'), file, 'linux');
    expect((await app.save('hub-1', 'one')).ok).toBe(true);
    expect((await other.save('hub-2', 'two')).ok).toBe(true);
    // Forgetting in one process removes what the other saved after it read the file.
    await app.delete('hub-2');
    const fresh = new SafeStorageSecretStore(fakeSafeStorage('gnome_libsecret'), file, 'linux');
    expect(fresh.has('hub-1')).toBe(true);
    expect(fresh.has('hub-2')).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('creates the data folder 0700 and the file 0600', async () => {
    const nested = path.join(dir, 'new-data', 'credentials.json');
    const store = new SafeStorageSecretStore(fakeSafeStorage('gnome_libsecret'), nested, 'linux');
    expect((await store.save('hub-1', 'pw')).ok).toBe(true);
    expect(statSync(path.dirname(nested)).mode & 0o777).toBe(0o700);
    expect(statSync(nested).mode & 0o777).toBe(0o600);
  });
});
