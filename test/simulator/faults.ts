import { TLSSocket } from 'node:tls';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { LOGIN_PAGE } from './router';
import type { Fault } from './types';

/**
 * Misbehaviour on demand. Every fault except latency replaces the normal answer entirely;
 * latency only delays it. All of them are what a client meets on a real network: a slow or
 * stuck hub, a reset, a proxy's error page, a broken or endless body.
 */

export const FAULT_KINDS = [
  'latency',
  'hang',
  'reset',
  'http500',
  'http401',
  'html',
  'malformed-json',
  'truncated',
  'huge',
] as const;

export function validateFault(fault: Fault | null): Fault | null {
  if (fault === null) return null;
  if (!fault || typeof fault !== 'object' || !FAULT_KINDS.includes(fault.kind)) {
    throw new TypeError(`unknown simulator fault ${JSON.stringify(fault)} (kinds: ${FAULT_KINDS.join(', ')})`);
  }
  if (fault.kind === 'latency' && !(Number.isFinite(fault.ms) && fault.ms >= 0))
    throw new TypeError('latency fault needs ms ≥ 0');
  if (fault.kind === 'huge' && !(Number.isInteger(fault.bytes) && fault.bytes > 0))
    throw new TypeError('huge fault needs bytes > 0');
  if (fault.paths !== undefined && !(Array.isArray(fault.paths) && fault.paths.every((p) => typeof p === 'string'))) {
    throw new TypeError('fault paths must be an array of request paths');
  }
  return fault;
}

export function faultApplies(fault: Fault | null, path: string): fault is Fault {
  return fault !== null && (fault.paths === undefined || fault.paths.includes(path));
}

const MALFORMED = '{"result": 0, "status": {"state": 0, "version": "2.1.28", "progress": ';
const CHUNK = Buffer.alloc(64 * 1024, 0x20); // shared padding, never reallocated per request

/**
 * RST rather than FIN, so the client sees ECONNRESET. A TLS socket cannot be reset itself
 * (resetAndDestroy needs a TCP handle), so the TCP socket it wraps is reset instead.
 */
function resetConnection(socket: Socket): void {
  const tcp = socket instanceof TLSSocket ? ((socket as unknown as { _parent?: Socket })._parent ?? null) : socket;
  if (tcp && typeof tcp.resetAndDestroy === 'function') tcp.resetAndDestroy();
  else socket.destroy();
}

/** Plays a fault that replaces the answer (anything but latency). */
export function playFault(fault: Fault, req: IncomingMessage, res: ServerResponse): void {
  const socket = req.socket as Socket;
  switch (fault.kind) {
    case 'latency':
      throw new Error('latency is applied by the server, not played');
    case 'hang':
      // Accept, read, never answer. stop() destroys the socket.
      return;
    case 'reset':
      resetConnection(socket);
      return;
    case 'http500':
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Internal Server Error');
      return;
    case 'http401':
      res.writeHead(401, { 'Content-Type': 'text/plain' }).end('Unauthorized');
      return;
    case 'html':
      res.writeHead(200, { 'Content-Type': 'text/html; charset=UTF-8' }).end(LOGIN_PAGE);
      return;
    case 'malformed-json':
      res.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8' }).end(MALFORMED);
      return;
    case 'truncated': {
      const body = '{"result": 0, "status": {"state": 0, "version": "2.1.28"}}';
      res.writeHead(200, {
        'Content-Type': 'application/json; charset=UTF-8',
        'Content-Length': String(body.length + 1000),
      });
      res.write(body.slice(0, 20), () => socket.destroy());
      return;
    }
    case 'huge':
      writeHuge(res, fault.bytes);
      return;
  }
}

/** A valid JSON body of exactly `bytes` bytes, streamed with backpressure from one shared buffer. */
function writeHuge(res: ServerResponse, bytes: number): void {
  const head = Buffer.from('{"result": 0, "pad": "');
  const tail = Buffer.from('"}');
  const total = Math.max(bytes, head.length + tail.length);
  res.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8', 'Content-Length': String(total) });
  res.write(head);
  let left = total - head.length - tail.length;
  const pump = (): void => {
    while (left > 0) {
      if (res.destroyed) return;
      const n = Math.min(left, CHUNK.length);
      left -= n;
      if (!res.write(n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n))) {
        res.once('drain', pump);
        return;
      }
    }
    res.end(tail);
  };
  pump();
}
