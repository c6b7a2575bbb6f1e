import { describe, expect, it } from 'vitest';
import { normaliseMac, parseArpA, parseIpNeigh, parseProcNetArp } from '../../electron/core/sessions/neighbour-table';

// The neighbour tables' text is parsed strictly: only a well-formed, completed entry for exactly
// the asked address yields a hardware address (documentation addresses, RFC 5737 / 3849).
describe('neighbour table parsing', () => {
  it('normalises every spelling of a hardware address and rejects anything else', () => {
    expect(normaliseMac('00:1A:2b:3c:4d:5e')).toBe('00:1a:2b:3c:4d:5e');
    expect(normaliseMac('0:1a:2:3c:4d:5e')).toBe('00:1a:02:3c:4d:5e'); // macOS drops leading zeros
    expect(normaliseMac('00-1a-2b-3c-4d-5e')).toBe('00:1a:2b:3c:4d:5e'); // Windows
    expect(normaliseMac('00:00:00:00:00:00')).toBeNull(); // Linux: incomplete
    for (const bad of [
      '',
      '(incomplete)',
      '00:1a:2b:3c:4d',
      '00:1a:2b:3c:4d:5e:6f',
      'zz:1a:2b:3c:4d:5e',
      '001a2b3c4d5e',
    ])
      expect(normaliseMac(bad)).toBeNull();
  });

  it('reads /proc/net/arp, only completed entries of the exact address', () => {
    const table = [
      'IP address       HW type     Flags       HW address            Mask     Device',
      '192.0.2.10       0x1         0x2         02:00:5e:10:00:0a     *        eth0',
      '192.0.2.1        0x1         0x2         02:00:5e:10:00:01     *        eth0',
      '192.0.2.11       0x1         0x0         00:00:00:00:00:00     *        eth0',
      '192.0.2.12       0x1         0x0         02:00:5e:10:00:0c     *        eth0',
      'garbage',
    ].join('\n');
    expect(parseProcNetArp(table, '192.0.2.1')).toBe('02:00:5e:10:00:01');
    expect(parseProcNetArp(table, '192.0.2.10')).toBe('02:00:5e:10:00:0a');
    expect(parseProcNetArp(table, '192.0.2.11')).toBeNull();
    expect(parseProcNetArp(table, '192.0.2.12')).toBeNull(); // not completed
    expect(parseProcNetArp(table, '192.0.2.100')).toBeNull();
    expect(parseProcNetArp(table, '::ffff:192.0.2.1')).toBe('02:00:5e:10:00:01');
  });

  it('reads `ip neigh`, skipping failed and incomplete entries', () => {
    const table = [
      '2001:db8::1 dev eth0 lladdr 02:00:5e:10:00:61 router REACHABLE',
      '2001:db8::2 dev eth0 lladdr 02:00:5e:10:00:62 STALE',
      '2001:db8::3 dev eth0  FAILED',
      '2001:db8::4 dev eth0 lladdr 02:00:5e:10:00:64 FAILED',
    ].join('\n');
    expect(parseIpNeigh(table, '2001:DB8::1')).toBe('02:00:5e:10:00:61');
    expect(parseIpNeigh(table, '2001:db8::2')).toBe('02:00:5e:10:00:62');
    expect(parseIpNeigh(table, '2001:db8::3')).toBeNull();
    expect(parseIpNeigh(table, '2001:db8::4')).toBeNull();
  });

  it('reads `arp` on macOS and Windows', () => {
    const mac = [
      '? (192.0.2.1) at 0:0:5e:0:1:1 on en0 ifscope [ethernet]',
      '? (192.0.2.7) at (incomplete) on en0 ifscope [ethernet]',
      'hub.local (192.0.2.8) at 2:0:5e:10:0:8 on en0 ifscope permanent [ethernet]',
    ].join('\n');
    expect(parseArpA(mac, '192.0.2.1')).toBe('00:00:5e:00:01:01');
    expect(parseArpA(mac, '192.0.2.7')).toBeNull();
    expect(parseArpA(mac, '192.0.2.8')).toBe('02:00:5e:10:00:08');
    const windows = [
      '',
      'Interface: 192.0.2.50 --- 0x5',
      '  Internet Address      Physical Address      Type',
      '  192.0.2.1             00-00-5e-00-01-01     dynamic',
      '  192.0.2.255           ff-ff-ff-ff-ff-ff     static',
    ].join('\r\n');
    expect(parseArpA(windows, '192.0.2.1')).toBe('00:00:5e:00:01:01');
    expect(parseArpA(windows, '192.0.2.50')).toBeNull();
    expect(parseArpA(windows, '192.0.2.9')).toBeNull();
  });

  it('never matches a prefix of another address', () => {
    const table = 'IP address HW type Flags HW address Mask Device\n192.0.2.10 0x1 0x2 02:00:5e:10:00:0a * eth0';
    expect(parseProcNetArp(table, '192.0.2.1')).toBeNull();
    expect(parseArpA('? (192.0.2.10) at 2:0:5e:10:0:a on en0', '192.0.2.1')).toBeNull();
  });
});
