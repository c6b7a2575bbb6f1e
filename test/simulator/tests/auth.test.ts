import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CURRENT_CODES,
  LEGACY_CODES,
  PERMISSION,
  startHub,
  USER_TYPE,
  type ResultFamily,
  type SimulatedHub,
} from '../index';
import { call, login, md5, sleep } from './http-helpers';

const users = [
  { name: 'Admin', password: 'Admin', type: USER_TYPE.ADMIN, permission: PERMISSION.ALL, groupName: 'Admin', id: 1 },
  // A viewer that may look at devices but not at the system configuration.
  {
    name: 'viewer',
    password: 'look',
    type: USER_TYPE.VIEWER,
    permission: PERMISSION.DEVICE_VIEW,
    groupName: 'Viewers',
    id: 7,
  },
];

describe.each<[ResultFamily, typeof CURRENT_CODES]>([
  ['current', CURRENT_CODES],
  ['legacy', LEGACY_CODES],
])('login and sessions, %s result codes', (family, codes) => {
  let hub: SimulatedHub;
  beforeAll(async () => {
    hub = await startHub({ port: 0, users, resultFamily: family });
  });
  afterAll(() => hub.stop());

  it('logs in with the MD5 of the password and sets both cookies', async () => {
    const { answer } = await login(hub);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      result: 0,
      'is-hardware': true,
      user: { name: 'Admin', id: 1, 'group-name': 'Admin', permission: 4294967295, type: 1 },
    });
    const token = answer.json.token as string;
    expect(token).toMatch(/^[A-Z]{32}$/);
    const cookies = answer.headers['set-cookie'] as string[];
    expect(cookies.some((c) => c.startsWith(`mwcloud-sid=${token};`))).toBe(true);
    expect(cookies.some((c) => c.startsWith('mwcloud-uid=Admin;'))).toBe(true);
  });

  it('rejects a wrong password', async () => {
    const { answer } = await login(hub, 'Admin', 'admin');
    expect(answer.json).toStrictEqual({ result: codes.mismatch });
    expect(answer.headers['set-cookie']).toBeUndefined();
  });

  it('rejects an unknown user', async () => {
    const { answer } = await login(hub, 'nobody', 'Admin');
    expect(answer.json).toStrictEqual({ result: codes.notExist });
  });

  it('rejects a plain-text password and a malformed body as invalid argument', async () => {
    const plain = await call(hub, '/api/login', {
      method: 'POST',
      body: JSON.stringify({ id: 'Admin', pass: 'Admin' }),
    });
    expect(plain.json.result).toBe(codes.mismatch);
    const broken = await call(hub, '/api/login', { method: 'POST', body: '{"id": ' });
    expect(broken.json.result).toBe(codes.invalidArg);
  });

  it('checks both cookies on every other call', async () => {
    const { answer } = await login(hub);
    const token = answer.json.token as string;
    const paths = ['/api/update/status', '/api/system/status', '/api/settings/get', '/api/device/list'];
    for (const path of paths) {
      expect((await call(hub, path, { cookie: `mwcloud-sid=${token}; mwcloud-uid=Admin` })).json.result).toBe(0);
      expect((await call(hub, path, { cookie: `mwcloud-sid=${token}` })).json).toStrictEqual({
        result: codes.notLoggedIn,
      });
      expect((await call(hub, path, { cookie: 'mwcloud-uid=Admin' })).json).toStrictEqual({
        result: codes.notLoggedIn,
      });
      expect((await call(hub, path, { cookie: `mwcloud-sid=${token}; mwcloud-uid=viewer` })).json).toStrictEqual({
        result: codes.notLoggedIn,
      });
      expect((await call(hub, path, { cookie: 'mwcloud-sid=WRONG; mwcloud-uid=Admin' })).json).toStrictEqual({
        result: codes.notLoggedIn,
      });
    }
  });

  it('ends the session on logout (GET and POST)', async () => {
    for (const method of ['GET', 'POST']) {
      const { cookie } = await login(hub);
      expect((await call(hub, '/api/logout', { method, cookie })).json).toStrictEqual({ result: 0 });
      expect((await call(hub, '/api/update/status', { cookie })).json).toStrictEqual({ result: codes.notLoggedIn });
      expect((await call(hub, '/api/logout', { method, cookie })).json).toStrictEqual({ result: codes.notLoggedIn });
    }
  });

  it('denies a viewer without "view system configuration" update status and settings, but not devices', async () => {
    const { answer, cookie } = await login(hub, 'viewer', 'look');
    expect(answer.json).toMatchObject({
      result: 0,
      user: { name: 'viewer', type: 4, permission: PERMISSION.DEVICE_VIEW },
    });
    expect((await call(hub, '/api/update/status', { cookie })).json).toStrictEqual({ result: codes.notPermitted });
    expect((await call(hub, '/api/settings/get', { cookie })).json).toStrictEqual({ result: codes.notPermitted });
    expect((await call(hub, '/api/device/list', { cookie })).json.result).toBe(0);
    expect((await call(hub, '/api/system/status', { cookie })).json.result).toBe(0);
  });
});

