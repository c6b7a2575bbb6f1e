import os from 'node:os';
import ipaddr from 'ipaddr.js';
import type { LocalSubnet } from '../../shared/discovery';
import { intToIpv4, ipv4ToInt, MAX_SWEEP_ADDRESSES } from './targets';

/**
 * The machine's IPv4 subnets, for the UI to OFFER as scan targets. Listing them sends nothing
 * on any network, and nothing here ever starts a sweep: the technician picks one.
 *
 * Non-internal interfaces come first (the site LAN is what a technician wants); loopback and
 * link-local (169.254/16) are listed last and marked internal. A subnet larger than a sweep may
 * be is still listed, not scannable, with the /24 around the machine's own address suggested.
 */
export function listLocalSubnets(
  interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces(),
): LocalSubnet[] {
  const subnets: LocalSubnet[] = [];
  for (const [name, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      if (info.family !== 'IPv4' || !ipaddr.IPv4.isValidFourPartDecimal(info.address)) continue;
      let prefixLength: number;
      try {
        prefixLength = ipaddr.IPv4.parse(info.netmask).prefixLengthFromSubnetMask() ?? 32;
      } catch {
        continue;
      }
      const own = ipv4ToInt(info.address);
      const network = prefixLength === 0 ? 0 : (own & (~0 << (32 - prefixLength))) >>> 0;
      const size = 2 ** (32 - prefixLength);
      const hostCount = prefixLength >= 31 ? size : size - 2;
      const linkLocal = ipaddr.IPv4.parse(info.address).range() === 'linkLocal';
      subnets.push({
        interface: name,
        address: info.address,
        netmask: info.netmask,
        cidr: `${intToIpv4(network)}/${prefixLength}`,
        prefixLength,
        hostCount,
        scannable: hostCount <= MAX_SWEEP_ADDRESSES,
        suggested:
          prefixLength >= 24 ? `${intToIpv4(network)}/${prefixLength}` : `${intToIpv4((own & 0xffffff00) >>> 0)}/24`,
        internal: info.internal || linkLocal,
      });
    }
  }
  return subnets.sort(
    (a, b) =>
      Number(a.internal) - Number(b.internal) ||
      a.interface.localeCompare(b.interface) ||
      ipv4ToInt(a.address) - ipv4ToInt(b.address),
  );
}
