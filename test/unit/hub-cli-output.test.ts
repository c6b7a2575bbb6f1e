import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EXIT, exitCodeFor } from '../../electron/cli/exit-codes';
import type { CliIo } from '../../electron/cli/io';
import { parseSeconds, parsePinOption, readPassword } from '../../electron/cli/options';
import { formatColumns, formatLocalTime, formatTable, progressBar } from '../../electron/cli/output';
import { describeState, renderStatus } from '../../electron/cli/status-text';
import { parseUpdateStatus } from '../../electron/core/hub/parse-update-status';
import { ERROR_CODES } from '../../electron/shared/errors';
import { decodeState } from '../../electron/shared/update-state';
import seed from '../fixtures/update-status.seed.json';

function io(env: Record<string, string> = {}, stdinText?: string): CliIo {
  const stdin = new PassThrough();
  if (stdinText !== undefined) stdin.end(stdinText);
  return { out: () => {}, err: () => {}, env, stdin, isTty: false, setExitCode: () => {} };
}

describe('CLI output helpers', () => {
  it('progress bar is clamped and ASCII', () => {
    expect(progressBar(37)).toBe('[#######-------------]  37%');
    expect(progressBar(0)).toBe('[--------------------]   0%');
    expect(progressBar(100)).toBe('[####################] 100%');
    expect(progressBar(140)).toBe(progressBar(100));
    expect(progressBar(Number.NaN)).toBe(progressBar(0));
  });

  it('tables pad labels and leave out absent rows', () => {
    expect(
      formatTable([
        ['State', 'idle'],
        ['Progress', null],
        ['Installed', '2.1.28'],
      ]),
    ).toBe('State      idle\nInstalled  2.1.28');
    expect(
      formatColumns([
        ['#', 'Version'],
        ['10', '2.1.28'],
      ]),
    ).toBe('#   Version\n10  2.1.28');
  });

  it('local time shows the offset so a report read elsewhere is unambiguous', () => {
    const text = formatLocalTime('2023-09-11T02:54:31.000Z');
    expect(text).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC[+-]\d\d:\d\d\)$/);
    const [, date, time, sign, hh, mm] = /^(\S+) (\S+) \(UTC([+-])(\d\d):(\d\d)\)$/.exec(text!)!;
    const offsetMin = (sign === '-' ? -1 : 1) * (Number(hh) * 60 + Number(mm));
    expect(Date.parse(`${date}T${time}Z`) - offsetMin * 60_000).toBe(Date.parse('2023-09-11T02:54:31.000Z'));
    expect(formatLocalTime(null)).toBeNull();
    expect(formatLocalTime('garbage')).toBeNull();
  });

  it('describes states with unknown bits honestly', () => {
    expect(describeState(decodeState(0))).toBe('idle (0x0)');
    expect(describeState(decodeState(0x84))).toBe('downloading + unknown bits 0x80 (0x84)');
    expect(describeState(decodeState(0x80))).toBe('unknown state (0x80)');
    expect(describeState(decodeState(0x80000000))).toBe('unknown state (0x80000000)');
  });

  it('renders a downloading hub with a bar, the raw progress when out of range, and the update', () => {
    const body = structuredClone(seed) as {
      status: Record<string, unknown> & { 'online-status': Record<string, unknown> };
    };
    body.status.state = 4;
    body.status.progress = 140;
    body.status.version = '2.1.27';
    body.status['online-status']['is-newest'] = false;
    const s = parseUpdateStatus(body);
    if (!s.ok) throw new Error(s.error.message);
    const text = renderStatus('http://127.0.0.2:8080', s.value);
    expect(text).toContain('State       downloading (0x4)');
    expect(text).toContain('[####################] 100%  (hub reported 140)');
    expect(text).toContain('Installed   2.1.27');
    expect(text).toMatch(/Newest +2\.1\.28 +\(pre-release, released \d{4}-\d\d-\d\d, UPDATE AVAILABLE\)/);
    expect(text).toMatch(/Last check +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC/);
  });

  it('shows no bar when not downloading, and the failure code when failed', () => {
    const body = structuredClone(seed) as {
      status: Record<string, unknown> & { 'online-status': Record<string, unknown> };
    };
    body.status.state = 0x200;
    body.status['online-status']['update-result'] = 11;
    const s = parseUpdateStatus(body);
    if (!s.ok) throw new Error(s.error.message);
    const text = renderStatus('h', s.value);
    expect(text).not.toContain('Progress');
    expect(text).toContain('Failure     the update failed (hub error code 11)');
    delete body.status['online-status']['update-result'];
    const silent = parseUpdateStatus(body);
    expect(silent.ok && renderStatus('h', silent.value)).toContain(
      'Failure     the update failed (the hub gave no reason)',
    );
  });
});

describe('CLI options', () => {
  it('timeout seconds → ms, with clear refusals', () => {
    expect(parseSeconds('10')).toBe(10_000);
    expect(parseSeconds('2.5')).toBe(2500);
    for (const bad of ['0', '-1', 'ten', '1e3', '99999', '']) expect(() => parseSeconds(bad)).toThrow(/seconds/);
  });

  it('pins are normalised or refused', () => {
    expect(parsePinOption('A'.repeat(64))).toBe(`sha256:${'a'.repeat(64)}`);
    expect(() => parsePinOption('nope')).toThrow(/64 hexadecimal/);
  });

  it('password from the environment, never invented', async () => {
    expect(await readPassword({ passwordStdin: false, user: 'Admin' }, io({ HUBKEEPER_PASSWORD: 's3cret' }))).toEqual({
      ok: true,
      value: 's3cret',
    });
    const missing = await readPassword({ passwordStdin: false, user: 'Admin' }, io());
    expect(missing).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringContaining('HUBKEEPER_PASSWORD') },
    });
  });

  it('password from stdin: the first line, without its line break', async () => {
    expect(await readPassword({ passwordStdin: true, user: 'Admin' }, io({}, 'pa ss\r\nignored\n'))).toEqual({
      ok: true,
      value: 'pa ss',
    });
    expect(await readPassword({ passwordStdin: true, user: 'Admin' }, io({}, 'nolinebreak'))).toEqual({
      ok: true,
      value: 'nolinebreak',
    });
    expect(
      await readPassword({ passwordStdin: true, user: 'Admin' }, io({ HUBKEEPER_PASSWORD: 'env' }, '\n')),
    ).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await readPassword({ passwordStdin: true, user: 'Admin' }, io({}, 'x'.repeat(5000)))).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
  });

  it('every error code has an exit code, never 0', () => {
    for (const code of ERROR_CODES) expect(exitCodeFor({ code, hubCode: null, message: '' })).not.toBe(EXIT.OK);
    expect(exitCodeFor({ code: 'BAD_INPUT', hubCode: null, message: '' })).toBe(EXIT.USAGE);
    expect(exitCodeFor({ code: 'CERT_CHANGED', hubCode: null, message: '' })).toBe(EXIT.TLS);
    expect(exitCodeFor({ code: 'TIMEOUT', hubCode: null, message: '' })).toBe(EXIT.NETWORK);
  });
});
