import { createHash } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import type { OtherKind, RedirectSource, Scheme } from '../../shared/discovery';
import { pinFromFingerprint256 } from '../hub/pin';
import { answerAsksForTls, classifyLoginAnswer, classifyStatusAnswer } from './classify';
import { sameHostHttpsRedirect } from './https-redirect';
import { ResponseReader, type HttpAnswer } from './http-response';
import { connectTcp, type SocketSet } from './sockets';

/**
 * Fingerprints one open TCP port: is it a Control Hub over HTTP, over HTTPS, some other web
 * server, a TLS service, or a port that accepts and says nothing?
 *
 * Speed matters (a sweep must be as fast as a bare port scan), so the probe reuses the socket
 * the port scan opened, speaks first in the protocol the port most likely uses (TLS on the
 * usual HTTPS ports, plain HTTP elsewhere) and switches protocol once, on a fresh connection,
 * only when the first answer shows the other one (a TLS alert to plain HTTP, a web server's
 * "plain HTTP request was sent to HTTPS port" page, an HTTP 400 to a ClientHello, or a close
 * without a byte). A plain-HTTP redirect to https:// on the same address is followed once, to
 * identify the hub behind it (https-redirect.ts). The certificate fingerprint is read from the
 * same handshake that carries the request. Everything shares one deadline, so a port that
 * accepts and never answers costs exactly the probe timeout, never twice.
 *
 * Which protocol first, measured on loopback (test/bench/probe-order, median of 200 probes,
 * orders alternated): on a plain-HTTP port a wrong TLS-first guess costs 1.8× (nginx) to 4.2×
 * (Node) the right guess, because a handshake attempt is dear next to a plain request; on a TLS
 * port a wrong HTTP-first guess costs only 1.1× (nginx) to 1.4× (Node), a plain request and the
 * 400 page being cheap next to the handshake that follows anyway. So plain HTTP goes first
 * unless the port is a usual HTTPS port (SWEEP_DEFAULTS.tlsPorts), and the fallback catches
 * every port that guessed wrong.
 */

export type EndpointVerdict =
  | {
      kind: 'hub';
      scheme: Scheme;
      /** The hub's port: the probed one, or the one a same-host redirect pointed to. */
      port: number;
      fingerprint: string | null;
      redirectedFrom?: RedirectSource;
    }
  | { kind: OtherKind };

export interface EndpointProbeOptions {
  sockets: SocketSet;
  /** Absolute time (Date.now()) by which the verdict must be in. */
  deadline: number;
  connectTimeoutMs: number;
  /** Speak TLS first (the usual HTTPS ports, or the user said https://). */
  tlsFirst: boolean;
}

/** A user name no hub has, so the confirming login can never count against a real account. */
const PROBE_USER = 'hubkeeper-probe';
const LOGIN_BODY = JSON.stringify({
  id: PROBE_USER,
  pass: createHash('md5').update('hubkeeper-discovery-wrong-password').digest('hex'),
});

function hostHeader(host: string, port: number, scheme: Scheme): string {
  const name = net.isIPv6(host) ? `[${host}]` : host;
  return port === (scheme === 'https' ? 443 : 80) ? name : `${name}:${port}`;
}

function statusRequest(host: string, port: number, scheme: Scheme): string {
  // Keep-alive (the HTTP/1.1 default) only so that a 401/403 can be confirmed over the same
  // connection; any other answer closes it at once.
  return (
    `GET /api/update/status HTTP/1.1\r\nHost: ${hostHeader(host, port, scheme)}\r\n` +
    'User-Agent: Hubkeeper-discovery\r\nAccept: application/json\r\n\r\n'
  );
}

function loginRequest(host: string, port: number, scheme: Scheme): string {
  return (
    `POST /api/login HTTP/1.1\r\nHost: ${hostHeader(host, port, scheme)}\r\n` +
    'User-Agent: Hubkeeper-discovery\r\nAccept: application/json\r\nContent-Type: application/json\r\n' +
    `Content-Length: ${Buffer.byteLength(LOGIN_BODY)}\r\nConnection: close\r\n\r\n${LOGIN_BODY}`
  );
}

type Exchange =
  /** `socket` is set when the server keeps the connection open and the caller asked to keep it. */
  | { type: 'answer'; answer: HttpAnswer; socket: net.Socket | null }
  /** Bytes began like an HTTP answer but the head never completed. */
  | { type: 'partial-http' }
  | { type: 'not-http'; firstByte: number | undefined }
  /** Closed or reset before a single byte. */
  | { type: 'closed' }
  | { type: 'timeout' };

/**
 * Sends one request and reads one answer. The socket is destroyed before resolving, unless
 * `keep` is set and the answer is complete on a keep-alive connection: then it comes back idle.
 */
