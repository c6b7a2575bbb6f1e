import { randomBytes } from 'node:crypto';

/**
 * Login sessions of one hub: token → user, with an idle timeout that each authenticated call
 * renews. A restart clears them all (the real hub keeps sessions in memory).
 */

export interface Session {
  token: string;
  user: string;
  lastSeen: number;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** 32 upper-case letters, like the token in Magewell's examples (OCXWUMGEYP…). */
export function newToken(): string {
  const bytes = randomBytes(32);
  let token = '';
  for (const b of bytes) token += LETTERS[b % 26];
  return token;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  /** idleMs: Infinity or a negative value means sessions never expire. */
  constructor(public idleMs: number) {}

  get size(): number {
    return this.sessions.size;
  }

  create(user: string, now: number): Session {
    // Clients that log in over and over without logging out must not grow memory forever.
    if (this.sessions.size >= 1000) this.sweep(now);
    const session = { token: newToken(), user, lastSeen: now };
    this.sessions.set(session.token, session);
    return session;
  }

  /** The live session for these cookies, renewed; null when unknown, mismatched or expired. */
  touch(token: string | undefined, user: string | undefined, now: number): Session | null {
    if (!token || !user) return null;
    const session = this.sessions.get(token);
    if (!session || session.user !== user) return null;
    if (this.expired(session, now)) {
      this.sessions.delete(token);
      return null;
    }
    session.lastSeen = now;
    return session;
  }

  delete(token: string): void {
    this.sessions.delete(token);
  }

  clear(): void {
    this.sessions.clear();
  }

  private expired(session: Session, now: number): boolean {
    return this.idleMs >= 0 && Number.isFinite(this.idleMs) && now - session.lastSeen > this.idleMs;
  }

  private sweep(now: number): void {
    for (const [token, session] of this.sessions) if (this.expired(session, now)) this.sessions.delete(token);
    // Still full of live sessions: drop the least recently used half.
    if (this.sessions.size >= 1000) {
      const byAge = [...this.sessions.values()].sort((a, b) => a.lastSeen - b.lastSeen);
      for (const s of byAge.slice(0, byAge.length / 2)) this.sessions.delete(s.token);
    }
  }
}

/** Parses a Cookie header into name → value (first occurrence wins). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !(name in out)) out[name] = part.slice(eq + 1).trim();
  }
  return out;
}
