import net from 'node:net';

/**
 * Every socket a sweep opens is registered here, so that cancelling destroys them all in one
 * call instead of waiting for hundreds of timeouts. Once closed, the set destroys any socket
 * added later (a connect that was already on its way when the user pressed Cancel).
 */
export class SocketSet {
  private readonly live = new Set<net.Socket>();
  private closedFlag = false;

  get closed(): boolean {
    return this.closedFlag;
  }

  get size(): number {
    return this.live.size;
  }

  add<S extends net.Socket>(socket: S): S {
    if (this.closedFlag) {
      socket.destroy();
      return socket;
    }
    this.live.add(socket);
    socket.once('close', () => this.live.delete(socket));
    // A late error (a reset after we stopped listening) must never become an uncaught
    // exception; whoever is using the socket has its own listener and decides what it means.
    socket.on('error', () => {});
    return socket;
  }

  destroyAll(): void {
    this.closedFlag = true;
    for (const socket of this.live) socket.destroy();
    this.live.clear();
  }
}

export type ConnectOutcome =
  | { ok: true; socket: net.Socket }
  /** refused: RST; timeout: no answer in time (filtered or absent host); unreachable: no route / DNS. */
  | { ok: false; reason: 'refused' | 'timeout' | 'unreachable' | 'cancelled' };

/** Errors that mean "this machine ran out of sockets", not "that port is closed": retry shortly. */
const RESOURCE_ERRORS = new Set(['EMFILE', 'ENFILE', 'ENOBUFS', 'EADDRNOTAVAIL']);
const RESOURCE_RETRY_MS = 25;

/** A TCP connect with its own timeout, never throwing; the socket comes back paused and idle. */
export function connectTcp(host: string, port: number, timeoutMs: number, sockets: SocketSet): Promise<ConnectOutcome> {
  const deadline = Date.now() + timeoutMs;
  const attempt = (): Promise<ConnectOutcome | 'retry'> =>
    new Promise((resolve) => {
      if (sockets.closed) return resolve({ ok: false, reason: 'cancelled' });
      const socket = sockets.add(net.connect({ host, port, noDelay: true }));
      const timer = setTimeout(() => settle({ ok: false, reason: 'timeout' }), Math.max(1, deadline - Date.now()));
      const settle = (outcome: ConnectOutcome | 'retry') => {
        clearTimeout(timer);
        socket.removeListener('connect', onConnect);
        socket.removeListener('error', onError);
        socket.removeListener('close', onClose);
        if (!(outcome !== 'retry' && outcome.ok)) socket.destroy();
        resolve(outcome);
      };
      const onConnect = () => settle({ ok: true, socket });
      const onError = (error: NodeJS.ErrnoException) => {
        if (error.code && RESOURCE_ERRORS.has(error.code) && Date.now() + RESOURCE_RETRY_MS < deadline) return settle('retry');
        settle({ ok: false, reason: error.code === 'ECONNREFUSED' ? 'refused' : error.code === 'ETIMEDOUT' ? 'timeout' : 'unreachable' });
      };
      // destroy() by a cancel closes the socket without an error.
      const onClose = () => settle({ ok: false, reason: sockets.closed ? 'cancelled' : 'unreachable' });
      socket.once('connect', onConnect);
      socket.once('error', onError);
      socket.once('close', onClose);
    });
  const loop = async (): Promise<ConnectOutcome> => {
    for (;;) {
      const outcome = await attempt();
      if (outcome !== 'retry') return outcome;
      await new Promise((r) => setTimeout(r, RESOURCE_RETRY_MS));
    }
  };
  return loop();
}