function exchange(socket: net.Socket, request: string, deadline: number, keep = false): Promise<Exchange> {
  return new Promise((resolve) => {
    const reader = new ResponseReader();
    let settled = false;
    const current = (fallback: Exchange): Exchange => {
      const answer = reader.answer();
      if (answer) return { type: 'answer', answer, socket: null };
      if (reader.received > 0) return { type: 'partial-http' };
      return fallback;
    };
    const finish = (result: Exchange) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeListener('data', onData);
      socket.removeListener('end', onEnd);
      socket.removeListener('close', onEnd);
      socket.removeListener('error', onEnd);
      if (keep && result.type === 'answer' && result.answer.keepAlive && !socket.destroyed) {
        socket.pause();
        resolve({ ...result, socket });
        return;
      }
      socket.destroy();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      const state = reader.push(chunk);
      if (state === 'done') finish(current({ type: 'closed' }));
      else if (state === 'not-http') finish({ type: 'not-http', firstByte: reader.firstByte });
    };
    const onEnd = () => finish(current({ type: 'closed' }));
    const timer = setTimeout(() => finish(current({ type: 'timeout' })), Math.max(0, deadline - Date.now()));
    socket.on('data', onData);
    // `on`, not `once`: finish() removes them all, and `once` wrappers cost a closure each.
    socket.on('end', onEnd);
    socket.on('close', onEnd);
    socket.on('error', onEnd);
    socket.write(request);
  });
}

type Handshake =
  { type: 'secure'; fingerprint: string | null } | { type: 'alert' } | { type: 'not-tls' } | { type: 'timeout' };

function handshake(socket: tls.TLSSocket, deadline: number): Promise<Handshake> {
  return new Promise((resolve) => {
    const finish = (result: Handshake) => {
      clearTimeout(timer);
      socket.removeListener('secureConnect', onSecure);
      socket.removeListener('error', onError);
      socket.removeListener('close', onClose);
      if (result.type !== 'secure') socket.destroy();
      resolve(result);
    };
    const onSecure = () => {
      // The X509Certificate computes only the fingerprint asked for; getPeerCertificate() would
      // decode every field of the certificate into an object first.
      const cert = socket.getPeerX509Certificate();
      finish({ type: 'secure', fingerprint: cert ? pinFromFingerprint256(cert.fingerprint256) : null });
    };
    // An alert means a TLS server refused us (protocol version, client certificate…): it is
    // TLS, just not one we can talk to. Other failures (wrong version number = the server
    // answered in plain HTTP, a reset, a close) mean it may not be TLS at all.
    const onError = (error: NodeJS.ErrnoException) =>
      finish(/ALERT/i.test(error.code ?? '') ? { type: 'alert' } : { type: 'not-tls' });
    const onClose = () => finish({ type: 'not-tls' });
    const timer = setTimeout(() => finish({ type: 'timeout' }), Math.max(0, deadline - Date.now()));
    socket.on('secureConnect', onSecure);
    socket.on('error', onError);
    socket.on('close', onClose);
  });
}

/**
 * One client context for every probe: building a SecureContext per connection (what
 * tls.connect does without one) costs about a millisecond of CPU each, more than the handshake.
 */
let sharedContext: tls.SecureContext | null = null;
function probeContext(): tls.SecureContext {
  sharedContext ??= tls.createSecureContext({});
  return sharedContext;
}

