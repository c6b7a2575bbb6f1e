import type { AppError } from '../shared/errors';
import type { CliIo } from './io';
import { writeError } from './output';

/**
 * A failure for people, with the next step where there is an obvious one. The line names the
 * hub (when the message does not already), so output of a script over many hubs stays readable.
 */
export function reportError(io: CliIo, hub: string, error: AppError): void {
  writeError(io, error.message.includes(hub) ? error : { ...error, message: `${hub}: ${error.message}` });
  if (error.code === 'TLS_UNTRUSTED' && /sha256:[0-9a-f]{64}/.test(error.message)) {
    const pin = /sha256:[0-9a-f]{64}/.exec(error.message)?.[0];
    io.err(`hint: after checking the fingerprint, add --pin ${pin} (see: hubkeeper cert ${hub})\n`);
  } else if (error.code === 'CERT_CHANGED') {
    io.err(`hint: run hubkeeper cert ${hub} to see the new certificate; pin it only once you know why it changed\n`);
  }
}
