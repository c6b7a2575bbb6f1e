import { describe, expect, it } from 'vitest';
import { LOGIN_SESSION_FORMS, type LoginSessionForm } from '../simulator';
import { useHubHarness } from './hub-harness';

/**
 * Every form of session a real hub hands out at login (Set-Cookie with or without the user
 * cookie, a body `token`, both, an older build's `sid`): the client logs in, polls on that
 * session, logs in again once after the hub forgets it, and logs out. Hubs on 127.3.11.1.
 */

const { hub, clientFor } = useHubHarness('127.3.11.1', 5000);

describe('sessions real hubs hand out', () => {
  it.each(LOGIN_SESSION_FORMS.map((form) => [form] as const))(
    '%s: login, a poll on that session, re-login after the hub forgets it, logout',
    async (form: LoginSessionForm) => {
      const h = await hub({ variant: { loginSession: form } });
      const c = clientFor(h);

      const login = await c.login();
      expect(login.ok, login.ok ? '' : login.error.message).toBe(true);
      const first = await c.updateStatus();
      expect(first.ok, first.ok ? '' : first.error.message).toBe(true);
      expect(h.sessions.size).toBe(1);

      h.forgetSessions();
      h.clearRequests();
      const again = await c.updateStatus();
      expect(again.ok, again.ok ? '' : again.error.message).toBe(true);
      // Refused once, logged in once, the same call retried once: never a loop.
      expect(h.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        'GET /api/update/status',
        'POST /api/login',
        'GET /api/update/status',
      ]);

      expect(await c.logout()).toEqual({ ok: true, value: undefined });
      expect(h.sessions.size).toBe(0);
      expect(c.isLoggedIn).toBe(false);
    },
  );

  it('sid-cookie-only: the client adds the user cookie the hub did not set', async () => {
    const h = await hub({ variant: { loginSession: 'sid-cookie-only' } });
    const c = clientFor(h);
    expect((await c.login()).ok).toBe(true);
    const sent = h.requests.length;
    expect((await c.updateStatus()).ok).toBe(true);
    const cookie = String(h.requests[sent]?.headers.cookie ?? '');
    expect(cookie).toMatch(/mwcloud-sid=[A-Z]{32}/);
    expect(cookie).toContain('mwcloud-uid=Admin');
  });

  it('a login answer without any session is a clear protocol error, not a session', async () => {
    const h = await hub({ variant: { loginSession: 'cookies-only', noSetCookie: true } });
    const c = clientFor(h);
    const login = await c.login();
    expect(login.ok).toBe(false);
    if (login.ok) return;
    expect(login.error.code).toBe('PROTOCOL');
    expect(login.error.message).toMatch(/no mwcloud-sid cookie, no "token" or "sid"/);
    expect(c.isLoggedIn).toBe(false);
  });
});
