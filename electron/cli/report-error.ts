import type { AppError } from '../shared/errors';
import { cliText } from './cli-language';
import type { CliIo } from './io';
import { writeError } from './output';

/**
 * A failure for people, with the next step where there is an obvious one. The line names the
 * hub (when the message does not already), so output of a script over many hubs stays readable.
 */
export function reportError(io: CliIo, hub: string, error: AppError): void {
  writeError(io, error, hub);
  const t = cliText(io);
  const hint = (text: string): void => io.err(`${t.t('cliCommon.hint', { text })}\n`);
  const pin = error.code === 'TLS_UNTRUSTED' ? /sha256:[0-9a-f]{64}/.exec(error.message)?.[0] : undefined;
  if (pin) hint(t.t('cliHub.hint.pin', { pin, hub }));
  else if (error.code === 'CERT_CHANGED') hint(t.t('cliHub.hint.certChanged', { hub }));
}
