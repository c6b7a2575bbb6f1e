import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../cli-args';
import { call } from './http-helpers';

const CLI = fileURLToPath(new URL('../cli.ts', import.meta.url));

describe('simulator command line parsing', () => {
  it('has demo defaults', () => {
    const { fleet, fault } = parseCliArgs([]);
    expect(fleet).toMatchObject({ count: 3, from: '127.0.0.2', port: 8080, https: false, scenario: 'idle', resultFamily: 'current', sessionIdleMs: 30 * 60_000 });
    expect(fault).toBeNull();
  });

  it('parses every option', () => {
    const { fleet, fault } = parseCliArgs(
      ['--hubs', '20', '--from', '127.0.5.1', '--port', '8443', '--https', '--scenario', 'full-update', '--variant', 'topLevelFields,maxPageSize=10,booleansAsNumbers=false', '--timing', 'downloadMs=20000,restartMs=5000', '--fault', 'latency=300', '--legacy', '--session-minutes', '-1'],
    );
    expect(fleet).toMatchObject({
      count: 20,
      from: '127.0.5.1',
      port: 8443,
      https: true,
      scenario: 'full-update',
      variant: { topLevelFields: true, maxPageSize: 10, booleansAsNumbers: false },
      timing: { downloadMs: 20000, restartMs: 5000 },
      resultFamily: 'legacy',
      sessionIdleMs: -1,
    });
    expect(fault).toEqual({ kind: 'latency', ms: 300 });
    expect(parseCliArgs(['--mixed']).fleet.https).toBe('mixed');
  });

  it.each([
    [['--hubs', '0'], /--hubs must be/],
    [['--port', '70000'], /--port must be/],
    [['--from', '192.168.0.10'], /127\.0\.0\.0\/8/],
    [['--from', '127.255.255.250', '--hubs', '10'], /past 127\.255\.255\.255/],
    [['--scenario', 'nope'], /unknown scenario "nope"/],
    [['--variant', 'nope'], /unknown variant "nope"/],
    [['--timing', 'fastMs=1'], /unknown timing "fastMs"/],
    [['--fault', 'latency'], /latency needs milliseconds/],
    [['--https', '--mixed'], /exclude each other/],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

describe('simulator command', () => {
  it('prints each hub URL (and fingerprint for HTTPS), serves, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--hubs', '2', '--from', '127.79.1.2', '--port', '0', '--mixed', '--variant', 'topLevelFields'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const lines = await new Promise<string[]>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`no output in time: ${out}`)), 10_000);
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const ls = out.split('\n').filter(Boolean);
          if (ls.length >= 2) {
            clearTimeout(timer);
            resolve(ls);
          }
        });
        child.on('exit', (code) => reject(new Error(`exited early with ${String(code)}`)));
      });
      expect(lines[0]).toMatch(/^http:\/\/127\.79\.1\.2:\d+$/);
      expect(lines[1]).toMatch(/^https:\/\/127\.79\.1\.3:\d+ sha256:[0-9a-f]{64}$/);
      const url = new URL(lines[0]!);
      const answer = await call({ url: url.origin, certPem: null }, '/api/update/status');
      expect(answer.json).toStrictEqual({ result: 37 });
      const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
