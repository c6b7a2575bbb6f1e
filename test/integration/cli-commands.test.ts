import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../electron/cli/exit-codes';
import {
  PERMISSION,
  PUBLISHED,
  SCENARIO_NAMES,
  startHub,
  DEFAULT_TIMING,
  FAULT_KINDS,
  USER_TYPE,
  VARIANT_NAMES,
  type Fault,
  type ResultFamily,
  type ScenarioName,
  type SimulatedHub,
  type Timing,
  type Variants,
} from '../simulator';
import { cli } from './cli-harness';

/**
 * `hubkeeper status | history | cert`, run in-process against simulated hubs (127.0.55.x,
 * random ports) over HTTP and over HTTPS with a pin.
 */

const HOST = '127.0.55.1';
let http: SimulatedHub;
let tls: SimulatedHub;
beforeAll(async () => {
  [http, tls] = await Promise.all([startHub({ host: HOST, port: 0 }), startHub({ host: HOST, port: 0, https: true })]);
});
afterAll(async () => {
  await Promise.all([http.stop(), tls.stop()]);
});
afterEach(() => {
  for (const h of [http, tls]) {
    h.injectFault(null);
    h.resetVariant();
    h.setResultFamily('current');
    h.setScenario('idle', DEFAULT_TIMING);
  }
});

/** Both transports: the HTTP hub as is, the HTTPS hub with its pin. */
const hubs = (): Array<[string, SimulatedHub, string[]]> => [
  ['http', http, []],
  ['https+pin', tls, ['--pin', tls.certFingerprint!]],
];

