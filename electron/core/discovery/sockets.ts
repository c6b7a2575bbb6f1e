import net from 'node:net';

/**
 * Every socket a sweep opens is registered here, so that cancelling destroys them all in one
 * call instead of waiting for hundreds of timeouts. Once closed, the set destroys any socket
 * added later (a connect that was already on its way when the user pressed Cancel).
 *
 * A sweep opens hundreds of sockets that are refused within microseconds, so this file keeps
 * the per-socket cost down: listeners are shared module functions (no closures, no `once`
 * wrappers) and find their state through a symbol on the socket.
 */

const OWNER = Symbol('hubkeeper.socketSet');
const ATTEMPT = Symbol('hubkeeper.connectAttempt');

interface Attempt {
  sockets: SocketSet;
  host: string;
  port: number;
  deadline: number;
  timer: NodeJS.Timeout | null;
  resolve: (outcome: ConnectOutcome) => void;
}

type Tracked = net.Socket & { [OWNER]?: SocketSet; [ATTEMPT]?: Attempt };

function forget(this: Tracked): void {
  this[OWNER]?.delete(this);
}

// A late error (a reset after we stopped listening) must never become an uncaught exception;
// whoever is using the socket has its own listener and decides what it means.
function ignoreError(): void {}

export class SocketSet {
  private readonly live = new Set<net.Socket>();
  private closedFlag = false;

  get closed(): boolean {
    return this.closedFlag;
  }

  get size(): number {
    return this.live.size;
  }

  /** Registers a socket (destroying it at once if the set is already closed). */
  add<S extends net.Socket>(socket: S): S {
    this.track(socket);
    socket.on('close', forget);
    socket.on('error', ignoreError);
    return socket;
  }

  /** Registration without listeners, for callers that handle 'close' and 'error' themselves. */
  track(socket: net.Socket): void {
    if (this.closedFlag) {
      socket.destroy();
      return;
    }
    (socket as Tracked)[OWNER] = this;
    this.live.add(socket);
  }

  delete(socket: net.Socket): void {
    this.live.delete(socket);
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

function settle(socket: Tracked, outcome: ConnectOutcome | 'retry'): void {
  const attempt = socket[ATTEMPT];
  if (!attempt) return;
  socket[ATTEMPT] = undefined;
  if (attempt.timer) clearTimeout(attempt.timer);
  if (outcome !== 'retry' && outcome.ok) return attempt.resolve(outcome);
  socket.destroy();
  attempt.sockets.delete(socket);
  if (outcome === 'retry') setTimeout(start, RESOURCE_RETRY_MS, attempt);
  else attempt.resolve(outcome);
}

function onConnect(this: Tracked): void {
  // Set here, not as a connect() option: that costs a setsockopt on every socket of the sweep,
  // nearly all of which are refused.
  this.setNoDelay(true);
  settle(this, { ok: true, socket: this });
}

function onError(this: Tracked, error: NodeJS.ErrnoException): void {
  const attempt = this[ATTEMPT];
  if (!attempt) return; // after the connect: the prober's own listeners handle it
  if (error.code && RESOURCE_ERRORS.has(error.code) && Date.now() + RESOURCE_RETRY_MS < attempt.deadline)
    return settle(this, 'retry');
  settle(this, {
    ok: false,
    reason: error.code === 'ECONNREFUSED' ? 'refused' : error.code === 'ETIMEDOUT' ? 'timeout' : 'unreachable',
  });
}

function onClose(this: Tracked): void {
  this[OWNER]?.delete(this);
  // destroy() by a cancel closes a connecting socket without an error.
  if (this[ATTEMPT]) settle(this, { ok: false, reason: this[ATTEMPT].sockets.closed ? 'cancelled' : 'unreachable' });
}

function onTimeout(socket: Tracked): void {
  settle(socket, { ok: false, reason: 'timeout' });
}

function start(attempt: Attempt): void {
  if (attempt.sockets.closed) return attempt.resolve({ ok: false, reason: 'cancelled' });
  const socket = net.connect({ host: attempt.host, port: attempt.port }) as Tracked;
  socket[ATTEMPT] = attempt;
  socket.on('connect', onConnect);
  socket.on('error', onError);
  socket.on('close', onClose);
  attempt.sockets.track(socket);
  attempt.timer = setTimeout(onTimeout, Math.max(1, attempt.deadline - Date.now()), socket);
}

/**
 * A TCP connect with its own timeout, never throwing. On success the socket is registered in
 * `sockets`, idle (no data listener: it stays paused) and keeps a no-op error listener.
 */
export function connectTcp(host: string, port: number, timeoutMs: number, sockets: SocketSet): Promise<ConnectOutcome> {
  return new Promise((resolve) =>
    start({ sockets, host, port, deadline: Date.now() + timeoutMs, timer: null, resolve }),
  );
}
