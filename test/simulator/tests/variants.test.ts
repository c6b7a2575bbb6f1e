import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type SimulatedHub, type Variants } from '../index';
import { call, login } from './http-helpers';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('variants of the update-status answer', () => {
  let hub: SimulatedHub;
  let cookie: string;
  const status = async (variant: Partial<Variants>, query = ''): Promise<Body> => {
    hub.resetVariant(variant);
    return (await call(hub, `/api/update/status${query}`, { cookie })).json;
  };
  beforeAll(async () => {
    hub = await startHub({ port: 0 });
    cookie = (await login(hub)).cookie;
  });
  afterAll(() => hub.stop());

  it('topLevelFields: the fields of status sit next to result', async () => {
    const b = await status({ topLevelFields: true });
    expect(b.status).toBeUndefined();
    expect(b).toMatchObject({ result: 0, state: 0, version: '2.1.28', progress: 0, 'enable-update': true, info: '' });
    expect(b['online-status'].versions.total).toBe(50);
  });

  it('newestVersionAsString: newest-version is a plain string', async () => {
    expect((await status({ newestVersionAsString: true })).status['online-status']['newest-version']).toBe('2.1.28');
  });

  it('booleansAsNumbers: every boolean is 0/1', async () => {
    const b = await status({ booleansAsNumbers: true });
    expect(b.status['enable-update']).toBe(1);
    expect(b.status['online-status']).toMatchObject({ 'is-newest': 1, enable: 1, 'enable-expr': 1 });
    expect(b.status['online-status'].versions.list[0]['is-expr']).toBe(1);
    expect(JSON.stringify(b)).not.toMatch(/true|false/);
  });

  it('numericStrings: every number but result is a numeric string', async () => {
    const b = await status({ numericStrings: true });
    expect(b.result).toBe(0);
    expect(b.status).toMatchObject({ state: '0', progress: '0' });
    expect(b.status['online-status']).toMatchObject({ date: '1694400871', 'check-result': '0' });
    expect(b.status['online-status'].versions).toMatchObject({ start: '1', total: '50' });
    expect(b.status['online-status'].versions.list[0].date).toBe('1693788867');
  });

  it('booleansAsNumbers + numericStrings: booleans become "0"/"1"', async () => {
    const b = await status({ booleansAsNumbers: true, numericStrings: true });
    expect(b.status['enable-update']).toBe('1');
  });

  it('unknownStateBits: 0x80 is added to the state', async () => {
    expect((await status({ unknownStateBits: true })).status.state).toBe(0x80);
    expect(hub.stateCode).toBe(0x80);
  });

  it('progressOutOfRange: -5 when idle, 140 while downloading, or a given number', async () => {
    expect((await status({ progressOutOfRange: true })).status.progress).toBe(-5);
    expect((await status({ progressOutOfRange: 250 })).status.progress).toBe(250);
    hub.setScenario('downloading');
    try {
      expect((await status({ progressOutOfRange: true })).status.progress).toBe(140);
    } finally {
      hub.setScenario('idle');
    }
  });

  it('missingOnlineStatus / missingVersions', async () => {
    const a = await status({ missingOnlineStatus: true });
    expect(a.status).not.toHaveProperty('online-status');
    expect(a.status.version).toBe('2.1.28');
    const b = await status({ missingVersions: true });
    expect(b.status['online-status']).not.toHaveProperty('versions');
    expect(b.status['online-status']['is-newest']).toBe(true);
  });

  it('extraFields: remote-ip and an unknown field appear', async () => {
    const b = await status({ extraFields: true });
    expect(b['remote-ip']).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(b).toHaveProperty('x-simulator-extra');
  });

  it('rejects unknown variant names and wrong types', () => {
    expect(() => hub.setVariant({ nope: true } as unknown as Partial<Variants>)).toThrow(
      /unknown simulator variant "nope"/,
    );
    expect(() => hub.setVariant({ topLevelFields: 'yes' } as unknown as Partial<Variants>)).toThrow(
      /must be a boolean/,
    );
    expect(() => hub.setVariant({ maxPageSize: -1 })).toThrow(/integer/);
  });
});

