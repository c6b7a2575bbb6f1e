import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Log } from '../../electron/core/app/log';
import { echoDispatcher } from './echo-dispatcher';
import { TOKEN_PROTOCOL_PREFIX, WS_PATH, WS_PROTOCOL } from '../../electron/web/protocol';
import { startWebTransport, type WebTransport } from '../../electron/web/server';
import { createSocketApi, type SocketLike } from '../../electron/web/socket-api';

// The browser-preview backend must outlive any one page: a hostile or buggy client writes raw
// bytes after the upgrade (frames the ws library refuses), and the backend, the connections of
// other clients and new connections all go on. Events leave only in the contract's shape.

interface Line {
  level: 'info' | 'warn' | 'error';
  message: string;
  detail?: Record<string, unknown>;
}
const lines: Line[] = [];
const log: Log = {
  info: (message, detail) => lines.push({ level: 'info', message, detail }),
  warn: (message, detail) => lines.push({ level: 'warn', message, detail }),
  error: (message, detail) => lines.push({ level: 'error', message, detail }),
};

const { clients, dispatcher } = echoDispatcher(log);

const MAX_MESSAGE = 64 * 1024;
let transport: WebTransport;

beforeAll(async () => {
  transport = await startWebTransport({ dispatcher, log, maxMessageBytes: MAX_MESSAGE });
});
afterAll(async () => {
  await transport.close();
});

/** A WebSocket client made by hand: the upgrade, then whatever bytes the test writes. */
interface RawClient {
  socket: net.Socket;
  /** Bytes the server sent after its 101 answer. */
  received(): Buffer;
  closed: Promise<void>;
}

