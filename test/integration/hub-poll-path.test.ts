import type http from 'node:http';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { HubClient } from '../../electron/core/hub/hub-client';
import { startTestServer, type TestServer } from './hub-test-server';

/**
 * The status poll's own path (a plain keep-alive GET, not axios): what it sends, and answers
 * that only it has to unpack itself. The failures it shares with axios are in
 * hub-transport.test.ts, run over both paths.
 */

const servers: TestServer[] = [];
const clients: HubClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

const STATUS = JSON.stringify({ result: 0, status: { state: 0, version: '2.1.28' } });

/** A hub that needs no login and answers every request with `answer`. */
async function hub(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<HubClient> {
  const server = await startTestServer(answer);
  servers.push(server);
  const client = new HubClient({ endpoint: { scheme: 'http', host: '127.0.0.1', port: server.port }, timeoutMs: 2000 });
  clients.push(client);
  return client;
}

function compressed(encoding: string, body: Buffer): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  return (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': encoding });
    res.end(body);
  };
}

describe('the status poll (plain keep-alive GET)', () => {
  it('sends a GET of /api/update/status asking for JSON, without advertising compression', async () => {
    const seen: http.IncomingMessage[] = [];
    const client = await hub((req, res) => {
      seen.push(req);
      res.end(STATUS);
    });
    expect(await client.updateStatus()).toMatchObject({ ok: true, value: { version: '2.1.28' } });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.method).toBe('GET');
    expect(seen[0]!.url).toBe('/api/update/status');
    expect(seen[0]!.headers.accept).toBe('application/json');
    expect(seen[0]!.headers['accept-encoding']).toBeUndefined();
    expect(seen[0]!.headers.connection).toBe('keep-alive');
  });

  it.each([
    ['gzip', zlib.gzipSync(STATUS)],
    ['deflate', zlib.deflateSync(STATUS)],
    ['br', zlib.brotliCompressSync(STATUS)],
  ])('an answer compressed with %s anyway is unpacked', async (encoding, body) => {
    const client = await hub(compressed(encoding, body));
    expect(await client.updateStatus()).toMatchObject({ ok: true, value: { version: '2.1.28' } });
  });

  it('a small compressed answer that unpacks past the size bound → PROTOCOL, not a memory spike', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const server = await startTestServer(compressed('gzip', bomb));
    servers.push(server);
    const client = new HubClient({
      endpoint: { scheme: 'http', host: '127.0.0.1', port: server.port },
      maxResponseBytes: 256 * 1024,
    });
    clients.push(client);
    expect(await client.updateStatus()).toMatchObject({
      ok: false,
      error: { code: 'PROTOCOL', message: expect.stringContaining('larger than 256 KB') },
    });
  });

  it('a damaged compressed answer → PROTOCOL (not valid JSON)', async () => {
    const damaged = zlib.gzipSync(STATUS).subarray(0, 12);
    const client = await hub(compressed('gzip', damaged));
    expect(await client.updateStatus()).toMatchObject({
      ok: false,
      error: { code: 'PROTOCOL', message: expect.stringContaining('not valid JSON') },
    });
  });

  it('an encoding it does not know is read as it came', async () => {
    const client = await hub(compressed('identity, x-custom', Buffer.from(STATUS)));
    expect(await client.updateStatus()).toMatchObject({ ok: true, value: { version: '2.1.28' } });
  });

  it('many polls in a row reuse one connection; after close() the next one is CANCELLED', async () => {
    const client = await hub((_req, res) => res.end(STATUS));
    for (let i = 0; i < 20; i++) expect((await client.updateStatus()).ok).toBe(true);
    expect(servers[0]!.connections()).toBe(1);
    client.close();
    expect(await client.updateStatus()).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });
});