describe('variants of login and session answers', () => {
  it('legacyCodes switches every code to the negative family', async () => {
    const hub = await startHub({ port: 0, variant: { legacyCodes: true } });
    try {
      expect((await login(hub, 'Admin', 'x')).answer.json).toStrictEqual({ result: -1 });
      expect((await login(hub, 'ghost', 'x')).answer.json).toStrictEqual({ result: -14 });
      expect((await call(hub, '/api/update/status')).json).toStrictEqual({ result: -17 });
      expect((await call(hub, '/api/update/status?start=x', { cookie: (await login(hub)).cookie })).json).toStrictEqual(
        { result: -10 },
      );
    } finally {
      await hub.stop();
    }
  });

  it('authFailed36, noSetCookie, http403OnExpiry', async () => {
    const hub = await startHub({ port: 0, variant: { authFailed36: true, noSetCookie: true, http403OnExpiry: true } });
    try {
      expect((await login(hub, 'Admin', 'x')).answer.json).toStrictEqual({ result: 36 });
      const ok = await login(hub);
      expect(ok.answer.json.result).toBe(0);
      expect(ok.answer.headers['set-cookie']).toBeUndefined();
      // The client builds the cookies from token + user name itself.
      expect((await call(hub, '/api/update/status', { cookie: ok.cookie })).json.result).toBe(0);
      expect((await call(hub, '/api/update/status')).status).toBe(403);
    } finally {
      await hub.stop();
    }
  });

  it('loginSession: each form puts the session where real hubs put it', async () => {
    const hub = await startHub({ port: 0 });
    const sessionOf = async (loginSession: Variants['loginSession']) => {
      hub.resetVariant({ loginSession });
      const { answer } = await login(hub);
      const cookies = ([] as string[]).concat(answer.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
      return { token: answer.json.token, sid: answer.json.sid, cookies: cookies.map((c) => c?.split('=')[0]) };
    };
    try {
      const both = await sessionOf('token-and-cookies');
      expect([typeof both.token, both.sid, both.cookies]).toEqual([
        'string',
        undefined,
        ['mwcloud-sid', 'mwcloud-uid'],
      ]);
      expect(await sessionOf('cookies-only')).toEqual({
        token: undefined,
        sid: undefined,
        cookies: ['mwcloud-sid', 'mwcloud-uid'],
      });
      expect(await sessionOf('sid-cookie-only')).toEqual({
        token: undefined,
        sid: undefined,
        cookies: ['mwcloud-sid'],
      });
      const tokenOnly = await sessionOf('token-only');
      expect([typeof tokenOnly.token, tokenOnly.sid, tokenOnly.cookies]).toEqual(['string', undefined, []]);
      const legacy = await sessionOf('legacy-sid');
      expect([legacy.token, typeof legacy.sid, legacy.cookies]).toEqual([undefined, 'string', []]);
      expect(() => hub.setVariant({ loginSession: 'nowhere' as Variants['loginSession'] })).toThrow(/loginSession/);
    } finally {
      await hub.stop();
    }
  });

  it('value variants apply to system status and settings too', async () => {
    const hub = await startHub({ port: 0, variant: { booleansAsNumbers: true, numericStrings: true } });
    try {
      const { cookie } = await login(hub);
      const s = (await call(hub, '/api/settings/get', { cookie })).json as Body;
      expect(s.result).toBe(0);
      expect(s.web['enable-https']).toBe('0');
      expect(s['expired-time']).toBe('30');
      const sys = (await call(hub, '/api/system/status', { cookie })).json as Body;
      expect(sys.status.system.status['status-code']).toBe('0');
    } finally {
      await hub.stop();
    }
  });
});
