import { CALL_CHANNELS, EVENT_CHANNELS } from '../shared/contract-channels';
import type { Envelope, RendererApi } from '../shared/contract';
import { TOKEN_PROTOCOL_PREFIX, WS_PROTOCOL, type ServerMessage } from './protocol';

/** The part of the WebSocket API used here: the browser's and the `ws` package's both fit. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}
export type SocketFactory = (url: string, protocols: string[]) => SocketLike;

export interface SocketApiOptions {
  url: string;
  token: string;
  connect: SocketFactory;
  /** Reconnect attempts after a drop before giving up (bounded, like every loop here). */
  maxReconnects?: number;
  reconnectDelayMs?: number;
  /** Called when the connection is (re)established, e.g. to re-subscribe after a drop. */
  onReconnect?: () => void;
}

const OPEN = 1;

function lost(message: string): Envelope<never> {
  return { ok: false, error: { code: 'UNAVAILABLE', hubCode: null, message } };
}

/**
 * RendererApi over the loopback WebSocket: the same object shape and the same allow-list
 * behaviour as the Electron preload, so the renderer cannot tell the two apart. Calls made
 * before the socket is open are queued; calls in flight when it drops resolve as UNAVAILABLE.
 */
export function createSocketApi(options: SocketApiOptions): RendererApi & { close(): void } {
  const callChannels: ReadonlySet<string> = new Set(CALL_CHANNELS);
  const eventChannels: ReadonlySet<string> = new Set(EVENT_CHANNELS);
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  let queue: string[] = [];
  let nextId = 1;
  let socket: SocketLike;
  let reconnects = 0;
  let closedByUs = false;
  const maxReconnects = options.maxReconnects ?? 20;

  function open(): void {
    const s = options.connect(options.url, [WS_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${options.token}`]);
    socket = s;
    s.addEventListener('open', () => {
      if (reconnects > 0) options.onReconnect?.();
      reconnects = 0;
      const waiting = queue;
      queue = [];
      for (const m of waiting) s.send(m);
    });
    s.addEventListener('message', (event) => {
      let message: ServerMessage;
      try {
        message = JSON.parse(String(event.data)) as ServerMessage;
      } catch {
        return;
      }
      if (message.t === 'result') {
        pending.get(message.id)?.(message.envelope as Envelope<unknown>);
        pending.delete(message.id);
      } else if (message.t === 'event' && eventChannels.has(message.event)) {
        for (const listener of [...(listeners.get(message.event) ?? [])]) {
          try {
            listener(message.payload);
          } catch (error) {
            console.error(error);
          }
        }
      }
    });
    s.addEventListener('close', () => {
      if (socket !== s) return;
      for (const resolve of pending.values()) resolve(lost('The connection to the Hubkeeper backend was lost.'));
      pending.clear();
      if (!closedByUs && reconnects < maxReconnects) {
        reconnects += 1;
        setTimeout(open, Math.min(5000, (options.reconnectDelayMs ?? 250) * reconnects));
      }
    });
    s.addEventListener('error', () => {
      // 'close' follows and does the clean-up.
    });
  }
  open();

  return {
    invoke(channel, args) {
      if (typeof channel !== 'string' || !callChannels.has(channel)) {
        return Promise.reject(new Error(`Blocked undeclared call channel: ${String(channel)}`));
      }
      if (closedByUs) return Promise.resolve(lost('The connection to the Hubkeeper backend is closed.'));
      const id = nextId++;
      const text = JSON.stringify({ t: 'call', id, channel, args });
      return new Promise((resolve) => {
        pending.set(id, resolve as (e: Envelope<unknown>) => void);
        if (socket.readyState === OPEN) socket.send(text);
        else queue.push(text);
      });
    },
    on(event, listener) {
      if (typeof event !== 'string' || !eventChannels.has(event))
        throw new Error(`Blocked undeclared event channel: ${String(event)}`);
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = (payload: unknown) => (listener as (p: unknown) => void)(payload);
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
      };
    },
    close() {
      closedByUs = true;
      socket.close(1000, 'closed by the page');
    },
  };
}
