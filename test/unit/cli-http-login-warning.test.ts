import { describe, expect, it } from 'vitest';
import { httpLoginWarnings } from '../../electron/cli/http-login-warning';
import type { SessionTarget } from '../../electron/core/sessions/session-target';

const target = (scheme: 'http' | 'https', host: string, forbidHttpLogin = false): SessionTarget => ({
  hubId: host,
  endpoint: { scheme, host, port: scheme === 'http' ? 80 : 443 },
  pin: null,
  siteId: 's',
  defaultUser: null,
  name: '',
  ...(forbidHttpLogin ? { forbidHttpLogin } : {}),
});

// `hubkeeper watch` logs in with the password from the environment to every hub it watches: it
// says which of them get it over plain HTTP before the first login (documentation addresses).
describe('watch: plain HTTP logins are announced before the first login', () => {
  it('one warning per plain-HTTP hub, none for HTTPS, and a refusal note where the site forbids it', () => {
    const text = httpLoginWarnings([
      target('http', '192.0.2.1'),
      target('https', '192.0.2.2'),
      target('http', '192.0.2.3', true),
    ]);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^warning: http:\/\/192\.0\.2\.1 is plain HTTP: .*MD5.*replay/);
    expect(lines[1]).toMatch(
      /^warning: http:\/\/192\.0\.2\.3 .*site forbids logins over plain HTTP: it will not be logged in/,
    );
    expect(httpLoginWarnings([target('https', '192.0.2.2')])).toBe('');
  });
});
