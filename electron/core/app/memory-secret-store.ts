import { fail, ok, type Result } from '../../shared/errors';
import type { KeychainAvailability, SecretStore } from './ports';

/**
 * Remembered passwords for the browser test transport: kept in this process's memory only and
 * forgotten when it exits (the app uses the OS keychain, main/secret-store.ts). `available:false`
 * plays a machine without a keychain, so the refusal path can be tested end to end.
 */
export class MemorySecretStore implements SecretStore {
  private readonly secrets = new Map<string, string>();

  constructor(private readonly mode: 'memory' | 'unavailable' = 'memory') {}

  availability(): KeychainAvailability {
    return this.mode === 'memory'
      ? { available: true, backend: 'memory', reason: null }
      : {
          available: false,
          backend: null,
          reason: 'No system keychain is available, so Hubkeeper will not remember passwords.',
        };
  }

  has(key: string): boolean {
    return this.secrets.has(key);
  }

  async save(key: string, secret: string): Promise<Result<void>> {
    if (this.mode !== 'memory') return fail('UNAVAILABLE', this.availability().reason ?? 'No keychain.');
    this.secrets.set(key, secret);
    return ok(undefined);
  }

  async load(key: string): Promise<Result<string | null>> {
    return ok(this.secrets.get(key) ?? null);
  }

  async delete(key: string): Promise<void> {
    this.secrets.delete(key);
  }
}
