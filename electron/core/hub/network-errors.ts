import { fail, type Result } from '../../shared/errors';

/**
 * Socket and TLS errors in words a technician can act on. Unknown errors keep Node's message
 * so nothing is hidden.
 */
export function describeNetworkError(
  error: { code?: string | undefined; message: string },
  where: string,
  scheme: 'http' | 'https',
): Result<never> {
  const code = error.code ?? '';
  // Dropped mid-handshake: most often a plain-HTTP server that gave up on our TLS hello.
  if (/before secure TLS connection was established/i.test(error.message)) {
    return fail(
      'PROTOCOL',
      `${where} closed the connection during the TLS handshake: that port probably does not speak HTTPS (try http://, or the hub's HTTPS port).`,
    );
  }
  switch (code) {
    case 'ECONNREFUSED':
      return fail(
        'UNREACHABLE',
        `${where} refused the connection: nothing is listening on that port (wrong port, or the hub is restarting).`,
      );
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET': // undici (the status poll): the other side closed the connection
      return fail('UNREACHABLE', `${where} closed the connection abruptly (connection reset).`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return fail(
        'UNREACHABLE',
        `The host name in ${where} could not be resolved (check the spelling or use the IP address).`,
      );
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return fail('UNREACHABLE', `${where} cannot be reached from this computer (no route to that network).`);
    case 'ETIMEDOUT':
    case 'HUBKEEPER_CONNECT_TIMEOUT':
    case 'UND_ERR_CONNECT_TIMEOUT': // undici's connect bound (the status poll)
      return fail(
        'TIMEOUT',
        `${where} did not accept a connection in time (hub off, or a firewall drops the traffic).`,
      );
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return fail(
        'PROTOCOL',
        scheme === 'https'
          ? `${where} does not speak HTTPS on that port (try http:// or the hub's HTTPS port).`
          : `${where} did not answer in plain HTTP (try https://).`,
      );
    default:
      if (/wrong version number|packet length too long|unknown protocol/i.test(error.message)) {
        return fail('PROTOCOL', `${where} does not speak HTTPS on that port (try http:// or the hub's HTTPS port).`);
      }
      return fail('UNREACHABLE', `${where} could not be reached: ${error.message}${code ? ` (${code})` : ''}.`);
  }
}
