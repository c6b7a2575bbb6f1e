import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import type { PeerCertificate } from 'node:tls';
import { pinFromFingerprint256 } from './pin';

/** Error code our own socket code raises, recognised by network-errors.ts / hub-transport.ts. */
export const CONNECT_TIMEOUT_CODE = 'HUBKEEPER_CONNECT_TIMEOUT';
export const PIN_MISMATCH_CODE = 'HUBKEEPER_PIN_MISMATCH';

/**
 * Destroys a socket that has not finished connecting (TCP, plus the TLS handshake for https)
 * within `ms`. Separate from the response deadline so the message can say which one failed.
 */
function addConnectTimeout(agent: http.Agent, ms: number, readyEvent: 'connect' | 'secureConnect'): void {
  const original = agent.createConnection.bind(agent) as (
    o: http.ClientRequestArgs,
    cb?: (e: Error | null, s: Duplex) => void,
  ) => Duplex | null | undefined;
  agent.createConnection = (
    options: http.ClientRequestArgs,
    callback?: (err: Error | null, stream: Duplex) => void,
  ) => {
    const socket = original(options, callback);
    if (!socket) return socket;
    const timer = setTimeout(() => {
      socket.destroy(Object.assign(new Error(`connect timeout after ${ms} ms`), { code: CONNECT_TIMEOUT_CODE }));
    }, ms);
    const clear = (): void => clearTimeout(timer);
    socket.once(readyEvent, clear);
    socket.once('close', clear);
    return socket;
  };
}

/** Keep-alive agent for one plain-HTTP hub. */
export function createHttpAgent(connectTimeoutMs: number): http.Agent {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  addConnectTimeout(agent, connectTimeoutMs, 'connect');
  return agent;
}

/**
 * TLS settings that accept exactly the pinned certificate, for every connection to an HTTPS hub
 * (the axios agent's and the status poll's):
 * - the pinned certificate is the only trust anchor (`ca`, partial chains allowed so a
 *   CA-signed hub certificate can be pinned too), so OpenSSL's chain check passes for it and
 *   fails for any other certificate;
 * - `checkServerIdentity` compares the SHA-256 fingerprint instead of the host name (hubs are
 *   addressed by IP and their certificates rarely name it), so even a certificate chained to
 *   the pinned one is refused unless it IS the pinned one;
 * - no TLS session cache: a resumed session skips `checkServerIdentity`, so every connection
 *   must do a full handshake.
 * Verification is never switched off: a failed check aborts the handshake before a single
 * request byte (and so before any password) is written.
 */
export function pinnedTlsOptions(pinnedPem: string, pin: string) {
  return {
    ca: pinnedPem,
    // A hub certificate signed by a site CA is pinned as the leaf itself: let the pinned leaf
    // be the trust anchor without the CA (safe, since the fingerprint check below accepts
    // nothing but that exact certificate).
    allowPartialTrustChain: true,
    rejectUnauthorized: true,
    maxCachedSessions: 0,
    checkServerIdentity: (_host: string, cert: PeerCertificate): Error | undefined => {
      const presented = cert.fingerprint256 ? pinFromFingerprint256(cert.fingerprint256) : 'none';
      if (presented === pin) return undefined;
      return Object.assign(new Error(`certificate ${presented} does not match the pin ${pin}`), {
        code: PIN_MISMATCH_CODE,
        presented,
      });
    },
  };
}

/** Keep-alive agent for one HTTPS hub that accepts exactly the pinned certificate. */
export function createPinnedHttpsAgent(pinnedPem: string, pin: string, connectTimeoutMs: number): https.Agent {
  const agent = new https.Agent({
    keepAlive: true,
    maxSockets: 4,
    ...pinnedTlsOptions(pinnedPem, pin),
  });
  addConnectTimeout(agent, connectTimeoutMs, 'secureConnect');
  return agent;
}
