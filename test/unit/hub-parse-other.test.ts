import { describe, expect, it } from 'vitest';
import { parseLogin, parseSettings, parseSystemStatus } from '../../electron/core/hub/parse-other';

describe('parseLogin', () => {
  it('reads token, user and edition', () => {
    const r = parseLogin(
      {
        result: 0,
        token: 'ABC',
        'is-hardware': 1,
        user: { name: 'Admin', id: 1, 'group-name': 'Admin', permission: 4294967295, type: 1 },
      },
      'Admin',
    );
    expect(r).toEqual({
      ok: true,
      value: {
        token: 'ABC',
        info: { user: 'Admin', userType: 1, permission: 4294967295, groupName: 'Admin', isHardware: true },
      },
    });
  });

  it('tolerates a missing user object and numeric strings', () => {
    const r = parseLogin({ result: '0', token: 'T', user: 'x' }, 'viewer');
    expect(r.ok && r.value.info).toEqual({
      user: 'viewer',
      userType: null,
      permission: null,
      groupName: null,
      isHardware: null,
    });
  });

  it("a success without a body token leaves the session to Set-Cookie (the client decides); an older build's sid is read", () => {
    expect(parseLogin({ result: 0 }, 'Admin')).toMatchObject({ ok: true, value: { token: null } });
    expect(parseLogin({ result: 0, sid: 'OLD' }, 'Admin')).toMatchObject({ ok: true, value: { token: 'OLD' } });
    expect(parseLogin({ result: 0, sid: 'OLD', token: 'NEW' }, 'Admin')).toMatchObject({
      ok: true,
      value: { token: 'NEW' },
    });
    expect(parseLogin([], 'Admin')).toMatchObject({ ok: false, error: { code: 'PROTOCOL' } });
  });
});

describe('parseSystemStatus', () => {
  const body = {
    result: 0,
    status: {
      system: {
        info: { 'date-time': 1694400871, 'cloud-version': '2.1.28', 'hardware-ver': 'A', 'expired-time': 30 },
        status: {
          cpu: 12,
          mem: 33,
          'net-tx': 0.5,
          'net-rx': '1.25',
          'disk-info': { total: 59000, free: 41250 },
          'status-code': 0x1000 | 0x8000 | 0x4,
        },
      },
    },
  };

  it('reads the documented nesting and names the flag bits', () => {
    expect(parseSystemStatus(body)).toEqual({
      ok: true,
      value: {
        clock: '2023-09-11T02:54:31.000Z',
        cloudVersion: '2.1.28',
        hardwareVersion: 'A',
        sessionTimeoutMin: 30,
        cpu: 12,
        mem: 33,
        netTxMbps: 0.5,
        netRxMbps: 1.25,
        diskTotalMb: 59000,
        diskFreeMb: 41250,
        statusCode: 0x9004,
        flags: ['new-version', 'updating'],
      },
    });
  });

  it('also finds `system` at the top level; absent fields are null', () => {
    const r = parseSystemStatus({ result: 0, system: { info: { 'cloud-version': '2.1.27' } } });
    expect(r.ok && r.value).toMatchObject({
      cloudVersion: '2.1.27',
      hardwareVersion: null,
      cpu: null,
      statusCode: null,
      flags: [],
    });
  });

  it('without any system information it is PROTOCOL', () => {
    expect(parseSystemStatus({ result: 0 })).toMatchObject({ ok: false, error: { code: 'PROTOCOL' } });
  });
});

describe('parseSettings', () => {
  it('reads the documented top-level fields', () => {
    const r = parseSettings({
      result: 0,
      'expired-time': 30,
      web: { 'enable-https': 1, 'http-port': '80', 'https-port': 443 },
      rtmp: { port: 1935 },
    });
    expect(r).toEqual({ ok: true, value: { sessionTimeoutMin: 30, httpPort: 80, httpsEnabled: true, httpsPort: 443 } });
  });

  it('also under `settings`; missing values are null', () => {
    const r = parseSettings({ result: 0, settings: { web: { 'enable-https': false } } });
    expect(r).toEqual({
      ok: true,
      value: { sessionTimeoutMin: null, httpPort: null, httpsEnabled: false, httpsPort: null },
    });
  });
});
