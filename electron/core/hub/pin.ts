import { fail, ok, type Result } from '../../shared/errors';

/**
 * Certificate pins are the SHA-256 of the whole DER certificate, written `sha256:<64 hex>`
 * lowercase. That is the value the probe shows, the CLI prints and the app stores, so a
 * technician compares one spelling everywhere.
 */
export const PIN_PREFIX = 'sha256:';

/** From Node's `fingerprint256` (`AA:BB:…`) to the canonical pin. */
export function pinFromFingerprint256(fingerprint256: string): string {
  return `${PIN_PREFIX}${fingerprint256.replace(/:/g, '').toLowerCase()}`;
}

/**
 * Accepts what a person is likely to paste: `sha256:<hex>`, bare hex, or the colon-separated
 * form browsers and OpenSSL show (any case). Anything else is BAD_INPUT with the expected form.
 */
export function normalisePin(input: string): Result<string> {
  const trimmed = input.trim();
  const withoutPrefix = trimmed.toLowerCase().startsWith(PIN_PREFIX) ? trimmed.slice(PIN_PREFIX.length) : trimmed;
  const hex = withoutPrefix.replace(/:/g, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    return fail(
      'BAD_INPUT',
      `"${input}" is not a certificate pin. Expected sha256: followed by 64 hexadecimal digits ` +
        '(as printed by `hubkeeper cert https://<hub>`).',
    );
  }
  return ok(`${PIN_PREFIX}${hex}`);
}
