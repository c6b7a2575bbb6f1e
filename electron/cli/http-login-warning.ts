import { translator, type Translator } from '../core/i18n';
import type { SessionTarget } from '../core/sessions/session-target';
import { formatHubUrl } from '../core/hub/hub-url';

const ENGLISH = translator('en');

/**
 * Said on stderr before the CLI logs in to a hub over plain HTTP: the Control Hub login is an
 * unsalted MD5 of the password without a challenge, so whoever sees it can log in as the user.
 */
export function httpLoginWarning(url: string, t: Translator = ENGLISH): string {
  return `${t.t('cliCommon.warning', { text: t.t('cliHub.httpLogin.warning', { url }) })}\n`;
}

/** The warnings `watch` gives before its first logins: one per plain-HTTP hub, or why it will be refused. */
export function httpLoginWarnings(targets: readonly SessionTarget[], t: Translator = ENGLISH): string {
  return targets
    .filter((target) => target.endpoint.scheme === 'http')
    .map((target) => {
      const url = formatHubUrl(target.endpoint);
      return target.forbidHttpLogin
        ? `${t.t('cliCommon.warning', { text: t.t('cliHub.httpLogin.forbidden', { url }) })}\n`
        : httpLoginWarning(url, t);
    })
    .join('');
}