class Prober {
  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly options: EndpointProbeOptions,
  ) {}

  /** A fresh TCP connection within what is left of the deadline, or null. */
  private async reopen(): Promise<net.Socket | null> {
    const left = Math.min(this.options.connectTimeoutMs, this.options.deadline - Date.now());
    if (left <= 0) return null;
    const outcome = await connectTcp(this.host, this.port, left, this.options.sockets);
    return outcome.ok ? outcome.socket : null;
  }

  private async startTls(tcp: net.Socket): Promise<{ socket: tls.TLSSocket; result: Handshake }> {
    const socket = this.options.sockets.add(
      tls.connect({
        socket: tcp,
        // SNI only for names: Node refuses IP addresses as server names.
        servername: net.isIP(this.host) ? undefined : this.host,
        // A probe carries no credentials; it must see self-signed certificates to report their
        // fingerprint, which the technician then pins (trust on first use).
        rejectUnauthorized: false,
        ALPNProtocols: ['http/1.1'],
        secureContext: probeContext(),
      }),
    );
    return { socket, result: await handshake(socket, this.options.deadline) };
  }

  /** Opens a connection for `scheme`, ready to carry a request, or null. */
  private async open(scheme: Scheme): Promise<net.Socket | null> {
    const tcp = await this.reopen();
    if (!tcp || scheme === 'http') return tcp;
    const { socket, result } = await this.startTls(tcp);
    return result.type === 'secure' ? socket : null;
  }

  /**
   * The verdict for an HTTP answer to the status request. A 401/403 is confirmed by a bad login,
   * over the same connection when the server kept it open (saves a connect and a handshake).
   */
  private async judge(
    answer: HttpAnswer,
    idle: net.Socket | null,
    scheme: Scheme,
    fingerprint: string | null,
  ): Promise<EndpointVerdict> {
    const verdict = classifyStatusAnswer(answer);
    if (verdict !== 'confirm-with-login') {
      idle?.destroy();
      return verdict === 'hub' ? { kind: 'hub', scheme, port: this.port, fingerprint } : { kind: 'web' };
    }
    const request = loginRequest(this.host, this.port, scheme);
    let login: Exchange | null = null;
    if (idle) {
      idle.resume();
      login = await exchange(idle, request, this.options.deadline);
    }
    // No kept connection, or the server closed it despite keep-alive: ask on a fresh one.
    if (!login || login.type === 'closed') {
      const socket = await this.open(scheme);
      if (!socket) return { kind: 'web' };
      login = await exchange(socket, request, this.options.deadline);
    }
    return login.type === 'answer' && classifyLoginAnswer(login.answer) === 'hub'
      ? { kind: 'hub', scheme, port: this.port, fingerprint }
      : { kind: 'web' };
  }

  async plain(socket: net.Socket | null): Promise<EndpointVerdict | 'maybe-tls'> {
    const tcp = socket ?? (await this.reopen());
    if (!tcp) return { kind: 'silent' };
    const result = await exchange(tcp, statusRequest(this.host, this.port, 'http'), this.options.deadline, true);
    switch (result.type) {
      case 'answer': {
        if (answerAsksForTls(result.answer)) {
          result.socket?.destroy();
          return 'maybe-tls';
        }
        const redirectPort = sameHostHttpsRedirect(result.answer, this.host);
        if (redirectPort !== null) {
          result.socket?.destroy();
          // https:// on this very port (nginx `error_page 497 https://…`) is a TLS hint, not a redirect.
          return redirectPort === this.port ? 'maybe-tls' : this.followRedirect(redirectPort);
        }
        return this.judge(result.answer, result.socket, 'http', null);
      }
      case 'partial-http':
        return { kind: 'web' };
      case 'not-http':
        // 0x15 alert / 0x16 handshake: a TLS record, the server wants TLS.
        return result.firstByte === 0x15 || result.firstByte === 0x16 ? 'maybe-tls' : { kind: 'silent' };
      case 'closed':
        return 'maybe-tls';
      case 'timeout':
        return { kind: 'silent' };
    }
  }

  /**
   * Identifies what a same-host https:// redirect points to: one TLS probe of that port, no
   * further redirect. The hub is recorded with its HTTPS endpoint, the redirect noted.
   */
  private async followRedirect(port: number): Promise<EndpointVerdict> {
    const verdict = await new Prober(this.host, port, this.options).secure(null);
    if (verdict === 'maybe-plain' || verdict.kind !== 'hub') return { kind: 'web' };
    return { ...verdict, redirectedFrom: { scheme: 'http', port: this.port } };
  }

  async secure(socket: net.Socket | null): Promise<EndpointVerdict | 'maybe-plain'> {
    const tcp = socket ?? (await this.reopen());
    if (!tcp) return { kind: 'silent' };
    const { socket: tlsSocket, result: hs } = await this.startTls(tcp);
    if (hs.type === 'timeout') return { kind: 'silent' };
    if (hs.type === 'alert') return { kind: 'tls' };
    if (hs.type === 'not-tls') return 'maybe-plain';
    const result = await exchange(tlsSocket, statusRequest(this.host, this.port, 'https'), this.options.deadline, true);
    if (result.type === 'answer') return this.judge(result.answer, result.socket, 'https', hs.fingerprint);
    return result.type === 'partial-http' ? { kind: 'web' } : { kind: 'tls' };
  }
}

/**
 * Probes `host:port`. `socket` is an already connected TCP socket to reuse (the port scan's),
 * or null to connect afresh. Never throws; a cancel (SocketSet.destroyAll) ends it at once.
 */
export async function probeEndpoint(
  socket: net.Socket | null,
  host: string,
  port: number,
  options: EndpointProbeOptions,
): Promise<EndpointVerdict> {
  const prober = new Prober(host, port, options);
  if (options.tlsFirst) {
    const first = await prober.secure(socket);
    if (first !== 'maybe-plain') return first;
    const second = await prober.plain(null);
    return second === 'maybe-tls' ? { kind: 'silent' } : second;
  }
  const first = await prober.plain(socket);
  if (first !== 'maybe-tls') return first;
  const second = await prober.secure(null);
  return second === 'maybe-plain' ? { kind: 'silent' } : second;
}
