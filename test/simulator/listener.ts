import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';

/**
 * One hub's listening socket. It can go down (stop accepting AND drop every open connection,
 * so clients see refused connections like a rebooting appliance) and come back on the same
 * address and port.
 */

type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export class Listener {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private listening = false;

  constructor(handler: RequestHandler, tls?: { key: string; cert: string }) {
    // Long keep-alive: pollers reuse one connection per hub instead of reconnecting each second.
    const options = { keepAliveTimeout: 65_000, requestTimeout: 30_000 };
    this.server = tls ? createHttpsServer({ ...options, key: tls.key, cert: tls.cert }, handler) : createHttpServer(options, handler);
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    // A client that vanishes mid-handshake must not crash the simulator.
    this.server.on('clientError', (_err, socket) => socket.destroy());
    this.server.on('tlsClientError', () => {});
  }

  get isListening(): boolean {
    return this.listening;
  }

  /** Listens and resolves with the bound port. Retries briefly if the port is still busy. */
  async listen(host: string, port: number): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      try {
        await new Promise<void>((resolve, reject) => {
          const onError = (err: Error) => reject(err);
          this.server.once('error', onError);
          this.server.listen({ host, port, exclusive: true }, () => {
            this.server.off('error', onError);
            resolve();
          });
        });
        this.listening = true;
        const addr = this.server.address();
        if (!addr || typeof addr === 'string') throw new Error('simulator: no TCP address after listen');
        return addr.port;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'EADDRINUSE' || port === 0 || attempt >= 20) throw err;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  /** Stops accepting and destroys every open connection (so in-flight requests fail too). */
  async close(): Promise<void> {
    const closed = this.listening ? new Promise<void>((resolve) => this.server.close(() => resolve())) : Promise.resolve();
    this.listening = false;
    this.dropConnections();
    await closed;
  }

  dropConnections(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  setSecureContext(tls: { key: string; cert: string }): void {
    (this.server as unknown as { setSecureContext(o: { key: string; cert: string }): void }).setSecureContext(tls);
  }
}
