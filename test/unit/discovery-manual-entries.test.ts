import { describe, expect, it } from 'vitest';
import {
  canonicalHost,
  MAX_MANUAL_ENTRIES,
  parseManualEntries,
  parseManualEntry,
} from '../../electron/core/discovery/manual-entries';

const target = (input: string) => {
  const r = parseManualEntry(input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const refusal = (input: string) => {
  const r = parseManualEntry(input);
  if (r.ok) throw new Error(`expected "${input}" to be refused`);
  expect(r.error.code).toBe('BAD_INPUT');
  return r.error.message;
};
const both = [
  { port: 80, hint: 'auto' },
  { port: 443, hint: 'auto' },
];

describe('parseManualEntry', () => {
  it('probes a bare host on 80 and 443, a host:port on that port, a URL in its scheme', () => {
    expect(target('192.168.1.20')).toEqual({ host: '192.168.1.20', ports: both });
    expect(target('192.168.1.20:8080')).toEqual({ host: '192.168.1.20', ports: [{ port: 8080, hint: 'auto' }] });
    expect(target('http://192.168.1.20')).toEqual({ host: '192.168.1.20', ports: [{ port: 80, hint: 'http' }] });
    expect(target('HTTPS://Hub.Local:8443/')).toEqual({ host: 'hub.local', ports: [{ port: 8443, hint: 'https' }] });
    expect(target('https://hub.local')).toEqual({ host: 'hub.local', ports: [{ port: 443, hint: 'https' }] });
    expect(target('hub.local.')).toEqual({ host: 'hub.local', ports: both });
  });

  it('reads IPv6 literals bare, bracketed, with a port or a zone, in canonical form', () => {
    expect(target('FE80:0::1')).toEqual({ host: 'fe80::1', ports: both });
    expect(target('fe80::1%eth0').host).toBe('fe80::1%eth0');
    expect(target('[fe80::1]:8080')).toEqual({ host: 'fe80::1', ports: [{ port: 8080, hint: 'auto' }] });
    expect(target('[2001:db8::5]')).toEqual({ host: '2001:db8::5', ports: both });
    expect(target('https://[::1]:9443')).toEqual({ host: '::1', ports: [{ port: 9443, hint: 'https' }] });
    expect(canonicalHost('[2001:DB8:0:0::5]')).toBe('2001:db8::5');
  });

  it('refuses what is not an address, saying why', () => {
    expect(refusal('10.1')).toMatch(/four numbers/);
    expect(refusal('0x7f.1')).toMatch(/four numbers/);
    expect(refusal('010.0.0.1')).toMatch(/four numbers/);
    expect(refusal('1.2.3.4:70000')).toMatch(/port must be between 1 and 65535/);
    expect(refusal('1.2.3.4:0')).toMatch(/port/);
    expect(refusal('ftp://1.2.3.4')).toMatch(/only http:\/\/ and https:\/\//);
    expect(refusal('http://1.2.3.4/admin')).toMatch(/path/);
    expect(refusal('http://admin:pw@1.2.3.4')).toMatch(/user name or password/);
    expect(refusal('fe80:::1')).toMatch(/not a valid IPv6 address/);
    expect(refusal('hub one')).toMatch(/spaces/);
  });
});

describe('parseManualEntries', () => {
  it('splits lines and commas, keeps line numbers, skips blanks and # comments', () => {
    const r = parseManualEntries('# site A\n127.0.0.2, 127.0.0.3:8080\n\n  https://127.0.0.4  \r\nbad entry!\n');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.map((e) => [e.input, e.line, e.target.ok])).toEqual([
      ['127.0.0.2', 2, true],
      ['127.0.0.3:8080', 2, true],
      ['https://127.0.0.4', 4, true],
      ['bad entry!', 5, false],
    ]);
  });

  it('refuses an empty paste and one over the limit', () => {
    expect(parseManualEntries(' \n# only a comment\n').ok).toBe(false);
    const many = Array.from({ length: MAX_MANUAL_ENTRIES + 1 }, (_, i) => `127.0.${i >> 8}.${i & 255}`).join('\n');
    const r = parseManualEntries(many);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/More than 1024/);
  });
});
