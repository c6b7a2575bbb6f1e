import { createHash } from 'node:crypto';
import type { ApiRequest, HubContext, Reply } from '../context';
import { json } from '../context';
import { AUTH_FAILED_36 } from '../result-codes';
import type { LoginSessionForm, UserSpec } from '../types';

export const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/**
 * The answer to a call without a live session: HTTP 200 with the not-logged-in code, or a
 * bare 401/403 when the hub plays a unit that answers at the transport level.
 */
export function notLoggedIn(ctx: HubContext): Reply {
  if (ctx.variants.http401OnExpiry) return { status: 401, text: 'Unauthorized' };
  if (ctx.variants.http403OnExpiry) return { status: 403, text: 'Forbidden' };
  return json({ result: ctx.codes.notLoggedIn });
}

/** The logged-in user for this request's two cookies, or the reply to send instead. */
export function authenticate(ctx: HubContext, req: ApiRequest): { user: UserSpec } | { reply: Reply } {
  const session = ctx.sessions.touch(req.cookies['mwcloud-sid'], decodeCookie(req.cookies['mwcloud-uid']), req.now);
  const user = session ? ctx.users.get(session.user) : undefined;
  if (!session || !user) return { reply: notLoggedIn(ctx) };
  return { user };
}

function decodeCookie(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function login(ctx: HubContext, req: ApiRequest): Reply {
  let id: unknown;
  let pass: unknown;
  try {
    const body = JSON.parse(req.body) as unknown;
    if (body && typeof body === 'object') ({ id, pass } = body as { id?: unknown; pass?: unknown });
  } catch {
    // fall through: invalid argument below
  }
  if (typeof id !== 'string' || typeof pass !== 'string' || id === '') return json({ result: ctx.codes.invalidArg });
  const user = ctx.users.get(id);
  if (!user) return json({ result: ctx.codes.notExist });
  if (pass !== user.passMd5) {
    const code = ctx.variants.authFailed36 && ctx.codes.mismatch > 0 ? AUTH_FAILED_36 : ctx.codes.mismatch;
    return json({ result: code });
  }
  const session = ctx.sessions.create(user.name, req.now);
  const form = ctx.variants.loginSession;
  const cookies = ctx.variants.noSetCookie ? [] : sessionCookies(form, session.token, user.name);
  const body: Record<string, unknown> = { result: ctx.codes.ok };
  if (form === 'token-and-cookies' || form === 'token-only') body.token = session.token;
  if (form === 'legacy-sid') body.sid = session.token;
  Object.assign(body, {
    'is-hardware': ctx.isHardware,
    user: {
      name: user.name,
      id: user.id ?? 0,
      'group-name': user.groupName ?? '',
      permission: user.permission >>> 0,
      type: user.type,
    },
  });
  return json(body, cookies.length > 0 ? { 'Set-Cookie': cookies } : undefined);
}

/** The Set-Cookie lines a hub playing `form` sends with a successful login. */
function sessionCookies(form: LoginSessionForm, token: string, user: string): string[] {
  const sid = `mwcloud-sid=${token}; Path=/; HttpOnly`;
  const uid = `mwcloud-uid=${encodeURIComponent(user)}; Path=/`;
  switch (form) {
    case 'token-and-cookies':
    case 'cookies-only':
      return [sid, uid];
    case 'sid-cookie-only':
      return [sid];
    case 'token-only':
    case 'legacy-sid':
      return [];
  }
}

export function logout(ctx: HubContext, req: ApiRequest): Reply {
  const auth = authenticate(ctx, req);
  if ('reply' in auth) return auth.reply;
  ctx.sessions.delete(req.cookies['mwcloud-sid'] ?? '');
  return json(
    { result: ctx.codes.ok },
    { 'Set-Cookie': ['mwcloud-sid=; Path=/; Max-Age=0', 'mwcloud-uid=; Path=/; Max-Age=0'] },
  );
}
