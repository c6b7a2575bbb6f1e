import type { HubBinding } from '../sessions/hub-binding';

/**
 * What is remembered per hub: the user name with the password, stored as one secret so the
 * keychain holds both (a user name is not secret, but keeping them together means a forgotten
 * password never leaves an orphan), and what the password was sent to when it was saved (the
 * certificate pin, the hardware address). Anything unreadable counts as nothing remembered.
 */
export interface SavedCredential {
  user: string;
  password: string;
  /**
   * What identified the hub when the password was saved; null for a password saved by an older
   * Hubkeeper, which recorded nothing and so is never handed out (typed once, it is bound).
   */
  binding: HubBinding | null;
}

export function encodeCredential(credential: { user: string; password: string; binding: HubBinding }): string {
  const { user, password, binding } = credential;
  return JSON.stringify({ v: 2, user, password, pin: binding.pin, mac: binding.mac });
}

const nullableString = (value: unknown): value is string | null => value === null || typeof value === 'string';

export function decodeCredential(secret: string | null): SavedCredential | null {
  if (!secret) return null;
  try {
    const value = JSON.parse(secret) as {
      v?: unknown;
      user?: unknown;
      password?: unknown;
      pin?: unknown;
      mac?: unknown;
    };
    if (typeof value.user !== 'string' || typeof value.password !== 'string' || !value.password) return null;
    if (value.v === 1) return { user: value.user, password: value.password, binding: null };
    if (value.v === 2 && nullableString(value.pin) && nullableString(value.mac)) {
      return { user: value.user, password: value.password, binding: { pin: value.pin, mac: value.mac } };
    }
  } catch {
    // not ours
  }
  return null;
}
