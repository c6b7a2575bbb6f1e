import type { FakeKind } from '../../integration/discovery-fake-hosts';

/**
 * The address plan of the network-namespace discovery bench. Everything lives in 198.18.0.0/15
 * (RFC 2544 benchmark addresses), and only inside the two namespaces the bench creates: the
 * scanner's namespace has no route anywhere else, so nothing can leave to a real interface.
 *
 *   scanner namespace   198.18.4.1 on its end of a veth pair, the /21 around it on-link
 *   site namespace      198.18.4.2 on the other end; answers ARP for 198.18.0.0/23 and
 *                       198.18.2.0/24 (local routes: every address of them is "a machine"),
 *                       nothing for 198.18.3.0/24
 *
 * The swept target, 198.18.0.0/22 (1022 addresses, the scanner outside it):
 *   198.18.0.0/24   live machines: the hubs and other web servers below; every other port is
 *                   closed and answers with a reset, as an unfirewalled host does
 *   198.18.1.0/24   silent machines: they answer ARP, a firewall drops every TCP packet
 *   198.18.2.0/24   the same, except 198.18.2.50, a hub behind a host firewall (port 80 open,
 *                   443 dropped)
 *   198.18.3.0/24   absent: nothing answers ARP
 * As on a real site network, most addresses never answer, where loopback refuses instantly.
 */

export const TARGET = '198.18.0.0/22';
export const PORTS = [80, 443] as const;
export const SCANNER_ADDRESS = '198.18.4.1';
export const SITE_ADDRESS = '198.18.4.2';
/** On-link prefix of the veth pair: covers the target and both ends. */
export const LINK = '21';
/** Addresses the site answers ARP for (local routes in the site namespace). */
export const MACHINES = ['198.18.0.0/23', '198.18.2.0/24'] as const;
/** Addresses whose TCP packets the site's firewall drops. */
export const SILENT = ['198.18.1.0/24', '198.18.2.0/24'] as const;

export type ServiceKind = 'hub' | Exclude<FakeKind, 'silent' | 'tls-silent' | 'hub-401-hangs-up'>;

export interface Service {
  address: string;
  port: number;
  kind: ServiceKind;
  https: boolean;
}

const hub = (address: string, port: 80 | 443): Service => ({ address, port, kind: 'hub', https: port === 443 });

export const SERVICES: readonly Service[] = [
  // Five HTTP hubs, three HTTPS hubs, one on both ports.
  ...['10', '11', '12', '13', '14'].map((d) => hub(`198.18.0.${d}`, 80)),
  ...['20', '21', '22'].map((d) => hub(`198.18.0.${d}`, 443)),
  hub('198.18.0.30', 80),
  hub('198.18.0.30', 443),
  // Behind a host firewall: only its HTTP port lets anything in.
  hub('198.18.2.50', 80),
  // Other web servers: a printer page, another product's login, a JSON API, Basic auth.
  { address: '198.18.0.40', port: 80, kind: 'web', https: false },
  { address: '198.18.0.41', port: 443, kind: 'login-page', https: true },
  { address: '198.18.0.42', port: 80, kind: 'json-api', https: false },
  { address: '198.18.0.43', port: 80, kind: 'basic-auth', https: false },
];

/** What the site process reports for each service once it listens (inside the site namespace). */
export interface Listening extends Service {
  /** Port on 127.0.0.1 in the site namespace; the firewall forwards address:port there. */
  localPort: number;
  fingerprint: string | null;
}
