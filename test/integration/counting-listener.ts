import { createServer, type Server } from 'node:net';

/**
 * A plain TCP listener that counts the connections it accepts and closes each at once. Put where
 * a hub would answer (its address, a port of its own), it measures "no traffic" as connections,
 * not requests: a client that connects and never sends a byte still counts.
 */
export interface CountingListener {
  server: Server;
  host: string;
  port: number;
  /** Connections accepted so far (since the last reset). */
  connections(): number;
  /** Forget the connections so far (after a test's own check that the listener counts). */
  reset(): void;
  close(): Promise<void>;
}

/** Listens on `host` (a loopback address of the caller's own) and an ephemeral port. */
export async function listenCounting(host: string): Promise<CountingListener> {
  let accepted = 0;
  const server = createServer((socket) => {
    accepted += 1;
    socket.destroy();
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port: 0 }, () => {
      const address = server.address();
      if (!address || typeof address === 'string') reject(new Error(`no TCP address for ${host}`));
      else resolve(address.port);
    });
  });
  return {
    server,
    host,
    port,
    connections: () => accepted,
    reset: () => {
      accepted = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** All the connections a set of listeners accepted. */
export function totalConnections(listeners: readonly CountingListener[]): number {
  return listeners.reduce((n, l) => n + l.connections(), 0);
}