async function rawClient(): Promise<RawClient> {
  const socket = net.connect(transport.port, '127.0.0.1');
  let buffer = Buffer.alloc(0);
  let upgraded = false;
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (upgraded) return;
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buffer.subarray(0, end).toString();
      buffer = buffer.subarray(end + 4);
      upgraded = true;
      if (head.startsWith('HTTP/1.1 101')) resolve();
      else reject(new Error(head));
    });
    socket.once('connect', () => {
      socket.write(
        [
          `GET ${WS_PATH} HTTP/1.1`,
          `Host: 127.0.0.1:${transport.port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
          'Sec-WebSocket-Version: 13',
          `Sec-WebSocket-Protocol: ${WS_PROTOCOL}, ${TOKEN_PROTOCOL_PREFIX}${transport.token}`,
          '',
          '',
        ].join('\r\n'),
      );
    });
  });
  return { socket, received: () => buffer, closed };
}

/** One frame as RFC 6455 lays it out; `declaredLength` lets a header lie about the payload. */
function frame(
  opcode: number,
  payload: Buffer,
  options: { masked?: boolean; fin?: boolean; declaredLength?: number } = {},
): Buffer {
  const masked = options.masked ?? true;
  const length = options.declaredLength ?? payload.length;
  const first = ((options.fin ?? true) ? 0x80 : 0) | opcode;
  let header: Buffer;
  if (length < 126) header = Buffer.from([first, (masked ? 0x80 : 0) | length]);
  else if (length < 65536) {
    header = Buffer.alloc(4);
    header[0] = first;
    header[1] = (masked ? 0x80 : 0) | 126;
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = (masked ? 0x80 : 0) | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  if (!masked) return Buffer.concat([header, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([header, mask, body]);
}

/** The status code of the close frame the server sent, if it sent one. */
function closeCode(bytes: Buffer): number | null {
  for (let i = 0; i + 3 < bytes.length; i++) {
    if (bytes[i] === 0x88 && (bytes[i + 1]! & 0x7f) >= 2) return bytes.readUInt16BE(i + 2);
  }
  return null;
}

function closePayload(code: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(code);
  return b;
}

const page = () =>
  createSocketApi({
    url: transport.wsUrl,
    token: transport.token,
    connect: (u, p) => new WebSocket(u, p) as unknown as SocketLike,
    maxReconnects: 0,
  });

async function waitFor(what: string, probe: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const BAD_FRAMES: { name: string; bytes: () => Buffer; code: number; logged: string }[] = [
  {
    name: 'a text frame that is not UTF-8',
    bytes: () => frame(0x1, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])),
    code: 1007,
    logged: 'WS_ERR_INVALID_UTF8',
  },
  {
    name: 'a message over the size cap (header only)',
    bytes: () => frame(0x1, Buffer.alloc(16), { declaredLength: MAX_MESSAGE + 1 }),
    code: 1009,
    logged: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH',
  },
  {
    name: 'a message over the size cap (in fragments)',
    bytes: () =>
      Buffer.concat([
        frame(0x1, Buffer.alloc(MAX_MESSAGE / 2, 0x20), { fin: false }),
        frame(0x0, Buffer.alloc(MAX_MESSAGE / 2 + 8, 0x20)),
      ]),
    code: 1009,
    logged: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH',
  },
  { name: 'a reserved opcode', bytes: () => frame(0x3, Buffer.from('x')), code: 1002, logged: 'WS_ERR_INVALID_OPCODE' },
  {
    name: 'a close frame with an invalid code',
    bytes: () => frame(0x8, closePayload(999)),
    code: 1002,
    logged: 'WS_ERR_INVALID_CLOSE_CODE',
  },
  {
    name: 'an unmasked frame from a client',
    bytes: () => frame(0x1, Buffer.from('{}'), { masked: false }),
    code: 1002,
    logged: 'WS_ERR_EXPECTED_MASK',
  },
  {
    name: 'a text message that is not JSON',
    bytes: () => frame(0x1, Buffer.from('{not json')),
    code: 1008,
    logged: 'malformed message',
  },
  {
    name: 'JSON that is not a contract call',
    bytes: () => frame(0x1, Buffer.from('{"t":"hello","id":"x"}')),
    code: 1008,
    logged: 'malformed message',
  },
  {
    name: 'a binary message',
    bytes: () => frame(0x2, Buffer.from([1, 2, 3])),
    code: 1008,
    logged: 'malformed message',
  },
];

describe('web transport: a bad frame closes that connection only', () => {
  it.each(BAD_FRAMES)('$name', async ({ bytes, code, logged }) => {
    const other = page();
    expect(await other.invoke('app:openHubWebUi', { hubId: 'before' })).toMatchObject({ ok: true });
    const menu: unknown[] = [];
    other.on('menu:command', (p) => menu.push(p));

    const raw = await rawClient();
    const from = lines.length;
    raw.socket.write(bytes());
    // The server fails this connection… (for a frame ws cannot parse it also drops the socket;
    // for a well-formed message it refuses, it waits for the page's close reply as RFC 6455 says).
    await waitFor('the close frame', () => closeCode(raw.received()) !== null);
    expect(closeCode(raw.received())).toBe(code);
    raw.socket.destroy();
    await raw.closed;
    await waitFor('the log line', () =>
      lines.slice(from).some((l) => l.level === 'warn' && JSON.stringify(l).includes(logged)),
    );

    // …and nothing else: the other page still calls and hears events, and new pages connect.
    expect(await other.invoke('app:openHubWebUi', { hubId: 'after' })).toMatchObject({ ok: true });
    clients.broadcast('menu:command', { command: 'about' });
    await waitFor('the event on the other page', () => menu.length === 1);
    const fresh = page();
    expect(await fresh.invoke('app:openHubWebUi', { hubId: 'new' })).toMatchObject({ ok: true });
    fresh.close();
    other.close();
  });

  it('answers a well-formed call to an undeclared channel without closing the connection', async () => {
    const raw = await rawClient();
    raw.socket.write(frame(0x1, Buffer.from('{"t":"call","id":7,"channel":"shell:exec","args":{}}')));
    await waitFor('the answer', () => raw.received().includes('"BAD_INPUT"'));
    expect(raw.socket.destroyed).toBe(false);
    raw.socket.destroy();
  });

  it('survives a client that resets in the middle of the handshake', async () => {
    const socket = net.connect(transport.port, '127.0.0.1');
    socket.on('error', () => {});
    await new Promise((r) => socket.once('connect', r));
    socket.write(`GET ${WS_PATH} HTTP/1.1\r\nHost: 127.0.0.1:${transport.port}\r\nUpgrade: websocket\r\n`);
    socket.resetAndDestroy();
    const fresh = page();
    expect(await fresh.invoke('app:openHubWebUi', { hubId: 'x' })).toMatchObject({ ok: true });
    fresh.close();
  });
});

describe('web transport: events leave in the contract shape only', () => {
  it('drops and logs an event whose payload breaks the contract; valid ones go out parsed', async () => {
    const p = page();
    await p.invoke('app:info', {});
    const seen: unknown[] = [];
    p.on('menu:command', (payload) => seen.push(payload));
    const from = lines.length;
    clients.broadcast('menu:command', { command: 'format-disk' } as never);
    clients.broadcast('menu:command', { command: 'about', secret: 'p4ss' } as never);
    await waitFor('the valid event', () => seen.length >= 1);
    expect(seen).toEqual([{ command: 'about' }]); // the bad one dropped, the extra key stripped
    expect(
      lines.slice(from).some((l) => l.level === 'error' && l.message.includes('does not match the contract')),
    ).toBe(true);
    expect(JSON.stringify(lines.slice(from))).not.toContain('format-disk'); // issues only, no payload
    p.close();
  });
});
