import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import tls from 'node:tls';
import { fail, ok, type Result } from '../../shared/errors';
import type { PresentedCertificate } from '../../shared/contract-models';
import { describeNetworkError } from './network-errors';
import { pinFromFingerprint256 } from './pin';
import { formatSeconds } from './seconds';

/**
 * The contract's certificate summary, every field read (a probe always has them), plus the PEM
 * the CLI prints. `fingerprint` is `sha256:<64 lowercase hex>` of the whole DER certificate.
 */
export type CertificateInfo = { [K in keyof PresentedCertificate]: NonNullable<PresentedCertificate[K]> } & {
  pem: string;
};

const DEFAULT_PROBE_TIMEOUT_MS = 5_000;

/**
 * Handshake-only look at a hub's certificate (trust on first use). The handshake runs with
 * verification off because the certificate is exactly what we do not know yet; that is safe
 * only because not one byte of application data is written: the socket is destroyed as soon as
 * the handshake completes. Requests never use this path (see createPinnedHttpsAgent in agents.ts).
 */
export function probeCertificate(
  host: string,
  port: number,
  opts: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<Result<CertificateInfo>> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  return new Promise((resolve) => {
    if (opts.signal?.aborted) return resolve(fail('CANCELLED', `The certificate check of ${where} was cancelled.`));
    let settled = false;
    const socket = tls.connect({
      host,
      port,
      // SNI only for names: an IP address as server name is not allowed by RFC 6066.
      ...(isIP(host) === 0 ? { servername: host } : {}),
      rejectUnauthorized: false,
    });
    const finish = (result: Result<CertificateInfo>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish(fail('TIMEOUT', `${where} did not complete a TLS handshake within ${formatSeconds(timeoutMs)}.`)),
      timeoutMs,
    );
    const onAbort = (): void => finish(fail('CANCELLED', `The certificate check of ${where} was cancelled.`));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate(true);
      if (!peer || !peer.raw)
        return finish(fail('PROTOCOL', `${where} completed a TLS handshake but presented no certificate.`));
      try {
        const x = new X509Certificate(peer.raw);
        finish(
          ok({
            fingerprint: pinFromFingerprint256(x.fingerprint256),
            pem: x.toString(),
            subject: x.subject.replace(/\n/g, ', '),
            issuer: x.issuer.replace(/\n/g, ', '),
            validFrom: new Date(x.validFrom).toISOString(),
            validTo: new Date(x.validTo).toISOString(),
          }),
        );
      } catch (error) {
        finish(fail('PROTOCOL', `${where} presented a certificate that cannot be read (${(error as Error).message}).`));
      }
    });
    socket.once('error', (error: NodeJS.ErrnoException) => finish(describeNetworkError(error, where, 'https')));
  });
}
