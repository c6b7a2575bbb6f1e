import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sweep } from '../../electron/core/discovery/sweep';
import { guardedScope, intToIpv4, ipv4ToInt, parseSweepTarget } from '../../electron/core/discovery/targets';

// A sweep reaching beyond the networks a site has (public, multicast, broadcast, unspecified)
// needs the user's explicit say-so. Nothing here may reach the network: refusals are checked
// with every TCP connect watched, and the allowed path with net.connect stubbed (it refuses at
// once, without a packet).

afterEach(() => {
  vi.restoreAllMocks();
});

function refused(target: string) {
  const r = parseSweepTarget(target);
  if (r.ok) throw new Error(`expected "${target}" to be refused`);
  return r.error;
}

/** net.connect that never connects anything: every attempt is refused on the next tick. */
function stubConnect() {
  return vi.spyOn(net, 'connect').mockImplementation(((options: net.NetConnectOpts) => {
    void options;
    const socket = new net.Socket();
    process.nextTick(() =>
      socket.destroy(Object.assign(new Error('connect ECONNREFUSED (stubbed)'), { code: 'ECONNREFUSED' })),
    );
    return socket;
  }) as typeof net.connect);
}

describe('sweep targets outside the site networks', () => {
  it('classifies addresses with ipaddr.js ranges', () => {
    const scope = (a: string) => guardedScope(ipv4ToInt(a));
    expect(scope('8.8.8.8')).toBe('public');
    expect(scope('224.0.0.1')).toBe('multicast');
    expect(scope('239.255.255.250')).toBe('multicast');
    expect(scope('255.255.255.255')).toBe('broadcast');
    expect(scope('0.0.0.1')).toBe('unspecified');
    expect(scope('192.175.48.1')).toBe('public'); // AS112 anycast DNS servers
    for (const siteAddress of [
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.254',
      '192.168.1.20',
      '169.254.10.1',
      '127.0.0.2',
      '100.64.0.1', // shared (carrier-grade NAT) space
      '192.0.2.1', // documentation
      '198.18.0.1', // benchmark
    ])
      expect(scope(siteAddress), siteAddress).toBeNull();
    expect(scope('172.32.0.1')).toBe('public'); // just outside 172.16/12
  });

  it('refuses public, multicast, broadcast and unspecified targets with NOT_PERMITTED, naming them', () => {
    const pub = refused('8.8.8.0/24');
    expect(pub.code).toBe('NOT_PERMITTED');
    expect(pub.message).toMatch(/254 public addresses \(8\.8\.8\.1 …\)/);
    expect(pub.message).toMatch(/--allow-public/);
    expect(refused('224.0.0.1')).toMatchObject({
      code: 'NOT_PERMITTED',
      message: expect.stringMatching(/a multicast/),
    });
    expect(refused('0.0.0.0/20').message).toMatch(/unspecified/);
    expect(refused('255.255.255.255').message).toMatch(/broadcast/);
    // One public address in a list of private ones refuses the whole target.
    expect(refused('192.168.1.0/24, 1.1.1.1').message).toMatch(/a public address \(1\.1\.1\.1\)/);
    // A range that runs off the end of a private block.
    expect(refused('172.31.255.250-172.32.0.3').message).toMatch(/4 public addresses \(172\.32\.0\.0 …\)/);
  });

  it('sweeps private, link-local and loopback ranges as before; allowPublic lets the rest through', () => {
    for (const target of ['192.168.1.0/24', '10.0.0.0/20', '172.16.5.1-40', '169.254.0.0/24', '127.0.9.0/24']) {
      expect(parseSweepTarget(target).ok, target).toBe(true);
    }
    const allowed = parseSweepTarget('8.8.8.0/30, 224.0.0.1', { allowPublic: true });
    expect(allowed.ok && allowed.value.addresses.map(intToIpv4)).toEqual(['8.8.8.1', '8.8.8.2', '224.0.0.1']);
  });

  it('a refused sweep opens no socket at all', async () => {
    // Stubbed, not just watched: were the guard missing, this test must still send nothing.
    const connects = stubConnect();
    const socketConnects = vi.spyOn(net.Socket.prototype, 'connect');
    for (const target of ['8.8.8.0/24', '224.0.0.1', '0.0.0.0/20', '10.0.0.1, 8.8.4.4']) {
      const outcome = await sweep(target, { ports: [80, 443], connectTimeoutMs: 50, probeTimeoutMs: 50 });
      expect(outcome.ok, target).toBe(false);
      expect(!outcome.ok && outcome.error.code).toBe('NOT_PERMITTED');
    }
    expect(connects).not.toHaveBeenCalled();
    expect(socketConnects).not.toHaveBeenCalled();
  });

  it('with allowPublic the sweep runs (its socket layer stubbed: no packet leaves)', async () => {
    const connects = stubConnect();
    // Backstop: any path around the stub would reach a real socket's connect; make it fail loudly
    // instead of sending a packet to a public address.
    const realConnects = vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(() => {
      throw new Error('a real socket connect was attempted');
    });
    const outcome = await sweep('8.8.8.0/30', {
      ports: [80],
      allowPublic: true,
      connectTimeoutMs: 1000,
      probeTimeoutMs: 1000,
    });
    expect(outcome.ok && outcome.value.result).toMatchObject({ scanned: 2, hubs: [], others: [] });
    expect(
      connects.mock.calls
        .map((args) => args[0] as unknown as net.TcpNetConnectOpts)
        .map((o) => `${o.host}:${o.port}`)
        .sort(),
    ).toEqual(['8.8.8.1:80', '8.8.8.2:80']);
    expect(realConnects).not.toHaveBeenCalled();
  });
});
