import { describe, expect, it } from 'vitest';
import { httpLoginWarnings } from '../../electron/cli/http-login-warning';
import { translator } from '../../electron/core/i18n';
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

describe('the plain-HTTP warnings in Chinese (issue 14)', () => {
  it('say the same in the run’s language', () => {
    const text = httpLoginWarnings(
      [target('http', '192.0.2.1'), target('http', '192.0.2.3', true)],
      translator('zh-CN'),
    );
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^警告：http:\/\/192\.0\.2\.1 使用明文 HTTP：登录时发送的密码 MD5 可被此网络中的任何人截获并重放。/,
    );
    expect(lines[1]).toBe('警告：http://192.0.2.3 只有明文 HTTP，而其站点禁止通过明文 HTTP 登录：不会登录此 Hub。');
  });
});
