import { createHash, X509Certificate } from 'node:crypto';
import selfsigned from 'selfsigned';

/**
 * Self-signed certificates for HTTPS hubs, generated in-process (no openssl binary). EC P-256
 * keeps generation around 10–20 ms. The certificate names `controlhub.local`, not the hub's
 * address, like a real hub's factory certificate: a client must trust it by its pinned
 * fingerprint, never by name or chain.
 */

export interface Certificate {
  key: string;
  cert: string;
  /** 'sha256:' + lowercase hex of the SHA-256 of the certificate's DER. */
  fingerprint: string;
}

export const CERT_NAME = 'controlhub.local';

export function fingerprintOf(certPem: string): string {
  const der = new X509Certificate(certPem).raw;
  return `sha256:${createHash('sha256').update(der).digest('hex')}`;
}

export async function generateCertificate(): Promise<Certificate> {
  const notBeforeDate = new Date(Date.now() - 24 * 3600_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 10 * 365 * 24 * 3600_000);
  const pems = await selfsigned.generate(
    [
      { name: 'commonName', value: CERT_NAME },
      { name: 'organizationName', value: 'Magewell Control Hub (simulated)' },
    ],
    {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate,
      notAfterDate,
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [{ type: 2, value: CERT_NAME }] },
      ],
    },
  );
  return { key: pems.private, cert: pems.cert, fingerprint: fingerprintOf(pems.cert) };
}
