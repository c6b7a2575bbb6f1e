import { describe, expect, it } from 'vitest';
import { interpret } from '../../electron/core/hub/hub-reply';
import { isTransportFailure } from '../../electron/core/tracking/tracker';

const HTML = '<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>';
const read = (status: number) =>
  interpret(status, { 'content-type': 'text/html' }, HTML, 'http://192.0.2.7', 'http', 'the update status request');

describe('answers of a web server in front of the hub', () => {
  it('502 Bad Gateway is the hub service not answering (unreachable), not a hub failure', () => {
    const reply = read(502);
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('UNREACHABLE');
    expect(reply.error.message).toMatch(/HTTP 502 \(Bad Gateway\).*web server in front of the hub/);
    expect(isTransportFailure(reply.error)).toBe(true);
  });

  it('504 Gateway Timeout is the hub service answering too slowly (timeout)', () => {
    const reply = read(504);
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('TIMEOUT');
    expect(isTransportFailure(reply.error)).toBe(true);
  });

  it('other 5xx stay a failure of the hub itself', () => {
    for (const status of [500, 503]) {
      const reply = read(status);
      expect(reply.ok || reply.error.code).toBe('HUB_ERROR');
    }
  });
});
