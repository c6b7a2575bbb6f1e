import { describe, expect, it } from 'vitest';
import { normalisePin, pinFromFingerprint256 } from '../../electron/core/hub/pin';
import { errorForResult, NOT_LOGGED_IN_CODES } from '../../electron/core/hub/result-codes';

const HEX = 'a487eef9d3e5a81ef9ff8deb143e61a086bc01196d1dce8ff1a1424aff9e44b3';

describe('pins', () => {
  it('accepts sha256:hex, bare hex and the colon form, in any case', () => {
    const colon = HEX.toUpperCase().match(/../g)!.join(':');
    for (const input of [`sha256:${HEX}`, HEX, colon, `SHA256:${colon}`, ` sha256:${HEX.toUpperCase()} `]) {
      expect(normalisePin(input)).toEqual({ ok: true, value: `sha256:${HEX}` });
    }
    expect(pinFromFingerprint256(colon)).toBe(`sha256:${HEX}`);
  });

  it.each(['', 'sha256:', `sha256:${HEX.slice(1)}`, `sha1:${HEX}`, `${HEX}00`, 'sha256:zz'])('refuses %j', (input) => {
    const r = normalisePin(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('64 hexadecimal') });
  });
});

describe('result codes, both families', () => {
  it('knows both not-logged-in codes', () => {
    expect([...NOT_LOGGED_IN_CODES].sort()).toEqual([-17, 37]);
  });

  it.each([
    [39, 'AUTH_FAILED', 'password'],
    [36, 'AUTH_FAILED', 'password'],
    [-1, 'AUTH_FAILED', 'password'],
    [16, 'AUTH_FAILED', 'no user'],
    [-14, 'AUTH_FAILED', 'no user'],
    [31, 'NOT_PERMITTED', 'not allowed'],
    [-26, 'NOT_PERMITTED', 'not allowed'],
    [11, 'HUB_ERROR', 'busy'],
    [-9, 'HUB_ERROR', 'busy'],
    [7, 'HUB_ERROR', 'invalid'],
    [-10, 'HUB_ERROR', 'invalid'],
    [12345, 'HUB_ERROR', 'error code 12345'],
    [-99, 'HUB_ERROR', 'error code -99'],
  ])('%i → %s with the number kept', (code, expected, words) => {
    const e = errorForResult(code, 'the update status request', 'viewer');
    expect(e.code).toBe(expected);
    expect(e.hubCode).toBe(code);
    expect(e.message).toContain(words);
    expect(e.message).toContain(String(code));
  });

  it('names the user in authentication messages', () => {
    expect(errorForResult(39, 'the login', 'Admin').message).toContain('"Admin"');
  });
});
