import type os from 'node:os';
import { describe, expect, it } from 'vitest';
import { listLocalSubnets } from '../../electron/core/discovery/local-subnets';
import { localSubnetSchema } from '../../electron/shared/discovery';

const v4 = (address: string, netmask: string, internal = false): os.NetworkInterfaceInfo => ({
  address,
  netmask,
  family: 'IPv4',
  mac: '00:00:00:00:00:00',
  internal,
  cidr: null,
});

describe('listLocalSubnets (pure: reads a given interface table, sends nothing)', () => {
  // Documentation addresses (RFC 5737) stand in for a site's LAN: only the arithmetic is tested.
  const table: NodeJS.Dict<os.NetworkInterfaceInfo[]> = {
    lo: [
      v4('127.0.0.1', '255.0.0.0', true),
      {
        ...v4('::1', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', true),
        family: 'IPv6',
        scopeid: 0,
      } as os.NetworkInterfaceInfo,
    ],
    eth0: [v4('192.0.2.37', '255.255.255.0')],
    wlan0: [v4('203.0.113.40', '255.255.0.0'), v4('169.254.3.4', '255.255.0.0')],
    tun0: [v4('198.51.100.9', '255.255.255.252')],
  };

  it('lists IPv4 subnets, site networks first, with host counts', () => {
    const list = listLocalSubnets(table);
    for (const s of list) localSubnetSchema.parse(s);
    expect(list.map((s) => [s.interface, s.cidr, s.hostCount, s.scannable, s.suggested, s.internal])).toEqual([
      ['eth0', '192.0.2.0/24', 254, true, '192.0.2.0/24', false],
      ['tun0', '198.51.100.8/30', 2, true, '198.51.100.8/30', false],
      ['wlan0', '203.0.0.0/16', 65534, false, '203.0.113.0/24', false],
      ['lo', '127.0.0.0/8', 16777214, false, '127.0.0.0/24', true],
      ['wlan0', '169.254.0.0/16', 65534, false, '169.254.3.0/24', true],
    ]);
  });

  it('reads the real machine table without failing', () => {
    expect(Array.isArray(listLocalSubnets())).toBe(true);
  });
});
