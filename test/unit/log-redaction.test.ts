import { describe, expect, it } from 'vitest';
import { formatLogLine } from '../../electron/core/logging/log-line';
import { redactText, redactValue } from '../../electron/core/logging/redact';

/** Secrets planted in every shape a detail object or a message can carry them. */
const PASSWORD = 'Pa55-w0rd-XYZ';
const TOKEN = 'tok-9f8e7d6c5b4a';
const COOKIE = 'sid-0123456789abcdef';

function assertClean(text: string): void {
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain(COOKIE);
}

describe('redactText', () => {
  it('removes URL credentials, cookie and authorisation headers, bearer tokens and secret pairs', () => {
    const samples = [
      `GET http://admin:${PASSWORD}@127.0.10.5:8080/api/update/status failed`,
      `https://a:b:${PASSWORD}@x@hub.local/path`,
      `typed admin:${PASSWORD}@hub.local`,
      `Cookie: sid=${COOKIE}; other=1`,
      `set-cookie: sid=${COOKIE}; Path=/; HttpOnly`,
      `Authorization: Basic ${TOKEN}`,
      `header was Bearer ${TOKEN}`,
      `/api/login?user=admin&password=${PASSWORD}&x=1`,
      `{"password":"${PASSWORD}","token": "${TOKEN}"}`,
      `sessionId=${COOKIE}`,
    ];
    for (const sample of samples) assertClean(redactText(sample));
    // What is not a secret stays readable.
    expect(redactText('GET http://127.0.10.5:8080/api/update/status failed')).toBe(
      'GET http://127.0.10.5:8080/api/update/status failed',
    );
    expect(redactText('update 1.2.3 → 1.2.4 at 2026-01-01T10:00:00.000Z')).toBe(
      'update 1.2.3 → 1.2.4 at 2026-01-01T10:00:00.000Z',
    );
  });
});

describe('redactValue with hostile detail objects', () => {
  it('drops secret-named fields at any depth and cleans strings, errors, maps and buffers', () => {
    const axiosLike = Object.assign(new Error(`connect failed for http://admin:${PASSWORD}@hub`), {
      config: {
        headers: { Cookie: `sid=${COOKIE}`, 'X-Other': 'fine' },
        auth: { username: 'admin', password: PASSWORD },
      },
      cause: new Error(`token=${TOKEN}`),
    });
    const detail = {
      hubId: 'h1',
      password: PASSWORD,
      nested: { deeper: { apiKey: TOKEN, list: [{ credentials: { pw: PASSWORD } }, `cookie: ${COOKIE}`] } },
      error: axiosLike,
      map: new Map([['token', TOKEN]]),
      buffer: Buffer.from(PASSWORD),
      count: 3,
    };
    const out = JSON.stringify(redactValue(detail));
    assertClean(out);
    expect(out).toContain('"count":3');
    expect(out).toContain('X-Other');
  });

  it('survives cycles, throwing getters, toJSON traps, huge arrays and deep nesting', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const trap = {
      get boom(): string {
        throw new Error('getter exploded');
      },
      toJSON() {
        return { leaked: PASSWORD };
      },
      safe: 'ok',
    };
    let deep: Record<string, unknown> = { password: PASSWORD };
    for (let i = 0; i < 50; i++) deep = { next: deep, note: `token=${TOKEN}` };
    const detail = { cyclic, trap, big: Array.from({ length: 10_000 }, () => `password=${PASSWORD}`), deep };
    const out = JSON.stringify(redactValue(detail));
    assertClean(out);
    expect(out).toContain('[circular]');
    expect(out).toContain('[unreadable]');
    expect(out.length).toBeLessThan(20_000);
  });
});

describe('formatLogLine', () => {
  it('writes one line with time, level and hub id, redacted, with a forged line break escaped', () => {
    const line = formatLogLine(
      'warn',
      `hub failed\n2026-01-01T00:00:00.000Z INFO forged password=${PASSWORD}`,
      { hubId: 'hub-7', url: `http://admin:${PASSWORD}@127.0.10.5/`, cookie: COOKIE },
      new Date('2026-12-07T01:02:03.000Z'),
    );
    expect(line.split('\n')).toHaveLength(1);
    expect(line.startsWith('2026-12-07T01:02:03.000Z WARN hub=hub-7 hub failed\\n')).toBe(true);
    assertClean(line);
  });
});
