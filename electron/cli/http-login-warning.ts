import type { SessionTarget } from '../core/sessions/session-target';
import { formatHubUrl } from '../core/hub/hub-url';

/**
 * Said on stderr before the CLI logs in to a hub over plain HTTP: the Control Hub login is an
 * unsalted MD5 of the password without a challenge, so whoever sees it can log in as the user.
 */
export function httpLoginWarning(url: string): string {
  return (
    `warning: ${url} is plain HTTP: the login sends an MD5 of the password that anyone on this network can capture and replay. ` +
    "Use the hub's https:// address if it has one.\n"
  );
}

/** The warnings `watch` gives before its first logins: one per plain-HTTP hub, or why it will be refused. */
export function httpLoginWarnings(targets: readonly SessionTarget[]): string {
  return targets
    .filter((t) => t.endpoint.scheme === 'http')
    .map((t) =>
      t.forbidHttpLogin
        ? `warning: ${formatHubUrl(t.endpoint)} has only plain HTTP and its site forbids logins over plain HTTP: it will not be logged in.\n`
        : httpLoginWarning(formatHubUrl(t.endpoint)),
    )
    .join('');
}