describe('session idle timeout', () => {
  it('expires an idle session with the not-logged-in code, and renews an active one', async () => {
    const hub = await startHub({ port: 0, sessionIdleMs: 300 });
    try {
      const { cookie } = await login(hub);
      for (let i = 0; i < 4; i++) {
        await sleep(120);
        expect((await call(hub, '/api/update/status', { cookie })).json.result).toBe(0);
      }
      await sleep(400);
      expect((await call(hub, '/api/update/status', { cookie })).json).toStrictEqual({ result: 37 });
      // Gone for good, even if asked again quickly.
      expect((await call(hub, '/api/system/status', { cookie })).json).toStrictEqual({ result: 37 });
    } finally {
      await hub.stop();
    }
  });

  it('answers HTTP 401 on expiry with the http401OnExpiry variant, legacy -17 with legacy codes', async () => {
    const hub = await startHub({ port: 0, sessionIdleMs: 100, variant: { http401OnExpiry: true } });
    const legacy = await startHub({ port: 0, sessionIdleMs: 100, variant: { legacyCodes: true } });
    try {
      const a = await login(hub);
      const b = await login(legacy);
      await sleep(200);
      const expired = await call(hub, '/api/update/status', { cookie: a.cookie });
      expect(expired.status).toBe(401);
      expect((await call(hub, '/api/update/status')).status).toBe(401);
      expect((await call(legacy, '/api/update/status', { cookie: b.cookie })).json).toStrictEqual({ result: -17 });
    } finally {
      await Promise.all([hub.stop(), legacy.stop()]);
    }
  });

  it('reports the timeout in minutes in settings and system status', async () => {
    const hub = await startHub({ port: 0, sessionIdleMs: 45 * 60_000 });
    try {
      const { cookie } = await login(hub);
      expect((await call(hub, '/api/settings/get', { cookie })).json['expired-time']).toBe(45);
      const sys = (await call(hub, '/api/system/status', { cookie })).json as {
        status: { system: { info: Record<string, unknown> } };
      };
      expect(sys.status.system.info['expired-time']).toBe(45);
    } finally {
      await hub.stop();
    }
  });
});

describe('user configuration', () => {
  it('refuses a non-loopback host before binding anything', async () => {
    await expect(startHub({ host: '192.0.2.10' })).rejects.toThrow(/127\.0\.0\.0\/8/);
  });

  it('uses the MD5 of the configured password', async () => {
    const hub = await startHub({ port: 0, users: [{ name: 'tech', password: 's3cret', type: 2, permission: 0x3 }] });
    try {
      expect(md5('s3cret')).toHaveLength(32);
      expect((await login(hub, 'tech', 's3cret')).answer.json.result).toBe(0);
      expect((await login(hub, 'Admin', 'Admin')).answer.json.result).toBe(16);
    } finally {
      await hub.stop();
    }
  });
});
