import { describe, expect, it } from 'vitest';
import { answerAsksForTls } from '../../electron/core/discovery/classify';
import type { HttpAnswer } from '../../electron/core/discovery/http-response';
import { sameHostHttpsRedirect } from '../../electron/core/discovery/https-redirect';

const answer = (status: number, body: string, headers: Record<string, string> = {}): HttpAnswer => ({
  status,
  headers,
  body: Buffer.from(body),
  complete: true,
  keepAlive: false,
});
const redirect = (status: number, location: string) => answer(status, '', { location });

describe('answerAsksForTls', () => {
  it('recognises the pages nginx, Apache and Go send when plain HTTP reaches a TLS port', () => {
    const nginx =
      '<html>\r\n<head><title>400 The plain HTTP request was sent to HTTPS port</title></head>\r\n<body>\r\n' +
      '<center><h1>400 Bad Request</h1></center>\r\n<center>The plain HTTP request was sent to HTTPS port</center>\r\n' +
      '<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n';
    const apache =
      '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>400 Bad Request</title>\n</head><body>\n' +
      "<h1>Bad Request</h1>\n<p>Your browser sent a request that this server could not understand.<br />\nReason: You're speaking plain HTTP to an SSL-enabled server port.<br />\n";
    expect(answerAsksForTls(answer(400, nginx))).toBe(true);
    expect(answerAsksForTls(answer(497, nginx))).toBe(true);
    expect(answerAsksForTls(answer(400, apache))).toBe(true);
    expect(answerAsksForTls(answer(400, 'Client sent an HTTP request to an HTTPS server.\n'))).toBe(true);
  });

  it('leaves other 400s and other statuses alone', () => {
    expect(answerAsksForTls(answer(400, '<h1>400 Bad Request</h1>'))).toBe(false);
    expect(answerAsksForTls(answer(200, 'The plain HTTP request was sent to HTTPS port'))).toBe(false);
    expect(answerAsksForTls(answer(400, '{"result":7}'))).toBe(false);
  });
});

describe('sameHostHttpsRedirect', () => {
  it('gives the HTTPS port of a redirect to the same address', () => {
    for (const status of [301, 302, 307, 308])
      expect(sameHostHttpsRedirect(redirect(status, 'https://192.0.2.7/api/update/status'), '192.0.2.7')).toBe(443);
    expect(sameHostHttpsRedirect(redirect(301, 'https://192.0.2.7:8443/'), '192.0.2.7')).toBe(8443);
    expect(sameHostHttpsRedirect(redirect(301, 'HTTPS://192.0.2.7:8443'), '192.0.2.7')).toBe(8443);
    expect(sameHostHttpsRedirect(redirect(301, 'https://[2001:db8::0:1]:9443/'), '2001:db8::1')).toBe(9443);
    expect(sameHostHttpsRedirect(redirect(301, 'https://Hub.Example/'), 'hub.example')).toBe(443);
  });

  it('ignores redirects to other hosts, other schemes, relative places, or with credentials', () => {
    expect(sameHostHttpsRedirect(redirect(301, 'https://192.0.2.8/'), '192.0.2.7')).toBeNull();
    expect(sameHostHttpsRedirect(redirect(301, 'https://hub.example/'), '192.0.2.7')).toBeNull();
    expect(sameHostHttpsRedirect(redirect(301, 'https://192.0.2.7.evil.example/'), '192.0.2.7')).toBeNull();
    expect(sameHostHttpsRedirect(redirect(301, 'http://192.0.2.7:8080/'), '192.0.2.7')).toBeNull();
    expect(sameHostHttpsRedirect(redirect(301, '/login'), '192.0.2.7')).toBeNull();
    expect(sameHostHttpsRedirect(redirect(301, '//192.0.2.7/'), '192.0.2.7')).toBeNull();
    expect(sameHostHttpsRedirect(redirect(301, 'https://user:pw@192.0.2.7/'), '192.0.2.7')).toBeNull();
    expect(sameHostHttpsRedirect(redirect(301, 'https://[::1'), '192.0.2.7')).toBeNull();
    expect(sameHostHttpsRedirect(answer(301, ''), '192.0.2.7')).toBeNull();
    expect(sameHostHttpsRedirect(redirect(303, 'https://192.0.2.7/'), '192.0.2.7')).toBeNull();
    expect(sameHostHttpsRedirect(redirect(200, 'https://192.0.2.7/'), '192.0.2.7')).toBeNull();
  });
});
