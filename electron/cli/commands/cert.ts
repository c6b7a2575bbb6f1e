import type { Command } from 'commander';
import { logHubCallFailure } from '../../core/app/event-log';
import { formatHubUrl, parseHubUrl } from '../../core/hub/hub-url';
import type { Translator } from '../../core/i18n';
import { probeCertificate, type CertificateInfo } from '../../core/hub/tls-probe';
import type { Result } from '../../shared/errors';
import { cliText } from '../cli-language';
import { cliFail } from '../cli-words';
import { commandLog } from '../cli-file-log';
import { withDeadline } from '../deadline';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes';
import { processIo, type CliIo } from '../io';
import { timeoutOption } from '../options';
import { errorJson, formatLocalTime, formatTable, writeJson } from '../output';
import { reportError } from '../report-error';
import { redactUrlPassword } from '../../shared/redact-url';

export interface CertOptions {
  timeout: number;
  json?: boolean;
}

/**
 * `hubkeeper cert <https-url>`: the certificate an HTTPS hub presents and the fingerprint to
 * pin. Handshake only: nothing is sent to the hub, no password is needed.
 */
export async function runCert(urlInput: string, opts: CertOptions, io: CliIo): Promise<ExitCode> {
  // Without a scheme an address here means HTTPS: that is the only thing `cert` can look at.
  const hasScheme = /^\s*[a-z][a-z0-9+.-]*:\/\//i.test(urlInput);
  const parsed = parseHubUrl(hasScheme ? urlInput : `https://${urlInput.trim()}`);
  let hub = redactUrlPassword(urlInput);
  let result: Result<CertificateInfo>;
  if (!parsed.ok) result = parsed;
  else if (parsed.value.scheme !== 'https') {
    hub = formatHubUrl(parsed.value);
    result = cliFail('BAD_INPUT', { key: 'cliHub.cert.plainHttp', params: { hub } });
  } else {
    const ep = parsed.value;
    hub = formatHubUrl(ep);
    result = await withDeadline(opts.timeout, { key: 'cliHub.work.cert', params: { hub } }, (signal) =>
      probeCertificate(ep.host, ep.port, { timeoutMs: opts.timeout, signal }),
    );
    if (!result.ok) logHubCallFailure(commandLog(io), hub, 'Reading the certificate', result.error);
  }
  if (opts.json) {
    const c = result.ok ? result.value : null;
    writeJson(io, {
      hub,
      ok: result.ok,
      certificate: c && {
        fingerprint: c.fingerprint,
        subject: c.subject,
        issuer: c.issuer,
        validFrom: c.validFrom,
        validTo: c.validTo,
        pem: c.pem,
      },
      error: result.ok ? null : errorJson(result.error),
    });
  } else if (result.ok) io.out(renderCertificate(hub, result.value, cliText(io)));
  else reportError(io, hub, result.error);
  return result.ok ? EXIT.OK : exitCodeFor(result.error);
}

/** The certificate as a table, then how to pin it. */
function renderCertificate(hub: string, c: CertificateInfo, t: Translator): string {
  const validTo = formatLocalTime(c.validTo) ?? c.validTo;
  const expired = new Date(c.validTo).getTime() < Date.now();
  const empty = t.t('cliHub.cert.empty');
  const table = formatTable([
    [t.t('cliHub.cert.row.hub'), hub],
    [t.t('cliHub.cert.row.fingerprint'), c.fingerprint],
    [t.t('cliHub.cert.row.subject'), c.subject || empty],
    [t.t('cliHub.cert.row.issuer'), c.issuer === c.subject ? t.t('cliHub.cert.selfSigned') : c.issuer || empty],
    [t.t('cliHub.cert.row.validFrom'), formatLocalTime(c.validFrom)],
    [t.t('cliHub.cert.row.validUntil'), expired ? t.t('cliHub.cert.expired', { time: validTo }) : validTo],
  ]);
  return `${table}\n\n${t.t('cliHub.cert.next', { pin: c.fingerprint })}\n`;
}

export function registerCertCommand(program: Command, io: CliIo = processIo()): void {
  const t = cliText(io);
  program
    .command('cert')
    .description(t.t('cliHub.help.cert'))
    .argument('<https-url>', t.t('cliHub.help.httpsUrl'))
    .addOption(timeoutOption(t.t('cliHub.help.certTimeout')))
    .option('--json', t.t('cliHub.help.certJson'))
    .action(async (url: string, opts: CertOptions) => {
      io.setExitCode(await runCert(url, opts, io));
    });
}
