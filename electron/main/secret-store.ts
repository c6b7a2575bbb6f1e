import { readFileSync } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { fail, ok, type Result } from '../shared/errors';
import type { KeychainAvailability, SecretStore } from '../core/app/ports';

/** The slice of Electron's safeStorage we use (so tests can hand in a fake). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

const fileSchema = z.object({
  version: z.literal(1),
  entries: z.record(
    z.string(),
    z.object({
      /** The OS backend that encrypted it: ciphertext from another backend cannot be decrypted. */
      backend: z.string(),
      ciphertext: z.string(),
      savedAt: z.string(),
    }),
  ),
});
type SecretsFile = z.infer<typeof fileSchema>;

/**
 * Remembered hub passwords, encrypted with Electron safeStorage (Keychain on macOS, DPAPI on
 * Windows, libsecret/KWallet on Linux) and kept as ciphertext in one file next to the backend
 * that encrypted each entry. Fails closed: on Linux the `basic_text` backend (a hard-coded key,
 * i.e. obfuscation) counts as unavailable and nothing is stored. Decrypted passwords live only
 * in main's memory while a session needs them.
 */
export class SafeStorageSecretStore implements SecretStore {
  private data: SecretsFile;

  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly file: string,
    private readonly platform: NodeJS.Platform,
  ) {
    this.data = this.read();
  }

  backend(): string {
    if (this.platform === 'darwin') return 'keychain';
    if (this.platform === 'win32') return 'dpapi';
    return this.safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
  }

  availability(): KeychainAvailability {
    const backend = this.backend();
    if (!this.safeStorage.isEncryptionAvailable()) {
      return {
        available: false,
        backend,
        reason: 'The system keychain is not available, so Hubkeeper cannot remember passwords.',
      };
    }
    if (this.platform === 'linux' && (backend === 'basic_text' || backend === 'unknown')) {
      return {
        available: false,
        backend,
        reason:
          'No system keyring (such as GNOME Keyring or KWallet) is running, so a saved password would only be obfuscated on disk. Hubkeeper will not remember passwords; log in each time, or start a keyring and restart Hubkeeper.',
      };
    }
    return { available: true, backend, reason: null };
  }

  has(key: string): boolean {
    const entry = this.data.entries[key];
    return !!entry && entry.backend === this.backend();
  }

  async save(key: string, secret: string): Promise<Result<void>> {
    const availability = this.availability();
    if (!availability.available)
      return fail('UNAVAILABLE', availability.reason ?? 'The system keychain is not available.');
    let ciphertext: string;
    try {
      ciphertext = this.safeStorage.encryptString(secret).toString('base64');
    } catch {
      return fail('UNAVAILABLE', 'The system keychain refused to encrypt the password; it was not saved.');
    }
    const next: SecretsFile = {
      version: 1,
      entries: {
        ...this.data.entries,
        [key]: { backend: availability.backend ?? 'unknown', ciphertext, savedAt: new Date().toISOString() },
      },
    };
    await this.write(next);
    return ok(undefined);
  }

  async load(key: string): Promise<Result<string | null>> {
    const entry = this.data.entries[key];
    if (!entry) return ok(null);
    const backend = this.backend();
    if (entry.backend !== backend) {
      return fail(
        'UNAVAILABLE',
        `This password was saved with the "${entry.backend}" keyring but Hubkeeper now uses "${backend}". Type the password again${
          this.platform === 'linux' ? `, or start Hubkeeper with --password-store=${entry.backend}` : ''
        }.`,
      );
    }
    if (!this.availability().available) return fail('UNAVAILABLE', 'The system keychain is not available right now.');
    try {
      return ok(this.safeStorage.decryptString(Buffer.from(entry.ciphertext, 'base64')));
    } catch {
      return fail('UNAVAILABLE', 'The saved password could not be decrypted; type it again.');
    }
  }

  async delete(key: string): Promise<void> {
    if (!(key in this.data.entries)) return;
    const entries = { ...this.data.entries };
    delete entries[key];
    await this.write({ version: 1, entries });
  }

  private read(): SecretsFile {
    try {
      const parsed = fileSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // missing or unreadable: start empty (a damaged file only loses remembered passwords)
    }
    return { version: 1, entries: {} };
  }

  private async write(next: SecretsFile): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify(next, null, 2), { mode: 0o600 });
    this.data = next;
  }
}
