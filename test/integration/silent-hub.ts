import { createServer, type Server, type Socket } from 'node:net';

/**
 * A "hub" that accepts TCP connections, reads whatever is sent and never answers: the worst case
 * for anything that waits on a hub (a poll, a login, a logout). Loopback only.
 */
export interface SilentHub {
  host: string;
  port: number;
  url: string;
  /** Connections accepted so far. */
  connections(): number;
  stop(): Promise<void>;
}

export async function startSilentHub(host: string): Promise<SilentHub> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('data', () => {}); // read, never answer
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    host,
    port,
    url: `http://${host}:${port}`,
    connections: () => accepted,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
