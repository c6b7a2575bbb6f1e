import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';

/**
 * One hub's listening socket. It can go down (stop accepting AND drop every open connection,
 * so clients see refused connections like a rebooting appliance) and come back on the same
 * address and port.
 */

type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

const MAX_LISTEN_RETRIES = 20;

export class Listener {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private listening = false;
  /** TCP connections accepted since the listener was made (a test of "no traffic" counts these, not requests). */
  accepted = 0;

  constructor(handler: RequestHandler, tls?: { key: string; cert: string }) {
    // Long keep-alive: pollers reuse one connection per hub instead of reconnecting each second.
    const options = { keepAliveTimeout: 65_000, requestTimeout: 30_000 };
    this.server = tls
      ? createHttpsServer({ ...options, key: tls.key, cert: tls.cert }, handler)
      : createHttpServer(options, handler);
    this.server.on('connection', (socket: Socket) => {
      this.accepted += 1;
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

  /**
   * Listens and resolves with the bound port. Retries briefly (20 × 50 ms) if the port is still
   * busy, as it can be for a moment when a rebooting hub comes back on its own port.
   */
  async listen(host: string, port: number): Promise<number> {
    for (let attempt = 0; attempt <= MAX_LISTEN_RETRIES; attempt++) {
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
        if (code !== 'EADDRINUSE' || port === 0 || attempt === MAX_LISTEN_RETRIES) throw err;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    throw new Error(`simulator: could not listen on ${host}:${port}`);
  }

  /** Stops accepting and destroys every open connection (so in-flight requests fail too). */
  async close(): Promise<void> {
    const closed = this.listening
      ? new Promise<void>((resolve) => this.server.close(() => resolve()))
      : Promise.resolve();
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
