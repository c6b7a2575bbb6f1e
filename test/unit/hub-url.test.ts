import { describe, expect, it } from 'vitest';
import { formatHubUrl, parseHubUrl } from '../../electron/core/hub/hub-url';

const parsed = (input: string) => {
  const r = parseHubUrl(input);
  if (!r.ok) throw new Error(`expected ${input} to parse: ${r.error.message}`);
  return r.value;
};

describe('parseHubUrl', () => {
  it.each([
    ['http://127.0.0.2:8080', { scheme: 'http', host: '127.0.0.2', port: 8080 }],
    ['https://hub.local', { scheme: 'https', host: 'hub.local', port: 443 }],
    ['HTTPS://Hub.Local:8443/', { scheme: 'https', host: 'hub.local', port: 8443 }],
    ['192.168.1.20', { scheme: 'http', host: '192.168.1.20', port: 80 }],
    ['192.168.1.20:81', { scheme: 'http', host: '192.168.1.20', port: 81 }],
    ['[::1]:8080', { scheme: 'http', host: '::1', port: 8080 }],
    ['https://[fe80::1]', { scheme: 'https', host: 'fe80::1', port: 443 }],
    ['  localhost:3000  ', { scheme: 'http', host: 'localhost', port: 3000 }],
    ['http://127.0.0.2:80', { scheme: 'http', host: '127.0.0.2', port: 80 }],
  ])('reads %s', (input, expected) => {
    expect(parsed(input)).toEqual(expected);
  });

  it.each([
    ['', 'empty'],
    ['ftp://hub', 'only http:// and https://'],
    ['http://hub/api/login', 'path'],
    ['http://hub?x=1', 'path'],
    ['http://admin:Admin@hub', 'password'],
    ['hub:0', 'port'],
    ['hub:70000', 'port'],
    ['hub name', 'spaces'],
    ['http://', 'cannot be read'],
  ])('refuses %j with a clear BAD_INPUT', (input, why) => {
    const r = parseHubUrl(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('BAD_INPUT');
    expect(r.error.message).toContain(why);
    expect(r.error.message).toContain('Examples');
  });
});

describe('formatHubUrl', () => {
  it('is the WHATWG origin: default ports left out, IPv6 bracketed', () => {
    expect(formatHubUrl({ scheme: 'http', host: '127.0.0.2', port: 8080 })).toBe('http://127.0.0.2:8080');
    expect(formatHubUrl({ scheme: 'http', host: '127.0.0.2', port: 80 })).toBe('http://127.0.0.2');
    expect(formatHubUrl({ scheme: 'https', host: 'hub.local', port: 443 })).toBe('https://hub.local');
    expect(formatHubUrl({ scheme: 'https', host: 'hub.local', port: 80 })).toBe('https://hub.local:80');
    expect(formatHubUrl({ scheme: 'http', host: '::1', port: 8080 })).toBe('http://[::1]:8080');
  });

  it('round-trips and matches new URL().origin', () => {
    for (const input of ['http://127.0.0.2:8080', 'https://h:443', 'h', '[::1]:9', 'https://[fe80::1]:8443']) {
      const url = formatHubUrl(parsed(input));
      expect(formatHubUrl(parsed(url))).toBe(url);
      expect(new URL(url).origin).toBe(url);
    }
  });
});
