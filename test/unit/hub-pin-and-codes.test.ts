import { describe, expect, it } from 'vitest';
import { normalisePin, pinFromFingerprint256 } from '../../electron/core/hub/pin';
import { errorForResult, isNotLoggedIn, NOT_LOGGED_IN_CODES } from '../../electron/core/hub/result-codes';
import { formatSeconds } from '../../electron/core/hub/seconds';

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

describe('not logged in, both families', () => {
  it.each([
    [37, true],
    [-17, true],
    [0, false],
    [39, false],
    [null, false],
  ] as const)('%j → %s', (code, expected) => {
    expect(isNotLoggedIn(code)).toBe(expected);
  });

  it('a current code and its legacy twin mean the same, in the same words', () => {
    for (const [current, legacy] of [
      [39, -1],
      [16, -14],
      [31, -26],
      [11, -9],
      [7, -10],
    ] as const) {
      const a = errorForResult(current, 'the login', 'Admin');
      const b = errorForResult(legacy, 'the login', 'Admin');
      expect(b.code).toBe(a.code);
      expect(b.message.replace(String(legacy), 'N')).toBe(a.message.replace(String(current), 'N'));
    }
  });
});

describe('durations in messages', () => {
  it.each([
    [10_000, '10 s'],
    [2987, '3 s'],
    [2500, '2.5 s'],
    [400, '0.4 s'],
    [1234, '1.2 s'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatSeconds(ms)).toBe(text);
  });
});
