import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A throwaway HTTP server on loopback for transport tests, counting its connections. */
export interface TestServer {
  port: number;
  connections(): number;
  stop(): Promise<void>;
}

export async function startTestServer(handler: http.RequestListener, host = '127.0.0.1'): Promise<TestServer> {
  const server = http.createServer(handler);
  const sockets = new Set<Socket>();
  let count = 0;
  server.on('connection', (s) => {
    count++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => count,
    stop: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}

export const md5Hex = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex');
