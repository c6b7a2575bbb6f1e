import net from 'node:net';
import { fail, ok, type Result } from '../../shared/errors';
import type { HubOrigin } from '../hub/hub-url';
import type { NeighbourLookup } from './neighbour-table';

/**
 * The hardware address of whatever answers at a hub's endpoint right now, or null when there is
 * none to be had (loopback, or a hub behind a router: the table then holds the router's, not the
 * hub's). Sends no data: a TCP connection is opened and closed, which also makes the operating
 * system resolve the address if its table had no fresh entry.
 */
export type HardwareAddressObserver = (endpoint: HubOrigin) => Promise<Result<string | null>>;

function isLoopback(ip: string): boolean {
  const plain = ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return plain === '::1' || /^127\./.test(plain);
}

/** Where a TCP connection to the endpoint lands (after name resolution), sending nothing. */
function connectedAddress(endpoint: HubOrigin, timeoutMs: number): Promise<Result<string>> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: endpoint.host, port: endpoint.port });
    const finish = (result: Result<string>) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish(fail('TIMEOUT', `${endpoint.host}:${endpoint.port} did not accept a connection in time.`)),
      timeoutMs,
    );
    socket.once('connect', () => {
      const remote = socket.remoteAddress;
      finish(remote ? ok(remote) : fail('UNREACHABLE', `The connection to ${endpoint.host} closed at once.`));
    });
    socket.once('error', (error) =>
      finish(fail('UNREACHABLE', `${endpoint.host}:${endpoint.port} could not be reached (${error.message}).`)),
    );
  });
}

export function hardwareAddressObserver(lookup: NeighbourLookup, timeoutMs = 3_000): HardwareAddressObserver {
  return async (endpoint) => {
    const remote = await connectedAddress(endpoint, timeoutMs);
    if (!remote.ok) return remote;
    if (isLoopback(remote.value)) return ok(null);
    return lookup(remote.value);
  };
}
