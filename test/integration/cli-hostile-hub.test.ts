import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { cli } from './cli-harness';

/**
 * A hostile hub against the CLI: versions, names and a redirect address carrying escape
 * sequences (clear screen, OSC 52 clipboard, 8-bit CSI/OSC), bidi overrides and line feeds.
 * Human output shows them escaped, `--json` gives them back exactly. A raw TCP server on
 * 127.3.11.2 (a real hub would send the same bytes), port 0.
 */

const ESC = '\x1b';
const VERSION = `2.1.28${ESC}]52;c;ZXZpbA==\x07${ESC}[2J\nerror FORGED`;
const OS_NAME = `Debian \u202egnp.exe\x9b2J`;
const NEWEST = `2.1.29\u2066${ESC}[1A`;
const DIGEST = `${'a'.repeat(10)}${ESC}P+q${ESC}\\`;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function statusBody(): unknown {
  const entry = (version: string) => ({ version, digest: DIGEST, 'is-expr': false, date: 1693884985 });
  return {
    result: 0,
    status: {
      state: 0,
      version: VERSION,
      progress: 0,
      'enable-update': true,
      'os-name': OS_NAME,
      'online-status': {
        date: 1694400871,
        'check-result': 0,
        'update-result': 0,
        'is-newest': false,
        'newest-version': entry(NEWEST),
        enable: true,
        'enable-expr': false,
        versions: { list: [entry(`2.1.27${ESC}[K`)], start: 0, total: 1 },
      },
      info: `line one\n${ESC}[31mred`,
    },
  };
}

const DEVICE_NAME = `Stage${ESC}[2J\nerror FORGED`;
const DEVICE_MODEL = `Ultra Encode\u202eIMDH`;

/** One hostile device on the first page, then an empty page. */
function devicesBody(path: string): unknown {
  const first = /[?&]start=0(&|$)/.test(path);
  return {
    result: 0,
    list: first
      ? [{ sn: `SN${ESC}]52;c;ZXZpbA==\x07`, name: DEVICE_NAME, 'module-name': DEVICE_MODEL, 'firmware-ver': '1.0' }]
      : [],
  };
}

let server: net.Server;
let url = '';
let redirect = false;

function answer(socket: net.Socket, head: string): void {
  const [requestLine = ''] = head.split('\r\n');
  const path = requestLine.split(' ')[1] ?? '';
  if (redirect && path.startsWith('/api/update/status')) {
    // 8-bit C1 bytes in a header (obs-text: HTTP parsers let them through).
    const location = Buffer.concat([Buffer.from('https://127.3.11.2/'), Buffer.from([0x9b, 0x32, 0x4a, 0x9d])]);
    socket.end(
      Buffer.concat([
        Buffer.from('HTTP/1.1 302 Found\r\nLocation: '),
        location,
        Buffer.from('\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'),
      ]),
    );
    return;
  }
  const body = path.startsWith('/api/login')
    ? { result: 0, token: 'HOSTILE', user: { name: 'Admin', type: 1 } }
    : path.startsWith('/api/logout')
      ? { result: 0 }
      : path.startsWith('/api/device/list')
        ? devicesBody(path)
        : statusBody();
  const text = Buffer.from(JSON.stringify(body));
  socket.end(
    `HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=UTF-8\r\nContent-Length: ${text.length}\r\nConnection: close\r\n\r\n${text.toString()}`,
  );
}

beforeAll(async () => {
  server = net.createServer((socket) => {
    let buffered = '';
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/content-length: *(\d+)/i.exec(buffered.slice(0, end))?.[1] ?? 0);
      if (buffered.length >= end + 4 + length) answer(socket, buffered.slice(0, end));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.3.11.2', resolve));
  url = `http://127.3.11.2:${(server.address() as net.AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('hub text never reaches a terminal raw', () => {
  it('status: every hub string escaped, each on its own line', async () => {
    redirect = false;
    const run = await cli(['status', url]);
    expect(run.code).toBe(0);
    expect(run.out).not.toMatch(RAW);
    expect(run.err).not.toMatch(RAW);
    expect(run.out).toContain('\\x1b]52;c;ZXZpbA==\\x07\\x1b[2J\\x0aerror FORGED');
    expect(run.out).toContain('\\u202egnp.exe\\x9b2J');
    // The forged line is not a line of its own.
    expect(run.out.split('\n').some((l) => l.startsWith('error FORGED'))).toBe(false);
  });

  it('status --json gives every string back exactly', async () => {
    redirect = false;
    const run = await cli(['status', url, '--json']);
    expect(run.code).toBe(0);
    expect(run.out).not.toMatch(RAW);
    const doc = run.json<{ status: { version: string; osName: string; online: { newest: { version: string } } } }>();
    expect(doc.status.version).toBe(VERSION);
    expect(doc.status.osName).toBe(OS_NAME);
    expect(doc.status.online.newest.version).toBe(NEWEST);
  });

  it('history: versions and digests escaped', async () => {
    redirect = false;
    const run = await cli(['history', url]);
    expect(run.code).toBe(0);
    expect(run.out).not.toMatch(RAW);
    expect(run.out).toContain('2.1.27\\x1b[K');
  });

  it('devices: names, models and serials escaped; --json gives them back exactly', async () => {
    redirect = false;
    const run = await cli(['devices', url]);
    expect(run.code, run.err).toBe(0);
    expect(run.out).not.toMatch(RAW);
    expect(run.out).toContain('Stage\\x1b[2J\\x0aerror FORGED');
    expect(run.out.split('\n').some((l) => l.startsWith('error FORGED'))).toBe(false);
    const json = await cli(['devices', url, '--json']);
    expect(json.out).not.toMatch(RAW);
    const doc = json.json<{ devices: { name: string; model: string }[] }>();
    expect(doc.devices[0]).toMatchObject({ name: DEVICE_NAME, model: DEVICE_MODEL });
  });

  it('an error message quoting the hub (a redirect address) is escaped', async () => {
    redirect = true;
    const run = await cli(['status', url]);
    expect(run.code).not.toBe(0);
    expect(run.err).toContain('error PROTOCOL');
    expect(run.err).not.toMatch(RAW);
    expect(run.err).toContain('\\x9b2J\\x9d');
  });
});
