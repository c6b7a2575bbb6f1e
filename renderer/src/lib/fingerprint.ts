/**
 * `sha256:ab12…` shown as colon-separated byte pairs in four lines of eight, the way browsers
 * and `openssl x509 -fingerprint` print it, so a technician can compare it piece by piece.
 */
export function fingerprintLines(fingerprint: string): string[] {
  const hex = fingerprint.replace(/^sha256:/i, '').toUpperCase();
  const pairs = hex.match(/.{1,2}/g) ?? [];
  const lines: string[] = [];
  for (let i = 0; i < pairs.length; i += 8) lines.push(pairs.slice(i, i + 8).join(':'));
  return lines;
}
