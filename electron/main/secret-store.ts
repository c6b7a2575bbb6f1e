import { z } from 'zod';
import { fail, ok, type Result } from '../shared/errors';
import type { KeychainAvailability, SecretStore } from '../core/app/ports';
import type { DamageListener } from '../core/data-folder';
import { readCredentialsSync, updateCredentials } from './credentials-file';

/** The slice of Electron's safeStorage we use (so tests can hand in a fake). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

const entrySchema = z.object({
  /** The OS backend that encrypted it: ciphertext from another backend cannot be decrypted. */
  backend: z.string(),
  ciphertext: z.string(),
  savedAt: z.string(),
});
type Entry = z.infer<typeof entrySchema>;

/**
 * Remembered hub passwords, encrypted with Electron safeStorage (Keychain on macOS, DPAPI on
 * Windows, libsecret/KWallet on Linux) and kept as ciphertext in one file next to the backend
 * that encrypted each entry. Fails closed: on Linux the `basic_text` backend (a hard-coded key,
 * i.e. obfuscation) counts as unavailable and nothing is stored. Decrypted passwords live only
 * in main's memory while a session needs them.
 */
export class SafeStorageSecretStore implements SecretStore {
  /** A Map, so any hub id (`__proto__`, `constructor`, …) is a key like any other. */
  private entries: Map<string, Entry>;
  private readonly onDamaged: DamageListener;

  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly file: string,
    private readonly platform: NodeJS.Platform,
    options: { onDamaged?: DamageListener } = {},
  ) {
    this.onDamaged = options.onDamaged ?? (() => undefined);
    this.entries = readCredentialsSync(this.file, entrySchema, this.onDamaged);
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
    const entry = this.entries.get(key);
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
    const entry: Entry = { backend: availability.backend ?? 'unknown', ciphertext, savedAt: new Date().toISOString() };
    try {
      await this.write((entries) => entries.set(key, entry));
    } catch (error) {
      return fail('INTERNAL', `The password could not be saved to ${this.file}: ${(error as Error).message}`);
    }
    return ok(undefined);
  }

  async load(key: string): Promise<Result<string | null>> {
    const entry = this.entries.get(key);
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

  /** Forgets it in the file, even when another process saved it after this one read the file. */
  async delete(key: string): Promise<void> {
    await this.write((entries) => entries.delete(key));
  }

  /** Read-modify-write of the file under its cross-process lock (credentials-file.ts). */
  private async write(change: (entries: Map<string, Entry>) => void): Promise<void> {
    this.entries = await updateCredentials(this.file, entrySchema, this.entries, change, this.onDamaged);
  }
}
