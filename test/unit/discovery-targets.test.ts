import { describe, expect, it } from 'vitest';
import {
  intToIpv4,
  ipv4ToInt,
  MAX_SWEEP_ADDRESSES,
  parsePorts,
  parseSweepTarget,
} from '../../electron/core/discovery/targets';

const addresses = (input: string) => {
  const r = parseSweepTarget(input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.addresses.map(intToIpv4);
};
const error = (input: string) => {
  const r = parseSweepTarget(input);
  if (r.ok) throw new Error(`expected "${input}" to be refused`);
  expect(r.error.code).toBe('BAD_INPUT');
  return r.error.message;
};

describe('parseSweepTarget', () => {
  it('skips network and broadcast addresses of a /24: 254 hosts', () => {
    const list = addresses('127.0.0.0/24');
    expect(list).toHaveLength(254);
    expect(list[0]).toBe('127.0.0.1');
    expect(list.at(-1)).toBe('127.0.0.254');
  });

  it('normalises a CIDR written with a host address', () => {
    expect(addresses('10.1.2.77/30')).toEqual(['10.1.2.77', '10.1.2.78']);
    expect(addresses('10.1.2.77/31')).toEqual(['10.1.2.76', '10.1.2.77']);
    expect(addresses('10.1.2.77/32')).toEqual(['10.1.2.77']);
  });

  it('reads full and last-octet ranges, inclusive', () => {
    expect(addresses('192.168.1.10-192.168.1.13')).toEqual([
      '192.168.1.10',
      '192.168.1.11',
      '192.168.1.12',
      '192.168.1.13',
    ]);
    expect(addresses('192.168.1.10-12')).toEqual(['192.168.1.10', '192.168.1.11', '192.168.1.12']);
    expect(addresses('10.0.0.254-10.0.1.1')).toEqual(['10.0.0.254', '10.0.0.255', '10.0.1.0', '10.0.1.1']);
  });

  it('reads lists separated by commas, spaces and newlines, merging overlaps and sorting', () => {
    expect(addresses('10.0.0.9, 10.0.0.3\n10.0.0.2-4 10.0.0.9')).toEqual([
      '10.0.0.2',
      '10.0.0.3',
      '10.0.0.4',
      '10.0.0.9',
    ]);
  });

  it('accepts exactly the limit and refuses one more, naming the limit', () => {
    expect(addresses('10.0.0.0/20')).toHaveLength(4094);
    expect(addresses('10.0.0.0-10.0.15.255')).toHaveLength(MAX_SWEEP_ADDRESSES);
    expect(error('10.0.0.0-10.0.16.0')).toMatch(/4097 addresses.*at most 4096/);
    expect(error('10.0.0.0/16')).toMatch(/"10\.0\.0\.0\/16" covers 65534 addresses/);
    expect(error('0.0.0.0/0')).toMatch(/at most 4096/);
    // Two acceptable parts that together are too many.
    expect(error('10.0.0.0/20 10.1.0.0/20')).toMatch(/8188 addresses/);
  });

  it('refuses malformed input saying what is wrong', () => {
    expect(error('')).toMatch(/No scan target/);
    expect(error('10.0.0.0/33')).toMatch(/prefix length/);
    expect(error('10.0.0.0/')).toMatch(/prefix length/);
    expect(error('10.0.0.256/24')).toMatch(/"10\.0\.0\.256" is not an IPv4 address/);
    expect(error('10.0.0.1-10.0.0.300')).toMatch(/range end "10\.0\.0\.300"/);
    expect(error('10.0.0.9-3')).toMatch(/ends before it starts/);
    expect(error('10.0.0.1-2-3')).toMatch(/exactly one "-"/);
    expect(error('hub.local')).toMatch(/host names cannot be swept/);
    expect(error('fe80::/64')).toMatch(/IPv4 only/);
    expect(error('127.1')).toMatch(/four numbers/);
    expect(error('010.0.0.1')).toMatch(/four numbers/);
    // One bad part refuses the whole target: half a sweep is worse than a clear error.
    expect(error('10.0.0.1, nonsense!')).toMatch(/"nonsense!"/);
  });

  it('converts addresses to integers and back', () => {
    expect(ipv4ToInt('255.255.255.255')).toBe(0xffffffff);
    expect(intToIpv4(ipv4ToInt('127.31.0.5'))).toBe('127.31.0.5');
  });
});

describe('parsePorts', () => {
  it('reads a comma or space separated list, dropping duplicates', () => {
    expect(parsePorts('80,443')).toEqual({ ok: true, value: [80, 443] });
    expect(parsePorts(' 8080 80 8080 ')).toEqual({ ok: true, value: [8080, 80] });
  });

  it('refuses ports out of range, garbage and too many ports', () => {
    for (const bad of ['', '0', '65536', '80,http', '-1', '1.5']) {
      const r = parsePorts(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('BAD_INPUT');
    }
    const many = parsePorts(Array.from({ length: 17 }, (_, i) => 8000 + i).join(','));
    expect(many.ok).toBe(false);
  });
});
