import { spawnSync } from 'node:child_process';
import { LINK, MACHINES, SCANNER_ADDRESS, SILENT, SITE_ADDRESS, type Listening } from './layout';

/**
 * The bench's two network namespaces, joined by a veth pair: the scanner's (only that veth and
 * its own loopback; no default route, so a packet for any address outside the /21 fails with
 * "network unreachable" instead of leaving) and the site's (the hubs, the firewall). Names carry
 * the bench's process id; namespaces left by a bench that was killed are removed at the next start.
 */

const PREFIX = 'hkbench';

export interface BenchNetwork {
  scanner: string;
  site: string;
  /** Forwards each service address:port to where it listens on the site's loopback. */
  forward(services: readonly Listening[]): void;
  /**
   * Forgets every hardware address the scanner's namespace has learnt (or failed to learn), so
   * each scan starts from the same cold ARP cache as the first: a scan run right after another
   * would otherwise be told at once that the absent addresses are unreachable.
   */
  forgetNeighbours(): void;
  /** Deletes both namespaces (and with them the veth pair and every rule). Safe to call twice. */
  destroy(): void;
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000 });
  if (result.error) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr.trim()}`);
  return result.stdout;
}

const available = (command: string, args: string[]) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;

/** Why this machine cannot run the bench, or null when it can. */
export function whyNotAllowed(): string | null {
  if (process.platform !== 'linux') return 'network namespaces are Linux only';
  if (process.getuid?.() !== 0) return 'creating network namespaces and firewall rules needs root';
  if (!available('ip', ['-V'])) return '`ip` (iproute2) is not installed';
  if (!available('iptables', ['--version'])) return '`iptables` is not installed';
  // Creating one is the only reliable test (containers may forbid it even to root).
  const probe = `${PREFIX}-probe-${process.pid}`;
  const added = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8' });
  if (added.status !== 0) return `network namespaces are not allowed here (${added.stderr.trim()})`;
  spawnSync('ip', ['netns', 'del', probe], { stdio: 'ignore' });
  return null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Removes namespaces of earlier runs whose process is gone (a bench killed with SIGKILL). */
function removeStale(): void {
  for (const line of run('ip', ['netns', 'list']).split('\n')) {
    const match = new RegExp(`^(${PREFIX}-(\\d+)-(?:scan|site|probe-\\d+))\\b`).exec(line.trim());
    if (match && !alive(Number(match[2]))) spawnSync('ip', ['netns', 'del', match[1]!], { stdio: 'ignore' });
  }
}

export function createNetwork(): BenchNetwork {
  removeStale();
  const scanner = `${PREFIX}-${process.pid}-scan`;
  const site = `${PREFIX}-${process.pid}-site`;
  // Interface names are at most 15 characters.
  const scanEnd = `hkb${process.pid}s`;
  const siteEnd = `hkb${process.pid}l`;
  let destroyed = false;
  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    // Deleting a namespace destroys its end of the veth pair, which destroys the other end.
    for (const ns of [scanner, site]) spawnSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
  };
  const inSite = (args: string[]) => run('ip', ['netns', 'exec', site, ...args]);
  try {
    run('ip', ['netns', 'add', scanner]);
    run('ip', ['netns', 'add', site]);
    // Created inside the scanner's namespace: the pair never exists in the root namespace.
    run('ip', ['-n', scanner, 'link', 'add', scanEnd, 'type', 'veth', 'peer', 'name', siteEnd, 'netns', site]);
    for (const [ns, end, address] of [
      [scanner, scanEnd, SCANNER_ADDRESS],
      [site, siteEnd, SITE_ADDRESS],
    ] as const) {
      run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
      run('ip', ['-n', ns, 'addr', 'add', `${address}/${LINK}`, 'dev', end]);
      run('ip', ['-n', ns, 'link', 'set', end, 'up']);
    }
    // Every address of MACHINES is a machine of the site: it answers ARP, refuses closed ports.
    for (const range of MACHINES) run('ip', ['-n', site, 'route', 'add', 'local', range, 'dev', 'lo']);
    // The services listen on the site's 127.0.0.1: let forwarded packets be routed there.
    inSite(['sysctl', '-q', '-w', `net.ipv4.conf.${siteEnd}.route_localnet=1`]);
    for (const range of SILENT) inSite(['iptables', '-A', 'INPUT', '-d', range, '-p', 'tcp', '-j', 'DROP']);
  } catch (error) {
    destroy();
    throw error;
  }
  return {
    scanner,
    site,
    forward(services) {
      for (const s of services)
        inSite([
          'iptables',
          '-t',
          'nat',
          '-A',
          'PREROUTING',
          '-d',
          s.address,
          '-p',
          'tcp',
          '--dport',
          String(s.port),
          '-j',
          'DNAT',
          '--to-destination',
          `127.0.0.1:${s.localPort}`,
        ]);
    },
    forgetNeighbours() {
      run('ip', ['-n', scanner, 'neigh', 'flush', 'all']);
    },
    destroy,
  };
}
