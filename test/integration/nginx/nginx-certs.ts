import selfsigned from 'selfsigned';
import { CERT_NAME, fingerprintOf, type Certificate } from '../../simulator/tls-certs';

/**
 * Self-signed server certificates for nginx in front of the simulator: RSA-2048 (what most
 * appliances ship) and ECDSA P-256. Generated in-process (the `selfsigned` dev dependency), so
 * the tests need no openssl binary.
 */
export async function serverCertificate(kind: 'rsa-2048' | 'ecdsa-p256'): Promise<Certificate> {
  const notBeforeDate = new Date(Date.now() - 24 * 3600_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 30 * 24 * 3600_000);
  const pems = await selfsigned.generate([{ name: 'commonName', value: CERT_NAME }], {
    ...(kind === 'rsa-2048'
      ? { keyType: 'rsa' as const, keySize: 2048 }
      : { keyType: 'ec' as const, curve: 'P-256' as const }),
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: CERT_NAME }] },
    ],
  });
  return { key: pems.private, cert: pems.cert, fingerprint: fingerprintOf(pems.cert) };
}
