import { describe, expect, it } from 'vitest';
import { FIELD_CAPS } from '../../electron/core/hub/field-caps';
import { parseLogin, parseSystemStatus } from '../../electron/core/hub/parse-other';
import { createOnlineMemo, parseUpdateStatus } from '../../electron/core/hub/parse-update-status';
import seed from '../fixtures/update-status.seed.json';

/** Hub strings are capped where they are parsed: over the cap is a PROTOCOL error naming the field. */

type Body = { result: number; status: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
const seedBody = (): Body => structuredClone(seed) as Body;
const huge = (n: number) => 'x'.repeat(n);

function protocolError(r: ReturnType<typeof parseUpdateStatus>): string {
  expect(r.ok).toBe(false);
  if (r.ok) return '';
  expect(r.error.code).toBe('PROTOCOL');
  return r.error.message;
}

describe('update status caps', () => {
  it('a 2 MB version is a protocol error naming the field, with nothing of its content', () => {
    const body = seedBody();
    body.status.version = `2.1.28${huge(2_000_000)}`;
    const message = protocolError(parseUpdateStatus(body));
    expect(message).toContain('"version" field is 2000006 characters long');
    expect(message.length).toBeLessThan(300);
  });

  it('every capped field of the answer, at the cap read, over it refused', () => {
    const cases: Array<[string, (b: Body, v: string) => void, number]> = [
      ['os-name', (b, v) => (b.status['os-name'] = v), FIELD_CAPS.osName],
      ['info', (b, v) => (b.status.info = v), FIELD_CAPS.text],
      [
        'online-status.newest-version.version',
        (b, v) => (b.status['online-status']['newest-version'].version = v),
        FIELD_CAPS.version,
      ],
      ['online-status.newest-version', (b, v) => (b.status['online-status']['newest-version'] = v), FIELD_CAPS.version],
      [
        'online-status.versions.list[1].digest',
        (b, v) => (b.status['online-status'].versions.list[1].digest = v),
        FIELD_CAPS.digest,
      ],
      [
        'online-status.versions.list[0].version',
        (b, v) => (b.status['online-status'].versions.list[0].version = v),
        FIELD_CAPS.version,
      ],
      [
        'online-status.versions.list[2].date',
        (b, v) => (b.status['online-status'].versions.list[2].date = v),
        FIELD_CAPS.number,
      ],
      ['online-status.date', (b, v) => (b.status['online-status'].date = v), FIELD_CAPS.number],
    ];
    for (const [field, set, cap] of cases) {
      const atCap = seedBody();
      set(atCap, field.endsWith('date') ? '1'.repeat(cap) : huge(cap));
      expect(parseUpdateStatus(atCap).ok, `${field} at its cap`).toBe(true);
      const over = seedBody();
      set(over, huge(cap + 1));
      expect(protocolError(parseUpdateStatus(over)), field).toContain(`"${field}" field is ${cap + 1} characters`);
    }
  });

  it('a refused answer leaves the poll memo as it was (nothing of it kept)', () => {
    const memo = createOnlineMemo();
    const good = seedBody();
    expect(parseUpdateStatus(good, { memo }).ok).toBe(true);
    const before = { online: memo.online, history: memo.history, raw: memo.raw };
    const bad = seedBody();
    bad.status['online-status']['newest-version'].version = huge(FIELD_CAPS.version + 1);
    expect(parseUpdateStatus(bad, { memo }).ok).toBe(false);
    expect({ online: memo.online, history: memo.history, raw: memo.raw }).toEqual(before);
    expect(JSON.stringify(memo)).not.toContain(huge(FIELD_CAPS.version + 1));
  });
});

describe('login and system status caps', () => {
  it('a session token or user name over its cap fails the login as a protocol error', () => {
    const r = parseLogin({ result: 0, token: huge(FIELD_CAPS.token + 1) }, 'Admin');
    expect(r.ok || r.error).toMatchObject({ code: 'PROTOCOL', message: expect.stringContaining('"token" field') });
    const sid = parseLogin({ result: 0, sid: huge(FIELD_CAPS.token + 1) }, 'Admin');
    expect(sid.ok || sid.error.message).toContain('"sid" field');
    const name = parseLogin({ result: 0, token: 'T', user: { name: huge(FIELD_CAPS.name + 1) } }, 'Admin');
    expect(name.ok || name.error.message).toContain('"user.name" field');
    expect(parseLogin({ result: 0, token: huge(FIELD_CAPS.token) }, 'Admin').ok).toBe(true);
  });

  it('a cloud version over its cap fails the system status', () => {
    const r = parseSystemStatus({ status: { system: { info: { 'cloud-version': huge(65) }, status: {} } } });
    expect(r.ok || r.error).toMatchObject({ code: 'PROTOCOL', message: expect.stringContaining('"cloud-version"') });
  });
});
