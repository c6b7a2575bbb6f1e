import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweep } from '../../electron/core/discovery/sweep';
import { startHub, type SimulatedHub } from '../simulator';
import { generateCertificate } from '../simulator/tls-certs';

/**
 * Ports that speak TLS but answer a plain-HTTP probe with a hint rather than an HTTP answer the
 * probe can use, each in front of a simulated hub (TLS terminated here, bytes relayed to the
 * hub's plain port): Apache's "speaking plain HTTP to an SSL-enabled server port" 400 page, a
 * TLS alert record, and a reset after our first bytes. Each must be probed again over TLS and
 * found as an HTTPS hub. (nginx's own page is covered in nginx/nginx-discovery.test.ts.) No
 * nginx needed here; addresses 127.0.154.x.
 */
const NET = '127.0.154';
type Hint = 'apache-400' | 'tls-alert' | 'reset';

const APACHE_400 =
  '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>400 Bad Request</title>\n</head><body>\n' +
  '<h1>Bad Request</h1>\n<p>Your browser sent a request that this server could not understand.<br />\n' +
  "Reason: You're speaking plain HTTP to an SSL-enabled server port.<br />\n Instead use the HTTPS scheme to access this URL, please.<br />\n</p>\n</body></html>\n";
// A fatal TLS alert (level 2, description 70: protocol_version) in a TLS 1.2 record.
const TLS_ALERT = Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46]);

let hub: SimulatedHub;
let fingerprint: string;
const servers: net.Server[] = [];
const ports: Partial<Record<Hint, number>> = {};

async function startHintHost(host: string, hint: Hint, cert: { key: string; cert: string }): Promise<number> {
  const terminator = tls.createServer({ key: cert.key, cert: cert.cert }, (secure) => {
    const upstream = net.connect(hub.port, hub.host);
    secure.pipe(upstream).pipe(secure);
    secure.on('error', () => upstream.destroy());
    upstream.on('error', () => secure.destroy());
  });
  terminator.on('tlsClientError', () => {});
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    socket.once('data', (first: Buffer) => {
      if (first[0] === 0x16) {
        // A ClientHello: give the connection, first bytes included, to the TLS side.
        socket.pause();
        socket.unshift(first);
        terminator.emit('connection', socket);
        return;
      }
      if (hint === 'apache-400')
        socket.end(
          `HTTP/1.1 400 Bad Request\r\nContent-Type: text/html; charset=iso-8859-1\r\n` +
            `Content-Length: ${Buffer.byteLength(APACHE_400)}\r\nConnection: close\r\n\r\n${APACHE_400}`,
        );
      else if (hint === 'tls-alert') socket.end(TLS_ALERT);
      else socket.resetAndDestroy();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return (server.address() as net.AddressInfo).port;
}

beforeAll(async () => {
  hub = await startHub({ host: `${NET}.1`, port: 0 });
  const cert = await generateCertificate();
  fingerprint = cert.fingerprint;
  ports['apache-400'] = await startHintHost(`${NET}.2`, 'apache-400', cert);
  ports['tls-alert'] = await startHintHost(`${NET}.3`, 'tls-alert', cert);
  ports.reset = await startHintHost(`${NET}.4`, 'reset', cert);
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await hub?.stop();
});

describe('a TLS port that answers plain HTTP with a hint is probed again over TLS', () => {
  const cases: Array<[Hint, string]> = [
    ['apache-400', `${NET}.2`],
    ['tls-alert', `${NET}.3`],
    ['reset', `${NET}.4`],
  ];
  for (const [hint, address] of cases) {
    it(`${hint}: found as an HTTPS hub with its fingerprint`, async () => {
      const port = ports[hint]!;
      const outcome = await sweep(address, { ports: [port], tlsPorts: [], probeTimeoutMs: 3000 });
      if (!outcome.ok) throw new Error(outcome.error.message);
      expect(outcome.value.result.hubs).toEqual([{ address, endpoints: [{ scheme: 'https', port, fingerprint }] }]);
      expect(outcome.value.result.others).toEqual([]);
    });
  }
});
