/**
 * A minimal incremental reader for one HTTP/1.x response, fed raw socket bytes. The probe talks
 * raw sockets (no http.Agent, no keep-alive pool) so that it can reuse the socket the port scan
 * already opened and can tell "not HTTP at all" (a TLS alert, a banner) from an HTTP answer as
 * soon as the first bytes arrive.
 */

/** A probe answer is a small JSON document; anything bigger is not the answer we look for. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

export interface HttpAnswer {
  status: number;
  /** Lowercased header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  /** False when the body was cut short (close, timeout or the size limit). */
  complete: boolean;
  /** The server will keep the connection open for another request (HTTP/1.1, no `Connection: close`). */
  keepAlive: boolean;
}

export type ReaderState = 'more' | 'done' | 'not-http';

const HEADER_END = Buffer.from('\r\n\r\n');
const HTTP_PREFIX = 'HTTP/';

export class ResponseReader {
  private buffer = Buffer.alloc(0);
  private head: { status: number; version: string; headers: Record<string, string>; bodyStart: number } | null = null;
  private finished = false;

  get received(): number {
    return this.buffer.length;
  }

  get firstByte(): number | undefined {
    return this.buffer[0];
  }

  get hasHead(): boolean {
    return this.head !== null;
  }

  push(chunk: Buffer): ReaderState {
    if (this.finished) return 'done';
    const room = MAX_RESPONSE_BYTES - this.buffer.length;
    this.buffer = Buffer.concat([this.buffer, room < chunk.length ? chunk.subarray(0, room) : chunk]);
    if (!this.head) {
      const prefix = this.buffer.subarray(0, HTTP_PREFIX.length).toString('latin1');
      if (!HTTP_PREFIX.startsWith(prefix)) return 'not-http';
      const end = this.buffer.indexOf(HEADER_END);
      if (end < 0) return this.buffer.length >= MAX_RESPONSE_BYTES ? 'not-http' : 'more';
      const head = parseHead(this.buffer.subarray(0, end).toString('latin1'));
      if (!head) return 'not-http';
      this.head = { ...head, bodyStart: end + HEADER_END.length };
    }
    if (this.bodyComplete() || this.buffer.length >= MAX_RESPONSE_BYTES) {
      this.finished = true;
      return 'done';
    }
    return 'more';
  }

  /** The answer so far, or null when no complete status line and headers arrived. */
  answer(): HttpAnswer | null {
    if (!this.head) return null;
    const raw = this.buffer.subarray(this.head.bodyStart);
    const complete = this.bodyComplete();
    const chunked = /\bchunked\b/i.test(this.head.headers['transfer-encoding'] ?? '');
    const body = chunked
      ? decodeChunked(raw).body
      : contentLength(this.head.headers) !== null
        ? raw.subarray(0, contentLength(this.head.headers)!)
        : raw;
    const keepAlive = complete && this.head.version === '1.1' && !/\bclose\b/i.test(this.head.headers.connection ?? '');
    return { status: this.head.status, headers: this.head.headers, body, complete, keepAlive };
  }

  private bodyComplete(): boolean {
    if (!this.head) return false;
    const { headers, status, bodyStart } = this.head;
    if (status === 204 || status === 304 || (status >= 100 && status < 200)) return true;
    const raw = this.buffer.subarray(bodyStart);
    if (/\bchunked\b/i.test(headers['transfer-encoding'] ?? '')) return decodeChunked(raw).complete;
    const length = contentLength(headers);
    return length !== null && raw.length >= length;
  }
}

function contentLength(headers: Record<string, string>): number | null {
  const value = headers['content-length'];
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return null;
  return Number(value);
}

function parseHead(text: string): { status: number; version: string; headers: Record<string, string> } | null {
  const lines = text.split('\r\n');
  const statusLine = /^HTTP\/(\d(?:\.\d)?) (\d{3})(?: .*)?$/.exec(lines[0] ?? '');
  if (!statusLine) return null;
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return { status: Number(statusLine[2]), version: statusLine[1]!, headers };
}

/** Decodes as much of a chunked body as has arrived. */
export function decodeChunked(raw: Buffer): { body: Buffer; complete: boolean } {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', offset);
    if (lineEnd < 0) return { body: Buffer.concat(parts), complete: false };
    const size = Number.parseInt(raw.subarray(offset, lineEnd).toString('latin1').split(';')[0]!.trim(), 16);
    if (!Number.isFinite(size) || size < 0) return { body: Buffer.concat(parts), complete: false };
    const start = lineEnd + 2;
    if (size === 0) return { body: Buffer.concat(parts), complete: true };
    parts.push(raw.subarray(start, Math.min(start + size, raw.length)));
    if (start + size + 2 > raw.length) return { body: Buffer.concat(parts), complete: false };
    offset = start + size + 2;
  }
}
