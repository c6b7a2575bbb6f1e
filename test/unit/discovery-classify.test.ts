import { describe, expect, it } from 'vitest';
import { classifyLoginAnswer, classifyStatusAnswer } from '../../electron/core/discovery/classify';
import {
  decodeChunked,
  MAX_RESPONSE_BYTES,
  ResponseReader,
  type HttpAnswer,
} from '../../electron/core/discovery/http-response';

const answer = (status: number, body: string): HttpAnswer => ({
  status,
  headers: {},
  body: Buffer.from(body),
  complete: true,
  keepAlive: false,
});

describe('classifyStatusAnswer', () => {
  it('recognises a hub by the not-logged-in code of either family', () => {
    expect(classifyStatusAnswer(answer(200, '{"result":37}'))).toBe('hub');
    expect(classifyStatusAnswer(answer(200, '{"result":-17,"remote-ip":"1.2.3.4:5"}'))).toBe('hub');
    expect(classifyStatusAnswer(answer(200, '\uFEFF { "result" : "37" }'))).toBe('hub');
  });

  it('treats other answers as some other web server', () => {
    expect(classifyStatusAnswer(answer(200, '{"result":0,"data":{}}'))).toBe('web');
    expect(classifyStatusAnswer(answer(200, '{"result":37.5}'))).toBe('web');
    expect(classifyStatusAnswer(answer(200, '[37]'))).toBe('web');
    expect(classifyStatusAnswer(answer(200, '<html>{"result":37}</html>'))).toBe('web');
    expect(classifyStatusAnswer(answer(200, '{"result":37'))).toBe('web');
    expect(classifyStatusAnswer(answer(404, '{"result":37}'))).toBe('web');
    expect(classifyStatusAnswer(answer(500, ''))).toBe('web');
  });

  it('asks for a login check on 401 and 403', () => {
    expect(classifyStatusAnswer(answer(401, '<h1>401</h1>'))).toBe('confirm-with-login');
    expect(classifyStatusAnswer(answer(403, ''))).toBe('confirm-with-login');
  });
});

describe('classifyLoginAnswer', () => {
  it('confirms a hub when the bad login answers JSON with an integer result', () => {
    expect(classifyLoginAnswer(answer(200, '{"result":16}'))).toBe('hub');
    expect(classifyLoginAnswer(answer(200, '{"result":-14}'))).toBe('hub');
    expect(classifyLoginAnswer(answer(401, '{"result":39}'))).toBe('hub');
  });

  it('rejects HTML, JSON without result and other statuses', () => {
    expect(classifyLoginAnswer(answer(401, '<h1>401 Unauthorized</h1>'))).toBe('web');
    expect(classifyLoginAnswer(answer(200, '{"error":"bad"}'))).toBe('web');
    expect(classifyLoginAnswer(answer(404, '{"result":1}'))).toBe('web');
  });
});

describe('ResponseReader', () => {
  const feed = (...chunks: string[]) => {
    const reader = new ResponseReader();
    let state = 'more';
    for (const c of chunks) state = reader.push(Buffer.from(c, 'latin1'));
    return { reader, state };
  };

  it('finishes as soon as Content-Length bytes arrived, across chunk boundaries', () => {
    const { reader, state } = feed('HTTP/1.1 200 OK\r\nContent-Le', 'ngth: 13\r\n\r\n{"result"', ':37}');
    expect(state).toBe('done');
    expect(reader.answer()).toMatchObject({ status: 200, complete: true });
    expect(reader.answer()!.body.toString()).toBe('{"result":37}');
  });

  it('knows when the server keeps the connection open for another request', () => {
    expect(feed('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n').reader.answer()!.keepAlive).toBe(true);
    expect(
      feed('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n').reader.answer()!.keepAlive,
    ).toBe(false);
    expect(feed('HTTP/1.0 401 Unauthorized\r\nContent-Length: 0\r\n\r\n').reader.answer()!.keepAlive).toBe(false);
    // A body delimited by the close cannot be followed by another answer.
    expect(feed('HTTP/1.1 401 Unauthorized\r\n\r\nabc').reader.answer()!.keepAlive).toBe(false);
  });

  it('waits for more until the body is complete', () => {
    const { reader, state } = feed('HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\n{"res');
    expect(state).toBe('more');
    expect(reader.answer()).toMatchObject({ complete: false });
  });

  it('decodes a chunked body and stops at the last chunk', () => {
    const { reader, state } = feed(
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"res\r\n',
      '8;ext=1\r\nult":37}\r\n0\r\n\r\n',
    );
    expect(state).toBe('done');
    expect(reader.answer()!.body.toString()).toBe('{"result":37}');
    expect(decodeChunked(Buffer.from('3\r\nabc\r\n'))).toEqual({ body: Buffer.from('abc'), complete: false });
  });

  it('reads a body without length until the connection closes', () => {
    const { reader, state } = feed('HTTP/1.0 200 OK\r\nX-A: 1\r\nx-a: 2\r\n\r\nhello');
    expect(state).toBe('more');
    expect(reader.answer()).toMatchObject({ status: 200, headers: { 'x-a': '1, 2' }, complete: false });
    expect(reader.answer()!.body.toString()).toBe('hello');
  });

  it('says not-http at the first byte of a TLS alert or a banner', () => {
    expect(feed('\x15\x03\x01\x00\x02\x02\x46').state).toBe('not-http');
    expect(feed('SSH-2.0-OpenSSH_9.2\r\n').state).toBe('not-http');
    expect(feed('HTTP/1.1 abc\r\n\r\n').state).toBe('not-http');
    expect(feed('HTT').state).toBe('more');
  });

  it('stops at the size limit so a huge answer cannot exhaust memory', () => {
    const reader = new ResponseReader();
    expect(reader.push(Buffer.from('HTTP/1.1 200 OK\r\n\r\n'))).toBe('more');
    expect(reader.push(Buffer.alloc(MAX_RESPONSE_BYTES, 'x'))).toBe('done');
    expect(reader.received).toBe(MAX_RESPONSE_BYTES);
    expect(new ResponseReader().push(Buffer.alloc(MAX_RESPONSE_BYTES + 10, 'H'))).toBe('not-http');
  });
});