describe('status', () => {
  it.each(['http', 'https+pin'])('the seed hub over %s, as a table', async (label) => {
    const [, h, extra] = hubs().find(([l]) => l === label)!;
    const run = await cli(['status', h.url, ...extra]);
    expect(run.err).toBe('');
    expect(run.code).toBe(EXIT.OK);
    expect(run.out).toContain(`Hub         ${h.url}`);
    expect(run.out).toContain('State       idle (0x0)');
    expect(run.out).toContain('Installed   2.1.28');
    expect(run.out).toMatch(/Newest +2\.1\.28 +\(pre-release, released \d{4}-\d\d-\d\d, installed\)/);
    expect(run.out).toMatch(/Last check +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC[+-]\d\d:\d\d\)/);
    expect(run.out).not.toContain('Progress');
  });

  it('shows the local time of the last check in the user time zone', async () => {
    // The seed check, 2023-09-11T02:54:31Z, is 10:54:31 in UTC+8 (no DST there).
    const saved = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      const run = await cli(['status', http.url]);
      expect(run.out).toContain('Last check  2023-09-11 10:54:31 (UTC+08:00)');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  /**
   * Every phase of every scenario, held still: the phases before it last 0 ms, the phase itself
   * a minute. Each is read over HTTP and pinned HTTPS, and both readings must agree.
   */
  const ZERO: Timing = {
    leadMs: 0,
    checkMs: 0,
    downloadMs: 0,
    verifyMs: 0,
    uploadMs: 0,
    cancelMs: 0,
    restartNoticeMs: 0,
    restartMs: 0,
  };
  const HOLD = 60_000;
  type Phase = [
    label: string,
    timing: Partial<Timing>,
    names: string[],
    version: string,
    isNewest: boolean,
    updateResult?: number,
  ];
  const SCENARIO_PHASES: Record<ScenarioName, Phase[]> = {
    idle: [['seed', {}, ['idle'], '2.1.28', true]],
    'update-available': [['waiting', {}, ['idle'], '2.1.27', false]],
    'full-update': [
      ['update available', { leadMs: HOLD }, ['idle'], '2.1.27', false],
      ['checking', { checkMs: HOLD }, ['checking-online'], '2.1.27', false],
      ['downloading', { downloadMs: HOLD }, ['downloading'], '2.1.27', false],
      ['verifying', { verifyMs: HOLD }, ['verifying'], '2.1.27', false],
      ['restarting', { restartNoticeMs: HOLD }, ['restarting'], '2.1.27', false],
      ['done', {}, ['idle'], '2.1.28', true],
    ],
    'update-fails': [
      ['downloading', { downloadMs: HOLD }, ['downloading'], '2.1.27', false],
      ['failed', {}, ['failed'], '2.1.27', false, 11],
    ],
    'back-on-old-version': [['done', {}, ['idle'], '2.1.27', false]],
    unavailable: [['unavailable', {}, ['unavailable'], '2.1.28', true]],
    cancel: [
      ['cancelling', { cancelMs: HOLD }, ['cancelling'], '2.1.27', false],
      ['done', {}, ['idle'], '2.1.27', false],
    ],
    upload: [
      ['uploading', { uploadMs: HOLD }, ['uploading'], '2.1.27', false],
      ['done', {}, ['idle'], '2.1.28', true],
    ],
    downloading: [['cycling', { downloadMs: HOLD }, ['downloading'], '2.1.27', false]],
  };

  it('has phases for every scenario', () => {
    expect(Object.keys(SCENARIO_PHASES).sort()).toEqual([...SCENARIO_NAMES].sort());
  });

  const phaseRows: Array<[string, ...Phase]> = Object.entries(SCENARIO_PHASES).flatMap(([scenario, phases]) =>
    phases.map((p): [string, ...Phase] => [scenario, ...p]),
  );
  it.each(phaseRows)(
    'scenario %s, %s: read alike over HTTP and HTTPS',
    async (scenario, _label, timing, names, version, isNewest, updateResult = 0) => {
      const outputs: unknown[] = [];
      // Both hubs start the scenario together: its check time (whole seconds from the start)
      // is then the same on both, not one second apart when the first run crosses a second.
      for (const [, h] of hubs()) h.setScenario(scenario as ScenarioName, { ...ZERO, ...timing });
      for (const [, h, extra] of hubs()) {
        const run = await cli(['status', h.url, '--json', ...extra]);
        expect(run.code, run.out).toBe(EXIT.OK);
        const doc = run.json<{
          status: {
            state: { code: number; names: string[] };
            version: string;
            online: { isNewest: boolean; updateResult: number };
          };
        }>();
        expect(doc.status.state.code).toBe(h.stateCode);
        expect([
          doc.status.state.names,
          doc.status.version,
          doc.status.online.isNewest,
          doc.status.online.updateResult,
        ]).toEqual([names, version, isNewest, updateResult]);
        outputs.push({ ...doc.status, progress: null });
      }
      expect(outputs[0]).toEqual(outputs[1]);
    },
  );

  it('the reboot inside an update: UNREACHABLE (exit 5) saying the hub may be restarting, over HTTP and HTTPS', async () => {
    for (const [, h, extra] of hubs()) {
      h.setScenario('full-update', { ...ZERO, restartMs: HOLD });
      for (let i = 0; i < 200 && !h.isRestarting; i++) await new Promise((r) => setTimeout(r, 5));
      const run = await cli(['status', h.url, ...extra]);
      expect(run.code).toBe(EXIT.NETWORK);
      expect(run.err).toMatch(/^error UNREACHABLE: .*refused the connection.*the hub is restarting/);
      h.setScenario('idle', DEFAULT_TIMING);
      for (let i = 0; i < 200 && h.isRestarting; i++) await new Promise((r) => setTimeout(r, 5));
      expect(h.isRestarting).toBe(false);
    }
  });

  it('logs out at the end, leaving no session on the hub', async () => {
    http.clearRequests();
    expect((await cli(['status', http.url])).code).toBe(EXIT.OK);
    expect(http.requests.map((r) => r.path)).toEqual(['/api/login', '/api/update/status', '/api/logout']);
  });

  it('a download shows a progress bar', async () => {
    http.setScenario('downloading', { downloadMs: 60_000 });
    const run = await cli(['status', http.url]);
    expect(run.out).toMatch(/State +downloading \(0x4\)/);
    expect(run.out).toMatch(/Progress +\[[#-]{20}\] +\d+%/);
    expect(run.out).toContain('UPDATE AVAILABLE');
  });

  /**
   * Every simulator variant, read through the CLI over HTTP and pinned HTTPS. Keyed by variant
   * name so a variant added to the simulator without a case here fails the guard below.
   */
  const SEED_TABLE = [
    'State       idle (0x0)',
    'Installed   2.1.28',
    'Newest      2.1.28  (pre-release, released',
    'History     versions #1–#3 of 50',
  ];
  const VARIANT_CASES: Record<
    keyof Variants,
    {
      variant: Partial<Variants>;
      scenario?: ScenarioName;
      argv?: string[];
      env?: Record<string, string>;
      exit?: number;
      expect: string[];
    }
  > = {
    topLevelFields: { variant: { topLevelFields: true }, expect: SEED_TABLE },
    newestVersionAsString: { variant: { newestVersionAsString: true }, expect: ['Newest      2.1.28  (installed)'] },
    booleansAsNumbers: {
      variant: { booleansAsNumbers: true },
      expect: [...SEED_TABLE, 'Settings    upgrades allowed, online check on, pre-releases included'],
    },
    numericStrings: {
      variant: { numericStrings: true, booleansAsNumbers: true },
      expect: [...SEED_TABLE, 'Settings    upgrades allowed, online check on, pre-releases included'],
    },
    legacyCodes: {
      variant: { legacyCodes: true },
      env: { HUBKEEPER_PASSWORD: 'nope' },
      exit: EXIT.AUTH,
      expect: ['error AUTH_FAILED', '(hub code -1 for the login)'],
    },
    // Not-logged-in as HTTP 401/403 only shows on expiry (the client tests cover the re-login); a fresh command reads normally.
    http401OnExpiry: { variant: { http401OnExpiry: true }, expect: SEED_TABLE },
    http403OnExpiry: { variant: { http403OnExpiry: true }, expect: SEED_TABLE },
    unknownStateBits: {
      variant: { unknownStateBits: true },
      scenario: 'downloading',
      expect: ['State       downloading + unknown bits 0x80 (0x84)', 'Progress    ['],
    },
    progressOutOfRange: {
      variant: { progressOutOfRange: true },
      scenario: 'downloading',
      expect: ['[####################] 100%  (hub reported 140)'],
    },
    missingOnlineStatus: {
      variant: { missingOnlineStatus: true },
      expect: ['Installed   2.1.28', 'Last check  no online update information from this hub'],
    },
    missingVersions: {
      variant: { missingVersions: true },
      argv: ['history'],
      expect: ['the hub reports no published versions'],
    },
    defaultPageSize: { variant: { defaultPageSize: 5 }, expect: ['History     versions #1–#5 of 50'] },
    maxPageSize: {
      variant: { maxPageSize: 7 },
      argv: ['history', '--all'],
      expect: ['published versions #0–#49 of 50, newest first'],
    },
    authFailed36: {
      variant: { authFailed36: true },
      env: { HUBKEEPER_PASSWORD: 'nope' },
      exit: EXIT.AUTH,
      expect: ['error AUTH_FAILED', 'refused the password for user "Admin" (hub code 36 for the login)'],
    },
    noSetCookie: { variant: { noSetCookie: true }, expect: SEED_TABLE },
    // Each form is followed through login, poll, re-login and logout in hub-login-forms.test.ts.
    loginSession: { variant: { loginSession: 'cookies-only' }, expect: SEED_TABLE },
    extraFields: { variant: { extraFields: true }, expect: SEED_TABLE },
    // Device-list variants leave every other call as it was.
    deviceListWithoutTotal: { variant: { deviceListWithoutTotal: true }, expect: SEED_TABLE },
    devicePageSize: { variant: { devicePageSize: 7 }, expect: SEED_TABLE },
  };

  it('has a CLI case for every simulator variant', () => {
    expect(Object.keys(VARIANT_CASES).sort()).toEqual([...VARIANT_NAMES].sort());
  });

  it.each(Object.entries(VARIANT_CASES))('variant %s over HTTP and HTTPS', async (_name, c) => {
    for (const [, h, extra] of hubs()) {
      h.resetVariant(c.variant);
      h.setScenario(c.scenario ?? 'idle', { downloadMs: 60_000 });
      const [command = 'status', ...more] = c.argv ?? [];
      const run = await cli([command, h.url, ...more, ...extra], c.env ? { env: c.env } : {});
      expect(run.code, run.err).toBe(c.exit ?? EXIT.OK);
      for (const text of c.expect) expect(run.out + run.err).toContain(text);
    }
  });
});

describe('failures: code, message, exit code', () => {
  it.each([
    ['wrong password', ['--timeout', '3'], { HUBKEEPER_PASSWORD: 'nope' }, 'AUTH_FAILED', EXIT.AUTH],
    ['unknown user', ['--user', 'ghost'], { HUBKEEPER_PASSWORD: 'x' }, 'AUTH_FAILED', EXIT.AUTH],
    ['no password at all', [], {}, 'BAD_INPUT', EXIT.USAGE],
  ] as const)('%s', async (_label, args, env, code, exit) => {
    const run = await cli(['status', http.url, ...args], { env: { ...env } });
    expect(run.code).toBe(exit);
    expect(run.out).toBe('');
    // One line, the code first, and the hub named so a script's log over many hubs reads well.
    expect(run.err).toMatch(new RegExp(`^error ${code}: ${http.url.replace(/\./g, '\\.')}[: ]`));
    expect(run.err.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    ['current', 31],
    ['legacy', -26],
  ] as Array<[ResultFamily, number]>)(
    'a user without permission (%s family): NOT_PERMITTED, hub code %i, exit 3',
    async (family, hubCode) => {
      const viewer = { name: 'viewer', password: 'look', type: USER_TYPE.VIEWER, permission: PERMISSION.DEVICE_VIEW };
      const h = await startHub({ host: HOST, port: 0, resultFamily: family, users: [viewer] });
      try {
        const json = await cli(['status', h.url, '--user', 'viewer', '--json'], {
          env: { HUBKEEPER_PASSWORD: 'look' },
        });
        expect(json.code).toBe(EXIT.AUTH);
        expect(json.json()).toMatchObject({
          ok: false,
          status: null,
          error: { code: 'NOT_PERMITTED', hubCode, message: expect.stringContaining('"viewer"') },
        });
        const text = await cli(['history', h.url, '--user', 'viewer'], { env: { HUBKEEPER_PASSWORD: 'look' } });
        expect(text.code).toBe(EXIT.AUTH);
        expect(text.err).toMatch(
          new RegExp(
            `^error NOT_PERMITTED: .*"viewer" is not allowed .*\\(hub code ${hubCode} for the update status request\\)\\.$`,
            'm',
          ),
        );
        // It still logged out: no session left behind.
        expect(h.requests.map((r) => r.path).filter((p) => p === '/api/logout')).toHaveLength(2);
      } finally {
        await h.stop();
      }
    },
  );

  it('legacy family: wrong password is AUTH_FAILED with hub code -1', async () => {
    http.setResultFamily('legacy');
    const run = await cli(['status', http.url, '--json'], { env: { HUBKEEPER_PASSWORD: 'nope' } });
    expect(run.json()).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', hubCode: -1 } });
  });

  it('a bad address is BAD_INPUT, exit 2, JSON keeps the input as hub', async () => {
    const run = await cli(['status', 'ftp://x', '--json']);
    expect(run.code).toBe(EXIT.USAGE);
    expect(run.json()).toMatchObject({ hub: 'ftp://x', ok: false, status: null, error: { code: 'BAD_INPUT' } });
  });

  it('HTTPS without a pin: TLS_UNTRUSTED with the fingerprint and the --pin hint', async () => {
    const run = await cli(['status', tls.url]);
    expect(run.code).toBe(EXIT.TLS);
    expect(run.err).toContain(`error TLS_UNTRUSTED: ${tls.url} presents a certificate`);
    expect(run.err).toContain(`hint: after checking the fingerprint, add --pin ${tls.certFingerprint}`);
  });

  it('HTTPS with the wrong pin: CERT_CHANGED, and the hub never saw a login', async () => {
    tls.clearRequests();
    const run = await cli(['status', tls.url, '--pin', `sha256:${'0'.repeat(64)}`, '--json']);
    expect(run.code).toBe(EXIT.TLS);
    expect(run.json()).toMatchObject({ ok: false, status: null, error: { code: 'CERT_CHANGED', hubCode: null } });
    expect(tls.requests).toEqual([]);
  });

  it('the certificate swapped after pinning: CERT_CHANGED naming both, exit 4, nothing sent to the new one', async () => {
    const pinned = tls.certFingerprint!;
    expect((await cli(['status', tls.url, '--pin', pinned])).code).toBe(EXIT.OK);
    await tls.swapCertificate();
    tls.clearRequests();
    const run = await cli(['status', tls.url, '--pin', pinned]);
    expect(run.code).toBe(EXIT.TLS);
    expect(run.err).toMatch(/^error CERT_CHANGED: /);
    expect(run.err).toContain(tls.certFingerprint!);
    expect(run.err).toContain(pinned);
    expect(run.err).toContain(`hint: run hubkeeper cert ${tls.url}`);
    expect(tls.requests).toEqual([]);
  });

  it('a malformed pin is refused by the command line: usage error on stderr, no document (as documented)', async () => {
    tls.clearRequests();
    const run = await cli(['status', tls.url, '--pin', 'abc', '--json']);
    expect(run.code).toBe(EXIT.USAGE);
    expect(run.err).toContain('64 hexadecimal');
    expect(run.out).toBe('');
    expect(tls.requests).toEqual([]);
  });

  const FAULTS: Array<[Fault, string, number]> = [
    [{ kind: 'hang' }, 'TIMEOUT', EXIT.NETWORK],
    [{ kind: 'latency', ms: 5000 }, 'TIMEOUT', EXIT.NETWORK],
    [{ kind: 'reset' }, 'UNREACHABLE', EXIT.NETWORK],
    [{ kind: 'http500' }, 'HUB_ERROR', EXIT.FAILURE],
    [{ kind: 'http401' }, 'AUTH_FAILED', EXIT.AUTH],
    [{ kind: 'html' }, 'PROTOCOL', EXIT.FAILURE],
    [{ kind: 'malformed-json' }, 'PROTOCOL', EXIT.FAILURE],
    [{ kind: 'truncated' }, 'PROTOCOL', EXIT.FAILURE],
    [{ kind: 'huge', bytes: 6 * 1024 * 1024 }, 'PROTOCOL', EXIT.FAILURE],
    // The same faults after a good login, on the status call only.
    [{ kind: 'hang', paths: ['/api/update/status'] }, 'TIMEOUT', EXIT.NETWORK],
    [{ kind: 'http401', paths: ['/api/update/status'] }, 'SESSION_EXPIRED', EXIT.AUTH],
    [{ kind: 'truncated', paths: ['/api/update/status'] }, 'PROTOCOL', EXIT.FAILURE],
    [{ kind: 'reset', paths: ['/api/update/status'] }, 'UNREACHABLE', EXIT.NETWORK],
  ];

  it('covers every fault the simulator has', () => {
    expect(new Set(FAULTS.map(([f]) => f.kind))).toEqual(new Set(FAULT_KINDS));
  });

  it.each(FAULTS)('fault %j → %s within --timeout 1 (HTTP and HTTPS)', async (fault, code, exit) => {
    for (const [, h, extra] of hubs()) {
      h.injectFault(fault);
      const started = Date.now();
      const run = await cli(['status', h.url, '--timeout', '1', '--json', ...extra]);
      expect(Date.now() - started).toBeLessThan(1800);
      expect(run.code).toBe(exit);
      expect(run.json()).toMatchObject({
        ok: false,
        status: null,
        error: { code, message: expect.stringContaining(h.url) },
      });
    }
  });

  it('a timeout names the --timeout the user gave, not what was left of it', async () => {
    http.injectFault({ kind: 'hang', paths: ['/api/update/status'] });
    const run = await cli(['status', http.url, '--timeout', '2']);
    expect(run.code).toBe(EXIT.NETWORK);
    expect(run.err).toMatch(/^error TIMEOUT: .* within 2 s\b/);
  });

  it('a hub that is down: UNREACHABLE, exit 5', async () => {
    const h = await startHub({ host: HOST, port: 0 });
    const url = h.url;
    await h.stop();
    const run = await cli(['status', url]);
    expect(run.code).toBe(EXIT.NETWORK);
    expect(run.err).toContain('refused the connection');
  });
});

describe('password from stdin', () => {
  it('reads the first line and logs in', async () => {
    const run = await cli(['status', http.url, '--password-stdin', '--json'], { env: {}, stdin: 'Admin\n' });
    expect(run.json()).toMatchObject({ ok: true });
  });

  it('stdin that stays open without a password: BAD_INPUT within the timeout, nothing sent', async () => {
    http.clearRequests();
    const started = Date.now();
    const run = await cli(['status', http.url, '--password-stdin', '--timeout', '0.5'], { env: {} });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(run.code).toBe(EXIT.USAGE);
    expect(run.err).toContain('No password arrived on standard input within 0.5 s');
    expect(http.requests).toEqual([]);
  });

  it('a wrong one is refused like any other', async () => {
    const run = await cli(['status', http.url, '--password-stdin'], {
      env: { HUBKEEPER_PASSWORD: 'Admin' },
      stdin: 'nope\n',
    });
    expect(run.code).toBe(EXIT.AUTH);
  });
});

describe('history', () => {
  it.each(['http', 'https+pin'])('the default page over %s, as a table', async (label) => {
    const [, h, extra] = hubs().find(([l]) => l === label)!;
    const run = await cli(['history', h.url, ...extra]);
    expect(run.code).toBe(EXIT.OK);
    expect(run.out).toContain(`${h.url}: published versions #1–#3 of 50, newest first`);
    expect(run.out).toMatch(
      /^1 +2\.1\.27 +\d{4}-\d\d-\d\d +yes +7cd2737135b7e826d44fa9ceae65c72bd84520b0899bafe7f912cd6bda5385e5$/m,
    );
  });

  it('--start/--count', async () => {
    const run = await cli(['history', http.url, '--start', '10', '--count', '5', '--json']);
    const doc = run.json<{ history: { start: number; total: number; entries: Array<{ version: string }> } }>();
    expect(doc.history.start).toBe(10);
    expect(doc.history.entries.map((e) => e.version)).toEqual(PUBLISHED.slice(10, 15).map((p) => p.version));
  });

  it('--all reads every version even from a hub serving 7 per page', async () => {
    http.setVariant({ maxPageSize: 7 });
    const run = await cli(['history', http.url, '--all', '--json']);
    const doc = run.json<{
      history: { start: number; total: number; entries: Array<{ version: string; digest: string }> };
    }>();
    expect([doc.history.start, doc.history.total]).toEqual([0, 50]);
    expect(doc.history.entries.map((e) => e.version)).toEqual(PUBLISHED.map((p) => p.version));
    expect(doc.history.entries.every((e) => /^[0-9a-f]{64}$/.test(e.digest))).toBe(true);
    const table = await cli(['history', http.url, '--all']);
    expect(table.out.trim().split('\n')).toHaveLength(52);
  });

  it('no versions from older firmware: said plainly', async () => {
    http.setVariant({ missingVersions: true });
    const run = await cli(['history', http.url]);
    expect(run.code).toBe(EXIT.OK);
    expect(run.out).toContain('the hub reports no published versions');
    expect((await cli(['history', http.url, '--json'])).json()).toMatchObject({ ok: true, history: null });
    // --all says the same thing, rather than an invented empty page starting at 0.
    expect((await cli(['history', http.url, '--all', '--json'])).json()).toEqual({
      hub: http.url,
      ok: true,
      history: null,
      error: null,
    });
    expect((await cli(['history', http.url, '--all'])).out).toContain('the hub reports no published versions');
  });

  it('--all with --start is a usage error', async () => {
    expect((await cli(['history', http.url, '--all', '--start', '3'])).code).toBe(EXIT.USAGE);
  });
});

describe('cert', () => {
  it('prints the fingerprint to pin, without sending anything', async () => {
    tls.clearRequests();
    const run = await cli(['cert', tls.url]);
    expect(run.code).toBe(EXIT.OK);
    expect(run.out).toContain(`Fingerprint  ${tls.certFingerprint}`);
    expect(run.out).toContain(`--pin ${tls.certFingerprint}`);
    expect(run.out).toContain('itself (self-signed)');
    expect(tls.requests).toEqual([]);
  });

  it('takes an address without scheme as HTTPS, and --json', async () => {
    const run = await cli(['cert', `${HOST}:${tls.port}`, '--json']);
    expect(run.json()).toMatchObject({
      hub: tls.url,
      ok: true,
      certificate: { fingerprint: tls.certFingerprint },
      error: null,
    });
  });

  it('refuses http:// and reports a plain-HTTP port honestly', async () => {
    expect((await cli(['cert', http.url])).code).toBe(EXIT.USAGE);
    const run = await cli(['cert', `https://${HOST}:${http.port}`, '--json']);
    expect(run.json()).toMatchObject({
      ok: false,
      certificate: null,
      error: { code: 'PROTOCOL', message: expect.stringContaining('HTTPS') },
    });
  });
});
