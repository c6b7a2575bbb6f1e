/**
 * What is remembered per hub: the user name with the password, stored as one secret so the
 * keychain holds both (a user name is not secret, but keeping them together means a forgotten
 * password never leaves an orphan). Anything unreadable counts as nothing remembered.
 */
export interface SavedCredential {
  user: string;
  password: string;
}

export function encodeCredential(credential: SavedCredential): string {
  return JSON.stringify({ v: 1, user: credential.user, password: credential.password });
}

export function decodeCredential(secret: string | null): SavedCredential | null {
  if (!secret) return null;
  try {
    const value = JSON.parse(secret) as { v?: unknown; user?: unknown; password?: unknown };
    if (value.v === 1 && typeof value.user === 'string' && typeof value.password === 'string' && value.password) {
      return { user: value.user, password: value.password };
    }
  } catch {
    // not ours
  }
  return null;
}
